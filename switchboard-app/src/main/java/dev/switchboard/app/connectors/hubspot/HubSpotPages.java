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
 * Pages through the HubSpot objects of one type for backfill (everything, by the list endpoint's id order, with their
 * associations) and reconciliation (modified since a time, by CRM search on the type's last-modified property;
 * search answers carry no associations).
 *
 * <p>Search is paged by key, never by offset: each page asks again for contacts modified at or after the newest one
 * of the page before. Offset paging skips a contact whenever one already paged past is modified meanwhile (it moves
 * to the end and every later result shifts down by one), and it cannot get past search's 10,000-result cap, so a
 * backlog larger than that would never be recovered. Contacts at the boundary millisecond are read twice (the
 * engine drops the repeat). When a whole page shares one millisecond (a bulk import), that millisecond is read on
 * its own, by id: {@code lastmodifieddate EQ t}, {@code hs_object_id GT} the last id, sorted by id — search can
 * sort by one property only, and an offset inside the group would skip as above. Cursor forms: {@code list:<after>},
 * {@code search:<sinceMs>} and {@code group:<ms>:<lastId>}.
 */
final class HubSpotPages {
  static final int LIST_PAGE = 100;
  /** The most search returns per page. */
  static final int SEARCH_PAGE = 200;
  /** The most results one search query reaches; keyset paging gets past it. */
  static final int SEARCH_CAP = 10_000;
  static final String OBJECT_ID = "hs_object_id";

  private final HubSpotClient client;
  private final HubSpotObjectType type;
  private final HubSpotOwners owners;

  HubSpotPages(HubSpotClient client, HubSpotObjectType type, HubSpotOwners owners) {
    this.client = client;
    this.type = type;
    this.owners = owners;
  }

  RecordPage page(ConnectionContext connection, Map<String, String> custom, @Nullable Instant since,
      @Nullable String cursor) {
    List<String> props = type.readPropertiesWithKey(custom);
    if (cursor != null && cursor.startsWith("list:")) {
      String after = cursor.substring(5);
      return listPage(connection, custom, props, after.isEmpty() ? null : after);
    }
    if (cursor == null && since == null) {
      return listPage(connection, custom, props, null);
    }
    if (cursor != null && cursor.startsWith("group:")) {
      return groupPage(connection, custom, props, cursor);
    }
    long sinceMs;
    if (cursor == null) {
      sinceMs = since.toEpochMilli();
    } else {
      String[] parts = cursor.split(":");
      try {
        if (parts.length < 2 || !parts[0].equals("search")) {
          throw new IllegalArgumentException();
        }
        sinceMs = Long.parseLong(parts[1]);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("bad hubspot cursor");
      }
    }
    // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/search/post-crm-v3-objects-contacts-search
    JsonNode page = client.search(connection, type.path(), searchBody(props,
        List.of(filter(type.lastModifiedProperty(), "GTE", sinceMs)), type.lastModifiedProperty()));
    List<SourceRecord> records = new ArrayList<>();
    long newest = sinceMs;
    for (JsonNode c : page.path("results")) {
      SourceRecord r = owners.resolve(connection, type.source(c, custom));
      records.add(r);
      newest = Math.max(newest, r.modifiedAt().toEpochMilli());
    }
    if (!hasNext(page)) {
      return new RecordPage(records, null);
    }
    // a full page in one millisecond: read that millisecond by id from its start (ties have no documented order)
    return new RecordPage(records, newest > sinceMs ? "search:" + newest : "group:" + sinceMs + ":0");
  }

  /** One page of the objects modified in one millisecond, by id. */
  private RecordPage groupPage(ConnectionContext connection, Map<String, String> custom, List<String> props,
      String cursor) {
    long ms;
    long lastId;
    try {
      String[] parts = cursor.split(":");
      ms = Long.parseLong(parts[1]);
      lastId = Long.parseLong(parts[2]);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad hubspot cursor");
    }
    JsonNode page = client.search(connection, type.path(), searchBody(props, List.of(
        filter(type.lastModifiedProperty(), "EQ", ms), filter(OBJECT_ID, "GT", lastId)), OBJECT_ID));
    List<SourceRecord> records = new ArrayList<>();
    long last = lastId;
    for (JsonNode c : page.path("results")) {
      SourceRecord r = owners.resolve(connection, type.source(c, custom));
      records.add(r);
      last = Math.max(last, parseId(r.externalId()));
    }
    // the millisecond is done: go on after it by time
    return new RecordPage(records, hasNext(page) ? "group:" + ms + ":" + last : "search:" + (ms + 1));
  }

  private static boolean hasNext(JsonNode page) {
    return !page.path("paging").path("next").path("after").asString("").isEmpty();
  }

  private static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("hubspot object id is not numeric");
    }
  }

  private static ObjectNode filter(String property, String operator, long value) {
    ObjectNode f = HubSpotClient.JSON.createObjectNode();
    f.put("propertyName", property).put("operator", operator).put("value", Long.toString(value));
    return f;
  }

  private static ObjectNode searchBody(List<String> props, List<ObjectNode> filters, String sortBy) {
    ObjectNode body = HubSpotClient.JSON.createObjectNode();
    ArrayNode f = body.putArray("filterGroups").addObject().putArray("filters");
    filters.forEach(f::add);
    body.putArray("sorts").addObject().put("propertyName", sortBy).put("direction", "ASCENDING");
    ArrayNode propsNode = body.putArray("properties");
    props.forEach(propsNode::add);
    body.put("limit", SEARCH_PAGE);
    return body;
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts
  private RecordPage listPage(ConnectionContext connection, Map<String, String> custom, List<String> props,
      @Nullable String after) {
    JsonNode page = client.list(connection, type.path(), after, LIST_PAGE, props, type.associatedTypes());
    List<SourceRecord> records = new ArrayList<>();
    for (JsonNode c : page.path("results")) {
      if (!c.path("archived").asBoolean(false)) {
        SourceRecord r = owners.resolve(connection, type.source(c, custom));
        records.add(type.associatedTypes().isEmpty() ? r : r.withAssociations(HubSpotAssociations.fromV3(type, c)));
      }
    }
    String nextAfter = page.path("paging").path("next").path("after").asString(null);
    return new RecordPage(records, nextAfter == null || nextAfter.isEmpty() ? null : "list:" + nextAfter);
  }
}
