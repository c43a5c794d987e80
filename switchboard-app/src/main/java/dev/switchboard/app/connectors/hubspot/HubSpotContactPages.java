package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pages through HubSpot contacts for backfill (everything, by the list endpoint's id order) and reconciliation
 * (modified since a time, by CRM search on {@code lastmodifieddate}).
 *
 * <p>Search is paged by key, not by offset: each page asks again for contacts modified at or after the newest one
 * of the page before. Offset paging skips a contact whenever one already paged past is modified meanwhile (it moves
 * to the end and every later result shifts down by one), and it cannot get past search's 10,000-result cap, so a
 * backlog larger than that would never be recovered. Contacts at the boundary millisecond are read twice (the
 * engine drops the repeat); only when a whole page shares one millisecond does the cursor advance by offset within
 * it. Cursor forms: {@code list:<after>} and {@code search:<sinceMs>:<offset>}.
 */
final class HubSpotContactPages {
  static final int LIST_PAGE = 100;
  /** The most search returns per page. */
  static final int SEARCH_PAGE = 200;
  /** Search answers at most this many results for one query (offset + limit). */
  static final int SEARCH_RESULT_CAP = 10_000;

  private final HubSpotClient client;

  HubSpotContactPages(HubSpotClient client) {
    this.client = client;
  }

  RecordPage page(ConnectionContext connection, Map<String, String> custom, @Nullable Instant since,
      @Nullable String cursor) {
    List<String> props = HubSpotMapper.readProperties(custom);
    if (cursor != null && cursor.startsWith("list:")) {
      String after = cursor.substring(5);
      return listPage(connection, custom, props, after.isEmpty() ? null : after);
    }
    if (cursor == null && since == null) {
      return listPage(connection, custom, props, null);
    }
    long sinceMs;
    int offset;
    if (cursor == null) {
      sinceMs = since.toEpochMilli();
      offset = 0;
    } else {
      String[] parts = cursor.split(":", 3);
      try {
        if (parts.length != 3 || !parts[0].equals("search")) {
          throw new IllegalArgumentException();
        }
        sinceMs = Long.parseLong(parts[1]);
        offset = parts[2].isEmpty() ? 0 : Integer.parseInt(parts[2]);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("bad hubspot cursor");
      }
    }
    if (offset + SEARCH_PAGE > SEARCH_RESULT_CAP) {
      // over 10,000 contacts modified in one millisecond: move past it rather than ask what search refuses
      sinceMs++;
      offset = 0;
    }
    // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/search/post-crm-v3-objects-contacts-search
    JsonNode page = client.searchContacts(connection, searchBody(props, sinceMs, offset));
    List<SourceRecord> records = new ArrayList<>();
    long newest = sinceMs;
    for (JsonNode c : page.path("results")) {
      SourceRecord r = HubSpotMapper.source(c, custom);
      records.add(r);
      newest = Math.max(newest, r.modifiedAt().toEpochMilli());
    }
    if (page.path("paging").path("next").path("after").asString("").isEmpty()) {
      return new RecordPage(records, null);
    }
    String next = newest > sinceMs ? "search:" + newest + ":0" : "search:" + sinceMs + ":" + (offset + records.size());
    return new RecordPage(records, next);
  }

  private static ObjectNode searchBody(List<String> props, long sinceMs, int offset) {
    ObjectNode body = HubSpotClient.JSON.createObjectNode();
    ObjectNode filter = body.putArray("filterGroups").addObject().putArray("filters").addObject();
    filter.put("propertyName", HubSpotMapper.LAST_MODIFIED).put("operator", "GTE").put("value", Long.toString(sinceMs));
    body.putArray("sorts").addObject().put("propertyName", HubSpotMapper.LAST_MODIFIED).put("direction", "ASCENDING");
    ArrayNode propsNode = body.putArray("properties");
    props.forEach(propsNode::add);
    body.put("limit", SEARCH_PAGE);
    if (offset > 0) {
      body.put("after", Integer.toString(offset));
    }
    return body;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts
  private RecordPage listPage(ConnectionContext connection, Map<String, String> custom, List<String> props,
      @Nullable String after) {
    JsonNode page = client.listContacts(connection, after, LIST_PAGE, props);
    List<SourceRecord> records = new ArrayList<>();
    for (JsonNode c : page.path("results")) {
      if (!c.path("archived").asBoolean(false)) {
        records.add(HubSpotMapper.source(c, custom));
      }
    }
    String nextAfter = page.path("paging").path("next").path("after").asString(null);
    return new RecordPage(records, nextAfter == null || nextAfter.isEmpty() ? null : "list:" + nextAfter);
  }
}
