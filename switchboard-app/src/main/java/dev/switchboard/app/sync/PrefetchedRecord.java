package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.SourceRecord;
import java.time.Instant;
import java.util.Map;

/** JSON form of a {@link SourceRecord} kept on a job between a poll and its application. */
record PrefetchedRecord(String objectType, String externalId, Instant modifiedAt, String type, Map<String, Object> fields,
    Instant readAt) {
  static PrefetchedRecord of(SourceRecord r, Instant readAt) {
    return new PrefetchedRecord(r.objectType(), r.externalId(), r.modifiedAt(), r.record().type(), r.record().fields(), readAt);
  }

  SourceRecord toSourceRecord() {
    return new SourceRecord(objectType, externalId, modifiedAt, new CanonicalRecord(type, fields));
  }
}
