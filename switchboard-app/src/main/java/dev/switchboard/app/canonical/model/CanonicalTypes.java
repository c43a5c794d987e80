package dev.switchboard.app.canonical.model;

import dev.switchboard.app.canonical.CanonicalException;
import dev.switchboard.app.canonical.CleanContext;
import dev.switchboard.app.canonical.ListValue;
import dev.switchboard.app.canonical.Value;
import dev.switchboard.app.canonical.ValueJson;
import dev.switchboard.app.canonical.ValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry of canonical types, and the operations that need it: cleaning raw input into a typed record,
 * checking and validating records, deriving identity keys, and the canonical JSON of records
 * ({@code {"type":"contact","fields":{…}}}, declared fields in declaration order then custom fields sorted; a
 * cleared field is JSON null, an absent field is not written, so absent and cleared survive storage).
 */
public final class CanonicalTypes {
  private static final CanonicalTypes STANDARD = new CanonicalTypes(standardTypes());

  private final Map<String, CanonicalType> types;

  /** @throws IllegalArgumentException when a reference or child collection names a type that is not declared */
  public CanonicalTypes(Collection<CanonicalType> types) {
    Map<String, CanonicalType> byName = new LinkedHashMap<>();
    types.forEach(t -> {
      if (byName.putIfAbsent(t.name(), t) != null) {
        throw new IllegalArgumentException("type declared twice: " + t.name());
      }
    });
    this.types = Collections.unmodifiableMap(byName);
    types.forEach(t -> t.fields().values().forEach(f -> requireDeclared(t, f.type())));
  }

  /** Contact, company, deal, product, activity, invoice, payment, subscription, booking, their children, facts. */
  public static CanonicalTypes standard() {
    return STANDARD;
  }

  /** @throws CanonicalException {@code unknown_type} */
  public CanonicalType type(String name) {
    return find(name).orElseThrow(() ->
        new CanonicalException(CanonicalException.UNKNOWN_TYPE, "no canonical type " + name));
  }

  public Optional<CanonicalType> find(String name) {
    return Optional.ofNullable(types.get(name));
  }

  public Collection<CanonicalType> all() {
    return types.values();
  }

  /**
   * Raw input (a mapper's output: field → String, Number, Map, List, java.time value, …) cleaned into a typed
   * record. A null or blank value clears its field; a field not in {@code raw} stays absent.
   *
   * @throws CanonicalException {@code unknown_type}, {@code unknown_field}, or the value type's code with the field
   */
  public TypedRecord clean(String type, Map<String, ?> raw, CleanContext context) {
    CanonicalType t = type(type);
    Map<String, Value> fields = new LinkedHashMap<>();
    for (String field : t.inDeclarationOrder(raw.keySet())) {
      FieldDef def = t.require(field);
      try {
        fields.put(field, def.type().clean(raw.get(field), context));
      } catch (CanonicalException e) {
        throw e.at(field);
      }
    }
    return new TypedRecord(type, fields);
  }

  /**
   * {@code record} when its type is known, every field is declared and every value is canonical for its field.
   * Partial records pass: this is the check for updates.
   */
  public TypedRecord check(TypedRecord record) {
    CanonicalType t = type(record.type());
    for (String field : t.inDeclarationOrder(record.fields().keySet())) {
      ValueType type = t.require(field).type();
      try {
        type.check(record.fields().get(field));
      } catch (CanonicalException e) {
        throw e.at(field);
      }
    }
    return record;
  }

  /**
   * {@code record} when it is a valid complete record: {@link #check}, every required group present, the subtype's
   * fields and requirements, children complete, one currency for all its money.
   *
   * @throws CanonicalException {@code missing_field}, {@code unknown_field} (a field of another subtype),
   *     {@code currency_mismatch}, or a {@link #check} error
   */
  public TypedRecord validate(TypedRecord record) {
    check(record);
    RecordRules.validate(this, type(record.type()), record);
    return record;
  }

  /**
   * The identity keys of {@code record}, in rule order, without duplicates; empty for types linked only by ids.
   * Values that must not identify (a phone kept as typed, a free-mail domain) yield no key.
   */
  public List<IdentityKey> identityKeys(TypedRecord record) {
    Set<IdentityKey> keys = new LinkedHashSet<>();
    for (IdentityRule rule : type(record.type()).identity()) {
      List<String> parts = new ArrayList<>();
      for (IdentityRule.Part part : rule.parts()) {
        Value v = record.get(part.field());
        part.form().of(v == null ? Value.EMPTY : v)
            .ifPresent(form -> parts.add(form.replace("\\", "\\\\").replace("|", "\\|")));
      }
      if (parts.size() == rule.parts().size()) {
        keys.add(new IdentityKey(rule.name(), String.join("|", parts)));
      }
    }
    return List.copyOf(keys);
  }

  /**
   * Data-quality flags by field, in declaration order (see {@link Value#flags()}): {@code invalid_phone} for a phone
   * kept as typed, {@code free_mail_domain}, {@code unrecognised_postal_code}, {@code unrecognised_region}; items of
   * lists are included. Empty for a clean record. For the console and alerts: the values themselves stay as they are.
   */
  public Map<String, Set<String>> flags(TypedRecord record) {
    Map<String, Set<String>> flags = new LinkedHashMap<>();
    for (String field : type(record.type()).inDeclarationOrder(record.fields().keySet())) {
      Value value = record.fields().get(field);
      Set<String> found = new TreeSet<>(value.flags());
      if (value instanceof ListValue list) {
        list.items().forEach(item -> found.addAll(item.flags()));
      }
      if (!found.isEmpty()) {
        flags.put(field, Collections.unmodifiableSet(found));
      }
    }
    return Collections.unmodifiableMap(flags);
  }

  /** The canonical JSON of {@code record} (after {@link #check}). */
  public ObjectNode toJson(TypedRecord record) {
    check(record);
    CanonicalType t = type(record.type());
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("type", t.name());
    ObjectNode fields = out.putObject("fields");
    Map<String, Value> custom = new TreeMap<>();
    record.fields().forEach((f, v) -> {
      if (!t.fields().containsKey(f)) {
        custom.put(f, v);
      }
    });
    t.fields().forEach((f, def) -> {
      Value v = record.get(f);
      if (v != null) {
        fields.set(f, def.type().toJson(v));
      }
    });
    custom.forEach((f, v) -> fields.set(f, t.require(f).type().toJson(v)));
    return out;
  }

  /**
   * The record whose canonical JSON is {@code json}; strict like {@link ValueJson#read}.
   *
   * @throws CanonicalException {@code invalid_value} for another shape, {@code unknown_type}, {@code unknown_field},
   *     or a value's error with its field
   */
  public TypedRecord fromJson(JsonNode json) {
    if (!json.isObject() || json.size() != 2 || !json.path("type").isString() || !json.path("fields").isObject()) {
      throw new CanonicalException(CanonicalException.INVALID_VALUE, "a record is {\"type\", \"fields\"}");
    }
    CanonicalType t = type(json.path("type").stringValue());
    Map<String, Value> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : json.path("fields").properties()) {
      ValueType type = t.require(e.getKey()).type();
      try {
        fields.put(e.getKey(), type.fromJson(e.getValue()));
      } catch (CanonicalException ex) {
        throw ex.at(e.getKey());
      }
    }
    return new TypedRecord(t.name(), fields);
  }

  public String toJsonString(TypedRecord record) {
    return ValueJson.text(toJson(record));
  }

  /** @throws CanonicalException {@code invalid_json}, or as {@link #fromJson} */
  public TypedRecord parse(String json) {
    return fromJson(ValueJson.tree(json));
  }

  private void requireDeclared(CanonicalType owner, ValueType type) {
    switch (type) {
      case ValueType.RefType r -> r.targets().forEach(target -> {
        if (!types.containsKey(target)) {
          throw new IllegalArgumentException(owner.name() + " refers to undeclared type " + target);
        }
      });
      case ValueType.ListType l -> requireDeclared(owner, l.element());
      case ValueType.StructType s -> {
        if (!types.containsKey(s.typeName()) || types.get(s.typeName()).kind() != CanonicalType.Kind.CHILD) {
          throw new IllegalArgumentException(owner.name() + " holds undeclared child type " + s.typeName());
        }
        s.fields().values().forEach(f -> requireDeclared(owner, f));
      }
      default -> { }
    }
  }

  private static List<CanonicalType> standardTypes() {
    List<CanonicalType> all = new ArrayList<>();
    all.addAll(CrmTypes.all());
    all.addAll(FinanceTypes.all());
    all.addAll(SchedulingTypes.all());
    return all;
  }
}
