package dev.switchboard.app.connectors;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * @param records    this page
 * @param nextCursor opaque cursor for the next page; null when this is the last page
 * @param total      how many objects the whole listing holds, when the vendor says so on this page (a backfill's first
 *                   page: Mailchimp's {@code total_items}); null when it does not. Shown as a backfill's progress only.
 */
public record RecordPage(List<SourceRecord> records, @Nullable String nextCursor, @Nullable Long total) {

  public RecordPage(List<SourceRecord> records, @Nullable String nextCursor) {
    this(records, nextCursor, null);
  }
}
