package dev.switchboard.app.canonical;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One element of a child collection (a deal's line item, an invoice line, a payment's refund): field name → value,
 * non-empty, without empty values (a child either has a field or not; it is replaced whole with its parent). The
 * fields allowed are declared by the field's {@link ValueType.StructType}.
 */
public record StructValue(Map<String, Value> fields) implements Value {
  public StructValue {
    fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    if (fields.isEmpty() || fields.values().stream().anyMatch(Value::isEmpty)) {
      throw new CanonicalException(CanonicalException.INVALID_VALUE, "a child holds at least one non-empty field");
    }
  }

  /** The value of {@code field}, or {@link Value#EMPTY}. */
  public Value get(String field) {
    return fields.getOrDefault(field, Value.EMPTY);
  }
}
