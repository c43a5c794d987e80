package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.mapping.MappingFile;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Pages through list members for {@link MailchimpConnector#listModified}, by {@code last_changed} ascending.
 *
 * <p>Keyset paging, cursor {@code ks:<sinceEpochSecond|->:0}: each next page asks again from one second before the
 * last member seen ({@code last_changed} has second resolution, so the overlap re-reads at most the members of that
 * second; the engine drops them as unchanged). Plain offset paging would skip a member whenever another one changed
 * during a long backfill and moved to the end, shifting every later page by one.
 *
 * <p>A full page whose members all fall in the same two seconds (a bulk import) cannot advance by time. That band of
 * two seconds is then read by offset, pinned with {@code before_last_changed} and re-read from its start, cursor
 * {@code band:<firstSecond>:<offset>:<bandTotal>}: a member changed meanwhile leaves the band (its new
 * {@code last_changed} is later; it is read after the band), and every member behind it moves one place forward. The
 * band's {@code total_items} shrinks by as many as left, so the next page steps back by that many instead of skipping
 * the member that moved onto the offset already read. After the band, keyset paging goes on from its end. Cursors of
 * the earlier form {@code ks:<second>:<offset>} still resume (as a band whose total is not known yet).
 */
final class MailchimpMemberPages {
  static final String MEMBER_FIELDS = "members.id,members.email_address,members.status,members.merge_fields,"
      + "members.tags,members.last_changed,total_items";
  /** Seconds a band spans: the page's window second and the next one. */
  private static final Duration BAND = Duration.ofSeconds(2);

  private final MailchimpClient client;
  private final int pageSize;

  MailchimpMemberPages(MailchimpClient client, int pageSize) {
    this.client = client;
    this.pageSize = pageSize;
  }

  RecordPage page(ConnectionContext connection, String listId, MappingFile merges, @Nullable Instant since,
      @Nullable String cursor) {
    Instant window = since == null ? null : since.truncatedTo(ChronoUnit.SECONDS);
    int offset = 0;
    int bandTotal = -1;
    boolean band = false;
    if (cursor != null) {
      String[] parts = cursor.split(":");
      try {
        if (parts.length == 3 && parts[0].equals("ks")) {
          window = parts[1].equals("-") ? null : Instant.ofEpochSecond(Long.parseLong(parts[1]));
          offset = Integer.parseInt(parts[2]);
          band = offset > 0 && window != null; // an offset into a window: the earlier form of a band
        } else if (parts.length == 4 && parts[0].equals("band")) {
          window = Instant.ofEpochSecond(Long.parseLong(parts[1]));
          offset = Integer.parseInt(parts[2]);
          bandTotal = Integer.parseInt(parts[3]);
          band = true;
        } else {
          throw new IllegalArgumentException("bad mailchimp cursor");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad mailchimp cursor");
      }
    }
    return band ? bandPage(connection, listId, merges, window, offset, bandTotal)
        : keysetPage(connection, listId, merges, window, offset);
  }

  private RecordPage keysetPage(ConnectionContext connection, String listId, MappingFile merges,
      @Nullable Instant window, int offset) {
    JsonNode page = client.listMembers(connection, listId, offset, pageSize,
        window == null ? null : MailchimpMapper.sinceParam(window), null, MEMBER_FIELDS);
    List<SourceRecord> records = new ArrayList<>();
    Instant last = read(page, merges, records);
    // the whole audience's count, when this is the listing's first page (a backfill's): its progress shows against it
    Long total = window == null && offset == 0 && page.path("total_items").isNumber()
        ? page.path("total_items").asLong() : null;
    if (page.path("members").size() < pageSize) {
      return new RecordPage(records, null, total);
    }
    Instant nextWindow = last == null ? null : last.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
    if (nextWindow != null && (window == null || nextWindow.isAfter(window))) {
      return new RecordPage(records, "ks:" + nextWindow.getEpochSecond() + ":0", total);
    }
    if (window == null) { // members without last_changed: nothing to pin a band to
      return new RecordPage(records, "ks:-:" + (offset + page.path("members").size()), total);
    }
    // a full page within two seconds: read that band by offset from its start, pinned
    return new RecordPage(records, "band:" + window.getEpochSecond() + ":0:-1", total);
  }

  private RecordPage bandPage(ConnectionContext connection, String listId, MappingFile merges,
      Instant window, int offset, int bandTotal) {
    String sinceParam = MailchimpMapper.sinceParam(window);
    String beforeParam = MailchimpMapper.sinceParam(window.plus(BAND));
    JsonNode page = client.listMembers(connection, listId, offset, pageSize, sinceParam, beforeParam, MEMBER_FIELDS);
    int total = page.path("total_items").asInt(-1);
    if (bandTotal >= 0 && total >= 0 && total < bandTotal && offset > 0) {
      // members left the band since the last page; those that left from before the offset moved the rest forward
      offset = Math.max(0, offset - (bandTotal - total));
      page = client.listMembers(connection, listId, offset, pageSize, sinceParam, beforeParam, MEMBER_FIELDS);
      total = page.path("total_items").asInt(-1);
    }
    List<SourceRecord> records = new ArrayList<>();
    read(page, merges, records);
    int returned = page.path("members").size();
    if (returned < pageSize) { // the band is done: on by time from its end
      return new RecordPage(records, "ks:" + window.plus(BAND).getEpochSecond() + ":0");
    }
    return new RecordPage(records, "band:" + window.getEpochSecond() + ":" + (offset + returned) + ":" + total);
  }

  /** Adds the page's live members to {@code records}; returns the last member's {@code last_changed}. */
  private static @Nullable Instant read(JsonNode page, MappingFile merges, List<SourceRecord> records) {
    Instant last = null;
    for (JsonNode m : page.path("members")) {
      Instant changed = MailchimpMapper.lastChanged(m);
      if (changed != null) {
        last = changed;
      }
      if (!"archived".equals(m.path("status").asString(""))) {
        records.add(MailchimpMapper.source(m, merges));
      }
    }
    return last;
  }
}
