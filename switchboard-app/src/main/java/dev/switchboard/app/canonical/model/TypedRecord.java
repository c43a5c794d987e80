package dev.switchboard.app.canonical.model;

import dev.switchboard.app.canonical.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The typed successor of the contacts-only {@code CanonicalRecord}: one record of a canonical type as a map of field
 * name → {@link Value}. A field <em>absent</em> from the map is unknown to the source (a partial update, a vendor
 * that lacks the field) and leaves the golden value alone; a field <em>cleared</em> maps to {@link Value#EMPTY} and
 * clears it. Immutable. Whether the fields fit the type is checked by {@link CanonicalTypes#check} and, for a
 * complete record, {@link CanonicalTypes#validate}.
 *
 * @param type   the canonical type's name
 * @param fields field → value, never null values (use {@link Value#EMPTY})
 */
public record TypedRecord(String type, Map<String, Value> fields) {
  public TypedRecord {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    if (fields.containsKey(null) || fields.containsValue(null)) {
      throw new IllegalArgumentException("fields are never null: a cleared field holds Value.EMPTY");
    }
  }

  /** The value of {@code field}: null when absent, {@link Value#EMPTY} when cleared. */
  public @Nullable Value get(String field) {
    return fields.get(field);
  }

  /** The value of {@code field} when present, not empty and of class {@code kind}. */
  public <V extends Value> Optional<V> value(String field, Class<V> kind) {
    Value v = fields.get(field);
    return kind.isInstance(v) ? Optional.of(kind.cast(v)) : Optional.empty();
  }

  /** The source does not know the field. */
  public boolean isAbsent(String field) {
    return !fields.containsKey(field);
  }

  /** The source says the field has no value. */
  public boolean isCleared(String field) {
    Value v = fields.get(field);
    return v != null && v.isEmpty();
  }

  /** The field has a value. */
  public boolean has(String field) {
    Value v = fields.get(field);
    return v != null && !v.isEmpty();
  }

  /** A copy with {@code field} set ({@link Value#EMPTY}: cleared). */
  public TypedRecord with(String field, Value value) {
    Map<String, Value> copy = new LinkedHashMap<>(fields);
    copy.put(field, value);
    return new TypedRecord(type, copy);
  }

  /** A copy in which {@code field} is absent. */
  public TypedRecord without(String field) {
    Map<String, Value> copy = new LinkedHashMap<>(fields);
    copy.remove(field);
    return new TypedRecord(type, copy);
  }

  /** Field names only: values may be personal data. */
  @Override
  public String toString() {
    return type + fields.keySet();
  }
}
