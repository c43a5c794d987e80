package dev.switchboard.app.canonical;

import java.util.List;

/**
 * A non-empty list of non-empty values (an empty list is {@link Value#EMPTY}). Whether order matters, or the list is
 * a sorted set (tags), is declared by the field's {@link ValueType.ListType}, whose clean-up puts the items in their
 * one canonical order; {@code equals} is then list equality.
 */
public record ListValue(List<Value> items) implements Value {
  public ListValue {
    items = List.copyOf(items);
    if (items.isEmpty() || items.stream().anyMatch(Value::isEmpty)) {
      throw new CanonicalException(CanonicalException.INVALID_VALUE,
          "a list holds at least one value and no empty values; an empty list is Value.EMPTY");
    }
  }
}
