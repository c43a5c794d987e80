package dev.switchboard.app.connectors;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * @param records    this page
 * @param nextCursor opaque cursor for the next page; null when this is the last page
 */
public record RecordPage(List<SourceRecord> records, @Nullable String nextCursor) {}
