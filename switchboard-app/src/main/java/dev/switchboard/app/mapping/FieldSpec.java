package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import dev.switchboard.app.canonical.model.CanonicalTypes;
import dev.switchboard.app.canonical.model.FieldDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The kind of vendor field a mapping creates (a HubSpot property, a Mailchimp merge field), in the vendors' common
 * terms: {@code text}, {@code number}, {@code date}, {@code datetime}, {@code bool} or {@code enumeration} with its
 * options. As the API takes it ({@code fields[i].create}) its parts may be missing or wrong: {@link #validate} says
 * what; a spec a connector is given is valid. Each connector translates it into its own field types.
 *
 * @param type    one of {@link #TYPES}
 * @param options an enumeration's options in their order (empty for every other type)
 */
public record FieldSpec(@Nullable String type, @Nullable List<Option> options) {
  public static final String TEXT = "text";
  public static final String NUMBER = "number";
  public static final String DATE = "date";
  public static final String DATETIME = "datetime";
  public static final String BOOL = "bool";
  public static final String ENUMERATION = "enumeration";
  public static final List<String> TYPES = List.of(TEXT, NUMBER, DATE, DATETIME, BOOL, ENUMERATION);
  private static final int MAX_OPTIONS = 1_000;

  /** One option of an enumeration: the value stored, and the label people see (the value when not given). */
  public record Option(@Nullable String value, @Nullable String label) {}

  /** A single-line text field: what a field is created as when nothing says otherwise. */
  public static FieldSpec text() {
    return new FieldSpec(TEXT, List.of());
  }

  /** A field of {@code type} without options ({@link #ENUMERATION} takes them: {@link #enumeration}). */
  public static FieldSpec of(String type) {
    return new FieldSpec(type, List.of());
  }

  /** An enumeration of {@code options}. */
  public static FieldSpec enumeration(List<Option> options) {
    return new FieldSpec(ENUMERATION, options);
  }

  /**
   * The field an entry of an override of {@code defaults} writes its canonical values into, when they are of the kind
   * {@code declared} (the canonical field's): as it is without a transform; an enumeration's options through an
   * {@code enum} transform (a stage's codes become the labels it writes, and only those); else text, which takes
   * whatever another transform writes (a typed field would refuse values it was not made for).
   */
  public static FieldSpec throughTransform(MappingFile defaults, MappingOverride.Entry entry, FieldSpec declared) {
    FieldRule rule = EffectiveMapping.rule(defaults, entry);
    if ("none".equals(rule.transform().name())) {
      return declared;
    }
    if (!ENUMERATION.equals(declared.kind()) || !(rule.transform() instanceof EnumTransform)) {
      return text();
    }
    List<Option> options = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Option o : declared.choices()) {
      try {
        List<@Nullable Object> written = rule.transform().write(java.util.Collections.singletonList(o.value()));
        if (written.getFirst() instanceof String v && !v.isBlank() && seen.add(v.trim())) {
          options.add(new Option(v.trim(), v.trim()));
        }
      } catch (MappingValueException e) {
        // a code the table does not write is no option of the vendor's field
      }
    }
    return options.isEmpty() ? text() : enumeration(options);
  }

  /** The type; valid specs have one. */
  public String kind() {
    return type == null ? TEXT : type.trim().toLowerCase(Locale.ROOT);
  }

  /** The options, with a label for each (the value where none was given). */
  public List<Option> choices() {
    List<Option> out = new ArrayList<>();
    if (options != null) {
      for (Option o : options) {
        String value = o.value() == null ? "" : o.value().trim();
        out.add(new Option(value, o.label() == null || o.label().isBlank() ? value : o.label().trim()));
      }
    }
    return out;
  }

  /**
   * Checks a spec as the API takes it.
   *
   * @param at the JSON path of the spec ({@code fields[2].create})
   * @throws MappingOverride.Refused {@code invalid_value} with {@code at.type}, {@code at.options} or
   *     {@code at.options[j].value}: a missing or unknown type, an enumeration without options or with a blank or
   *     repeated value, options given to another type
   */
  public void validate(String at) {
    if (type == null || !TYPES.contains(kind())) {
      throw new MappingOverride.Refused("invalid_value", at + ".type", "type must be one of " + String.join(", ",
          TYPES));
    }
    List<Option> given = options == null ? List.of() : options;
    if (!ENUMERATION.equals(kind())) {
      if (!given.isEmpty()) {
        throw new MappingOverride.Refused("invalid_value", at + ".options", "only an enumeration takes options");
      }
      return;
    }
    if (given.isEmpty() || given.size() > MAX_OPTIONS) {
      throw new MappingOverride.Refused("invalid_value", at + ".options", "an enumeration takes 1 to " + MAX_OPTIONS
          + " options");
    }
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < given.size(); j++) {
      Option o = given.get(j);
      if (o == null || o.value() == null || o.value().isBlank()) {
        throw new MappingOverride.Refused("invalid_value", at + ".options[" + j + "].value", "an option needs a value");
      }
      if (!seen.add(o.value().trim())) {
        throw new MappingOverride.Refused("invalid_value", at + ".options[" + j + "].value", "option "
            + o.value().trim() + " is given twice");
      }
    }
  }

  /**
   * The spec a vendor field fed by a declared canonical field gets from the field's value type: an enum's codes become
   * an enumeration's options, numbers (integer, decimal, money) a number, a date a date, an instant a datetime, a
   * boolean a bool; anything else (texts, e-mails, phones, lists, custom fields: texts) has none, and the caller
   * decides.
   */
  public static Optional<FieldSpec> forCanonical(String canonicalType, String field) {
    Optional<FieldDef> def = CanonicalTypes.standard().find(canonicalType).flatMap(t -> t.field(field));
    if (def.isEmpty() || field.startsWith(dev.switchboard.app.canonical.ContactField.CUSTOM_PREFIX)) {
      return Optional.empty();
    }
    return forValueType(def.get().type());
  }

  static Optional<FieldSpec> forValueType(ValueType type) {
    return Optional.ofNullable(switch (type) {
      case ValueType.EnumType e -> enumeration(e.codes().stream().map(c -> new Option(c, c)).toList());
      case ValueType.IntegerType i -> of(NUMBER);
      case ValueType.DecimalType d -> of(NUMBER);
      case ValueType.MoneyType m -> of(NUMBER);
      case ValueType.DateType d -> of(DATE);
      case ValueType.InstantType i -> of(DATETIME);
      case ValueType.BooleanType b -> of(BOOL);
      default -> null;
    });
  }
}
