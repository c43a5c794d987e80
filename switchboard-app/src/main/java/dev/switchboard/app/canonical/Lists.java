package dev.switchboard.app.canonical;

import dev.switchboard.app.canonical.ValueType.ListType;
import dev.switchboard.app.canonical.ValueType.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Lists and child records: cleaning each item, and the one canonical order per {@link ValueType.Order}. */
final class Lists {
  private static final Comparator<Value> BY_POSITION = Comparator.comparingLong(Lists::position);

  private Lists() {}

  static Value clean(ListType type, Object raw, CleanContext context) {
    List<Value> items = new ArrayList<>();
    List<Object> in = ValueCoercion.listOf(raw);
    for (int i = 0; i < in.size(); i++) {
      try {
        Value v = type.element().clean(in.get(i), context);
        if (!v.isEmpty()) {
          items.add(v);
        }
      } catch (CanonicalException e) {
        throw e.at(Integer.toString(i));
      }
    }
    return items.isEmpty() ? Value.EMPTY : new ListValue(canonicalOrder(type, items));
  }

  /** The items in their canonical order: as given, sorted without duplicates, or by position renumbered 1..n. */
  static List<Value> canonicalOrder(ListType type, List<Value> items) {
    return switch (type.order()) {
      case ORDERED -> items;
      case SORTED_SET -> {
        List<Value> sorted = new ArrayList<>(new LinkedHashSet<>(items));
        sorted.sort(Comparator.comparing(v -> sortKey(type.element(), v)));
        yield sorted;
      }
      case POSITIONED -> {
        List<Value> byPosition = new ArrayList<>(items);
        byPosition.sort(BY_POSITION); // stable: children without a position keep their order, after the others
        List<Value> renumbered = new ArrayList<>();
        for (int i = 0; i < byPosition.size(); i++) {
          Map<String, Value> fields = new LinkedHashMap<>(((StructValue) byPosition.get(i)).fields());
          fields.put(StructType.POSITION, new IntegerValue(i + 1));
          renumbered.add(new StructValue(fields));
        }
        yield renumbered;
      }
    };
  }

  static boolean check(ListType type, ListValue list) {
    for (int i = 0; i < list.items().size(); i++) {
      try {
        type.element().check(list.items().get(i));
      } catch (CanonicalException e) {
        throw e.at(Integer.toString(i));
      }
    }
    return canonicalOrder(type, list.items()).equals(list.items());
  }

  static Value struct(StructType type, Object raw, CleanContext context) {
    Map<?, ?> in = switch (raw) {
      case StructValue s -> s.fields();
      case Map<?, ?> m -> m;
      default -> throw new CanonicalException(CanonicalException.INVALID_VALUE, "expected an object");
    };
    Map<String, Object> byName = new TreeMap<>();
    in.forEach((key, value) -> byName.put(String.valueOf(key), value));
    for (String name : byName.keySet()) {
      if (!type.fields().containsKey(name)) {
        throw new CanonicalException(CanonicalException.UNKNOWN_FIELD, name, "not a field of " + type.typeName());
      }
    }
    // Declaration order, so that of two faulty fields the same one is reported whatever the input map's order.
    Map<String, Value> fields = new LinkedHashMap<>();
    for (Map.Entry<String, ValueType> field : type.fields().entrySet()) {
      if (!byName.containsKey(field.getKey())) {
        continue;
      }
      try {
        Value v = field.getValue().clean(byName.get(field.getKey()), context);
        if (!v.isEmpty()) {
          fields.put(field.getKey(), v);
        }
      } catch (CanonicalException e) {
        throw e.at(field.getKey());
      }
    }
    return fields.isEmpty() ? Value.EMPTY : new StructValue(fields);
  }

  static boolean checkStruct(StructType type, StructValue value) {
    value.fields().forEach((name, v) -> {
      ValueType fieldType = type.fields().get(name);
      if (fieldType == null) {
        throw new CanonicalException(CanonicalException.UNKNOWN_FIELD, name, "not a field of " + type.typeName());
      }
      try {
        fieldType.check(v);
      } catch (CanonicalException e) {
        throw e.at(name);
      }
    });
    return true;
  }

  private static String sortKey(ValueType element, Value v) {
    return switch (v) {
      case TextValue t -> t.text();
      case EnumValue e -> e.code();
      case EmailValue e -> e.address();
      case Ref r -> r.type() + "/" + r.id();
      default -> ValueJson.toJsonString(element, v);
    };
  }

  private static long position(Value child) {
    @Nullable Value p = child instanceof StructValue s ? s.fields().get(StructType.POSITION) : null;
    return p instanceof IntegerValue i ? i.value() : Long.MAX_VALUE;
  }
}
