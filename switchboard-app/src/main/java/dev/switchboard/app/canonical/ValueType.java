package dev.switchboard.app.canonical;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The declared type of a canonical field: what values it holds and the one clean-up rule for them. Descriptors are
 * plain data (records), created through the static factories; the behaviour lives in {@link #clean} (raw input →
 * canonical value), {@link #check} (is this value canonical for the field) and {@link #toJson} / {@link #fromJson}
 * (the one serialised form, used for golden records, snapshots and history).
 */
public sealed interface ValueType {

  /** A short name for documentation and error messages: {@code text}, {@code money}, {@code list<ref>}. */
  String name();

  /**
   * The canonical value of {@code raw}: vendor or API input (String, Number, Boolean, List, Map, java.time types, or a
   * {@link Value}). Null, blank strings, empty lists and empty maps are {@link Value#EMPTY}.
   *
   * @throws CanonicalException with the type's error code ({@code invalid_email}, {@code scale_exceeded},
   *     {@code invalid_enum_value}, …); {@link CanonicalException#field()} is the path inside a list or child
   */
  default Value clean(@Nullable Object raw, CleanContext context) {
    return ValueCoercion.clean(this, raw, context);
  }

  /**
   * {@code value} itself when it is canonical for this type ({@link Value#EMPTY} always is).
   *
   * @throws CanonicalException {@code invalid_value} for a value of another kind, or the constraint's code
   */
  default Value check(Value value) {
    return ValueCoercion.check(this, value);
  }

  /** The canonical JSON of {@code value}; {@link Value#EMPTY} is JSON null. */
  default JsonNode toJson(Value value) {
    return ValueJson.write(this, value);
  }

  /** The value whose canonical JSON is {@code json}; JSON null is {@link Value#EMPTY}. */
  default Value fromJson(@Nullable JsonNode json) {
    return ValueJson.read(this, json);
  }

  /** How a text field is cleaned. */
  enum TextRule {
    /** Whitespace runs (line breaks included) become one space. */
    SINGLE_LINE,
    /** Line breaks kept as {@code \n}, spaces collapsed within lines (bodies, descriptions, notes). */
    MULTI_LINE,
    /** Trimmed only (SKUs, invoice numbers, vendor ids): inner spacing and case are meaningful. */
    IDENTIFIER,
    /** {@link #SINGLE_LINE}; matching uses {@link PersonNames#matchingForm}. */
    PERSON_NAME,
    /** {@link #SINGLE_LINE}; matching uses {@link CompanyNames#matchingForm}. */
    COMPANY_NAME
  }

  /** How a list is ordered. */
  enum Order {
    /** As the source gave it (participants, address lines). */
    ORDERED,
    /** De-duplicated and sorted (tags): the same set is the same value whatever order it came in. */
    SORTED_SET,
    /** Children with an integer {@code position}, ordered by it and renumbered 1..n (line items). */
    POSITIONED
  }

  record TextType(TextRule rule, int maxLength) implements ValueType {
    public String name() {
      return "text";
    }
  }

  record EmailType() implements ValueType {
    public String name() {
      return "email";
    }
  }

  record PhoneType() implements ValueType {
    public String name() {
      return "phone";
    }
  }

  record UrlType() implements ValueType {
    public String name() {
      return "url";
    }
  }

  record DomainType() implements ValueType {
    public String name() {
      return "domain";
    }
  }

  /** @param codes the canonical set, in their natural order (a lifecycle's order) */
  record EnumType(List<String> codes) implements ValueType {
    public EnumType {
      codes = List.copyOf(codes);
      codes.forEach(EnumValue::new);
    }

    public String name() {
      return "enum";
    }
  }

  record BooleanType() implements ValueType {
    public String name() {
      return "boolean";
    }
  }

  record IntegerType() implements ValueType {
    public String name() {
      return "integer";
    }
  }

  /** @param scale the most fraction digits accepted; more is refused with {@code scale_exceeded}, never rounded */
  record DecimalType(int scale) implements ValueType {
    public String name() {
      return "decimal";
    }
  }

  /**
   * @param scale the most fraction digits accepted (unit prices: more than the currency's); empty: the currency's
   *              ISO 4217 minor-unit digits (totals, payments)
   */
  record MoneyType(OptionalInt scale) implements ValueType {
    public String name() {
      return "money";
    }

    int scaleFor(java.util.Currency currency) {
      return scale.orElse(Math.max(0, currency.getDefaultFractionDigits()));
    }
  }

  record CurrencyType() implements ValueType {
    public String name() {
      return "currency";
    }
  }

  record InstantType() implements ValueType {
    public String name() {
      return "instant";
    }
  }

  record DateType() implements ValueType {
    public String name() {
      return "date";
    }
  }

  record ListType(ValueType element, Order order) implements ValueType {
    public ListType {
      if (order == Order.POSITIONED && !(element instanceof StructType s
          && s.fields().get(StructType.POSITION) instanceof IntegerType)) {
        throw new IllegalArgumentException("positioned lists hold children with an integer position");
      }
    }

    public String name() {
      return "list<" + element.name() + ">";
    }
  }

  record AddressType() implements ValueType {
    public String name() {
      return "address";
    }
  }

  /** @param targets the canonical types a reference may point to */
  record RefType(Set<String> targets) implements ValueType {
    public RefType {
      targets = Collections.unmodifiableSet(new TreeSet<>(targets));
    }

    public String name() {
      return "ref";
    }
  }

  /**
   * A child record's shape (line item, invoice line, refund).
   *
   * @param typeName the child type's registry name
   * @param fields   field name → type, in declaration order (the order of the canonical JSON)
   */
  record StructType(String typeName, Map<String, ValueType> fields) implements ValueType {
    public static final String POSITION = "position";

    public StructType {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public String name() {
      return typeName;
    }
  }

  static TextType text() {
    return new TextType(TextRule.SINGLE_LINE, 1_000);
  }

  static TextType text(TextRule rule, int maxLength) {
    return new TextType(rule, maxLength);
  }

  static TextType multiLineText() {
    return new TextType(TextRule.MULTI_LINE, 65_535);
  }

  static TextType identifier() {
    return new TextType(TextRule.IDENTIFIER, 255);
  }

  static TextType personName() {
    return new TextType(TextRule.PERSON_NAME, 255);
  }

  static TextType companyName() {
    return new TextType(TextRule.COMPANY_NAME, 255);
  }

  static EmailType email() {
    return new EmailType();
  }

  static PhoneType phone() {
    return new PhoneType();
  }

  static UrlType url() {
    return new UrlType();
  }

  static DomainType domain() {
    return new DomainType();
  }

  static EnumType enumOf(String... codes) {
    return new EnumType(List.of(codes));
  }

  static BooleanType bool() {
    return new BooleanType();
  }

  static IntegerType integer() {
    return new IntegerType();
  }

  static DecimalType decimal(int scale) {
    return new DecimalType(scale);
  }

  /** Money with the currency's own ISO minor-unit digits. */
  static MoneyType money() {
    return new MoneyType(OptionalInt.empty());
  }

  /** Money with up to {@code scale} fraction digits (unit prices). */
  static MoneyType money(int scale) {
    return new MoneyType(OptionalInt.of(scale));
  }

  static CurrencyType currency() {
    return new CurrencyType();
  }

  static InstantType instant() {
    return new InstantType();
  }

  static DateType date() {
    return new DateType();
  }

  static ListType orderedList(ValueType element) {
    return new ListType(element, Order.ORDERED);
  }

  static ListType sortedSet(ValueType element) {
    return new ListType(element, Order.SORTED_SET);
  }

  static ListType positioned(StructType element) {
    return new ListType(element, Order.POSITIONED);
  }

  static AddressType address() {
    return new AddressType();
  }

  static RefType ref(String... targets) {
    return new RefType(Set.of(targets));
  }
}
