package dev.switchboard.app.canonical;

import dev.switchboard.app.canonical.ValueType.AddressType;
import dev.switchboard.app.canonical.ValueType.BooleanType;
import dev.switchboard.app.canonical.ValueType.CurrencyType;
import dev.switchboard.app.canonical.ValueType.DateType;
import dev.switchboard.app.canonical.ValueType.DecimalType;
import dev.switchboard.app.canonical.ValueType.DomainType;
import dev.switchboard.app.canonical.ValueType.EmailType;
import dev.switchboard.app.canonical.ValueType.EnumType;
import dev.switchboard.app.canonical.ValueType.InstantType;
import dev.switchboard.app.canonical.ValueType.IntegerType;
import dev.switchboard.app.canonical.ValueType.ListType;
import dev.switchboard.app.canonical.ValueType.MoneyType;
import dev.switchboard.app.canonical.ValueType.PhoneType;
import dev.switchboard.app.canonical.ValueType.RefType;
import dev.switchboard.app.canonical.ValueType.StructType;
import dev.switchboard.app.canonical.ValueType.TextType;
import dev.switchboard.app.canonical.ValueType.UrlType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one serialised form of every value type, used for golden records, link snapshots and history; reading a
 * written value returns an equal value. The forms: texts, e-mails, phones, URLs, domains, codes and currencies are
 * JSON strings; booleans and integers are JSON booleans and numbers; decimals are strings in plain notation
 * ({@code "12.5"}: a JSON number would pass through binary floating point in many readers); money is
 * {@code {"amount":"12.50","currency":"USD"}}; instants are {@code "2024-05-01T12:00:00.000Z"}; dates
 * {@code "2024-05-01"}; lists are arrays in canonical order; addresses are {@code {lines, city, region, postalCode,
 * country}} without absent components; references {@code {"type","id"}}; children objects in declaration order.
 * {@link Value#EMPTY} is JSON null.
 */
public final class ValueJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final Set<String> ADDRESS_KEYS = Set.of("lines", "city", "region", "postalCode", "country");

  private ValueJson() {}

  /** @throws CanonicalException {@code invalid_value} when {@code value} is not canonical for {@code type} */
  public static JsonNode write(ValueType type, Value value) {
    type.check(value);
    return switch (value) {
      case EmptyValue e -> NODES.nullNode();
      case BooleanValue b -> NODES.booleanNode(b.value());
      case IntegerValue i -> NODES.numberNode(i.value());
      case DecimalValue d -> NODES.stringNode(d.value().toPlainString());
      case Money m -> NODES.objectNode().put("amount", m.amount().toPlainString()).put("currency", m.currencyCode());
      case InstantValue i -> NODES.stringNode(i.toString());
      case ListValue l -> {
        ArrayNode array = NODES.arrayNode();
        l.items().forEach(item -> array.add(write(((ListType) type).element(), item)));
        yield array;
      }
      case PostalAddress a -> address(a);
      case Ref r -> NODES.objectNode().put("type", r.type()).put("id", r.id());
      case StructValue s -> {
        ObjectNode object = NODES.objectNode();
        ((StructType) type).fields().forEach((name, fieldType) -> {
          Value v = s.get(name);
          if (!v.isEmpty()) {
            object.set(name, write(fieldType, v));
          }
        });
        yield object;
      }
      case TextValue t -> NODES.stringNode(t.text());
      case EmailValue e -> NODES.stringNode(e.address());
      case PhoneValue p -> NODES.stringNode(p.number());
      case UrlValue u -> NODES.stringNode(u.url());
      case DomainValue d -> NODES.stringNode(d.name());
      case EnumValue e -> NODES.stringNode(e.code());
      case CurrencyValue c -> NODES.stringNode(c.toString());
      case DateValue d -> NODES.stringNode(d.toString());
    };
  }

  /**
   * The value whose canonical JSON is {@code json} (null or missing: {@link Value#EMPTY}). Strict: the JSON kind must
   * be the type's, and values must be canonical (an upper-case e-mail is refused, not cleaned); lists are put in
   * their canonical order.
   *
   * @throws CanonicalException {@code invalid_value} or the type's own code
   */
  public static Value read(ValueType type, @Nullable JsonNode json) {
    if (json == null || json.isNull() || json.isMissingNode()) {
      return Value.EMPTY;
    }
    Value value = switch (type) {
      case TextType t -> new TextValue(string(json));
      case EmailType e -> new EmailValue(string(json));
      case PhoneType p -> new PhoneValue(string(json));
      case UrlType u -> new UrlValue(string(json));
      case DomainType d -> new DomainValue(string(json));
      case EnumType e -> new EnumValue(string(json));
      case CurrencyType c -> CurrencyValue.of(string(json));
      case BooleanType b -> BooleanValue.of(require(json, json.isBoolean()).booleanValue());
      case IntegerType i ->
          new IntegerValue(require(json, json.isIntegralNumber() && json.canConvertToLong()).longValue());
      case DecimalType d -> new DecimalValue(Numbers.decimal(string(json)));
      case MoneyType m -> money(json);
      case InstantType i -> Times.instant(string(json));
      case DateType d -> date(string(json));
      case ListType l -> list(l, json);
      case AddressType a -> address(json);
      case RefType r -> ref(json);
      case StructType s -> struct(s, json);
    };
    return type.check(value);
  }

  /** Compact JSON text of {@link #write}. */
  public static String toJsonString(ValueType type, Value value) {
    return MAPPER.writeValueAsString(write(type, value));
  }

  /** {@link #read} of JSON text. @throws CanonicalException {@code invalid_json} for text that is not JSON */
  public static Value parse(ValueType type, String json) {
    return read(type, tree(json));
  }

  /** Parses JSON text exactly: numbers with a fraction as BigDecimal, duplicate keys refused. */
  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new CanonicalException(CanonicalException.INVALID_JSON, "not a JSON document");
    }
  }

  /** Compact JSON text of a tree, as {@link #tree} reads it. */
  public static String text(JsonNode json) {
    return MAPPER.writeValueAsString(json);
  }

  private static ObjectNode address(PostalAddress a) {
    ObjectNode o = NODES.objectNode();
    if (!a.lines().isEmpty()) {
      ArrayNode lines = o.putArray("lines");
      a.lines().forEach(lines::add);
    }
    putIfPresent(o, "city", a.city());
    putIfPresent(o, "region", a.region());
    putIfPresent(o, "postalCode", a.postalCode());
    putIfPresent(o, "country", a.country());
    return o;
  }

  private static void putIfPresent(ObjectNode o, String key, @Nullable String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  private static Value money(JsonNode json) {
    require(json, json.isObject() && json.size() == 2 && json.path("currency").isString());
    BigDecimal amount = Numbers.decimal(string(json.path("amount")));
    return new Money(amount, Money.currency(json.path("currency").stringValue()));
  }

  private static Value date(String s) {
    try {
      return new DateValue(LocalDate.parse(s));
    } catch (DateTimeParseException e) {
      throw new CanonicalException(CanonicalException.INVALID_DATE, "expected yyyy-MM-dd");
    }
  }

  private static Value list(ListType type, JsonNode json) {
    require(json, json.isArray());
    List<Value> items = new ArrayList<>();
    int i = 0;
    for (JsonNode item : json.values()) {
      try {
        Value v = read(type.element(), item);
        if (!v.isEmpty()) {
          items.add(v);
        }
      } catch (CanonicalException e) {
        throw e.at(Integer.toString(i));
      }
      i++;
    }
    return items.isEmpty() ? Value.EMPTY : new ListValue(Lists.canonicalOrder(type, items));
  }

  private static Value address(JsonNode json) {
    require(json, json.isObject() && ADDRESS_KEYS.containsAll(json.propertyNames()));
    List<String> lines = new ArrayList<>();
    if (json.has("lines")) {
      require(json.get("lines"), json.get("lines").isArray());
      json.get("lines").values().forEach(line -> lines.add(string(line)));
    }
    return new PostalAddress(lines, optional(json, "city"), optional(json, "region"), optional(json, "postalCode"),
        optional(json, "country"));
  }

  private static Value ref(JsonNode json) {
    require(json, json.isObject() && json.size() == 2);
    return new Ref(string(json.path("type")), string(json.path("id")));
  }

  private static Value struct(StructType type, JsonNode json) {
    require(json, json.isObject());
    Map<String, Value> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : json.properties()) {
      ValueType fieldType = type.fields().get(e.getKey());
      if (fieldType == null) {
        throw new CanonicalException(CanonicalException.UNKNOWN_FIELD, e.getKey(), "not a field of " + type.typeName());
      }
      try {
        Value v = read(fieldType, e.getValue());
        if (!v.isEmpty()) {
          fields.put(e.getKey(), v);
        }
      } catch (CanonicalException ex) {
        throw ex.at(e.getKey());
      }
    }
    return fields.isEmpty() ? Value.EMPTY : new StructValue(fields);
  }

  private static @Nullable String optional(JsonNode json, String key) {
    JsonNode n = json.get(key);
    return n == null || n.isNull() ? null : string(n);
  }

  private static String string(JsonNode json) {
    return require(json, json.isString()).stringValue();
  }

  private static JsonNode require(JsonNode json, boolean shape) {
    if (!shape) {
      throw new CanonicalException(CanonicalException.INVALID_VALUE, "not the canonical JSON form of this type");
    }
    return json;
  }
}
