package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON form of a {@link SourceRecord} kept on a job between a poll (or a fetch whose application was deferred) and
 * its application. {@code associations} is null when the read did not look at them, {@code fieldModifiedAt} when it
 * dated no field (and both in rows written before they were kept).
 */
record PrefetchedRecord(String objectType, String externalId, Instant modifiedAt, String type, Map<String, Object> fields,
    Instant readAt, @Nullable List<SourceRecord.Association> associations,
    @Nullable Map<String, Instant> fieldModifiedAt) {
  static PrefetchedRecord of(SourceRecord r, Instant readAt) {
    return new PrefetchedRecord(r.objectType(), r.externalId(), r.modifiedAt(), r.record().type(), r.record().fields(),
        readAt, r.associations(), r.fieldModifiedAt());
  }

  SourceRecord toSourceRecord() {
    return new SourceRecord(objectType, externalId, modifiedAt, new CanonicalRecord(type, fields), associations,
        fieldModifiedAt);
  }
}
