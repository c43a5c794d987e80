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
 * dated no field, {@code derived} when it read none, {@code createKey} when the object carries none (and all four in
 * rows written before they were kept).
 */
record PrefetchedRecord(String objectType, String externalId, Instant modifiedAt, String type, Map<String, Object> fields,
    Instant readAt, @Nullable List<SourceRecord.Association> associations,
    @Nullable Map<String, Instant> fieldModifiedAt, @Nullable List<DerivedJson> derived, @Nullable String createKey) {

  /** A {@link SourceRecord.Derived} as kept: its record's type and values apart, as the object's own. */
  record DerivedJson(String key, String type, Map<String, Object> fields, @Nullable String edgeLabel) {}

  static PrefetchedRecord of(SourceRecord r, Instant readAt) {
    return new PrefetchedRecord(r.objectType(), r.externalId(), r.modifiedAt(), r.record().type(), r.record().fields(),
        readAt, r.associations(), r.fieldModifiedAt(), r.derived().isEmpty() ? null : r.derived().stream()
            .map(d -> new DerivedJson(d.key(), d.record().type(), d.record().fields(), d.edgeLabel())).toList(),
        r.createKey());
  }

  SourceRecord toSourceRecord() {
    return new SourceRecord(objectType, externalId, modifiedAt, new CanonicalRecord(type, fields), associations,
        fieldModifiedAt, derived == null ? List.of() : derived.stream().map(d -> new SourceRecord.Derived(d.key(),
            new CanonicalRecord(d.type(), d.fields()), d.edgeLabel())).toList(), createKey);
  }
}
