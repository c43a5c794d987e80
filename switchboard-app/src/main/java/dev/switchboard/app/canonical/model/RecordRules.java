package dev.switchboard.app.canonical.model;

import dev.switchboard.app.canonical.CanonicalException;
import dev.switchboard.app.canonical.CurrencyValue;
import dev.switchboard.app.canonical.EnumValue;
import dev.switchboard.app.canonical.ListValue;
import dev.switchboard.app.canonical.Money;
import dev.switchboard.app.canonical.StructValue;
import dev.switchboard.app.canonical.Value;
import dev.switchboard.app.canonical.ValueType;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The rules a complete record must meet beyond each value fitting its field. */
final class RecordRules {

  private RecordRules() {}

  static void validate(CanonicalTypes registry, CanonicalType type, TypedRecord record) {
    requireGroups(type, record::has, "");
    subtype(type, record);
    for (String field : type.inDeclarationOrder(record.fields().keySet())) {
      children(registry, type.require(field).type(), record.fields().get(field), field);
    }
    singleCurrency(type, record);
  }

  private static void requireGroups(CanonicalType type, Predicate<String> has, String path) {
    for (List<String> group : type.required()) {
      if (group.stream().noneMatch(has)) {
        throw new CanonicalException(CanonicalException.MISSING_FIELD, path + group.getFirst(),
            type.name() + " needs " + String.join(" or ", group));
      }
    }
  }

  private static void subtype(CanonicalType type, TypedRecord record) {
    String selector = type.subtypeField().orElse(null);
    if (selector == null) {
      return;
    }
    Value code = record.get(selector);
    if (!(code instanceof EnumValue e)) {
      return; // a missing selector is a required-field error, declared as such
    }
    Subtype subtype = type.subtypes().get(e.code());
    for (String field : type.inDeclarationOrder(subtype.required())) {
      if (!record.has(field)) {
        throw new CanonicalException(CanonicalException.MISSING_FIELD, field, "a " + e.code() + " needs " + field);
      }
    }
    Set<String> foreign = new HashSet<>();
    type.subtypes().values().forEach(s -> foreign.addAll(s.fields()));
    foreign.removeAll(subtype.fields());
    for (String field : type.inDeclarationOrder(foreign)) {
      if (record.has(field)) {
        throw new CanonicalException(CanonicalException.UNKNOWN_FIELD, field, "a " + e.code() + " has no " + field);
      }
    }
  }

  private static void children(CanonicalTypes registry, ValueType type, Value value, String path) {
    if (type instanceof ValueType.ListType list && value instanceof ListValue items) {
      for (int i = 0; i < items.items().size(); i++) {
        children(registry, list.element(), items.items().get(i), path + "." + i);
      }
    } else if (type instanceof ValueType.StructType struct && value instanceof StructValue child) {
      requireGroups(registry.type(struct.typeName()), f -> !child.get(f).isEmpty(), path + ".");
    }
  }

  /** Every amount of a money record is in one currency, the one its currency field names. */
  private static void singleCurrency(CanonicalType type, TypedRecord record) {
    @Nullable Currency[] seen = {null};
    for (String field : type.inDeclarationOrder(record.fields().keySet())) {
      currencies(record.fields().get(field), field, seen);
    }
  }

  private static void currencies(Value value, String path, @Nullable Currency[] seen) {
    Currency c = switch (value) {
      case Money m -> m.currency();
      case CurrencyValue cv -> cv.currency();
      default -> null;
    };
    if (c != null) {
      if (seen[0] != null && !seen[0].equals(c)) {
        throw new CanonicalException(CanonicalException.CURRENCY_MISMATCH, path,
            "one record holds one currency: " + seen[0] + " and " + c);
      }
      seen[0] = c;
    }
    if (value instanceof ListValue list) {
      for (int i = 0; i < list.items().size(); i++) {
        currencies(list.items().get(i), path + "." + i, seen);
      }
    } else if (value instanceof StructValue child) {
      for (Map.Entry<String, Value> e : child.fields().entrySet()) {
        currencies(e.getValue(), path + "." + e.getKey(), seen);
      }
    }
  }
}
