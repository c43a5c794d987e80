package dev.switchboard.app.canonical.model;

import dev.switchboard.app.canonical.CanonicalException;
import dev.switchboard.app.canonical.MatchForm;
import dev.switchboard.app.canonical.ValueType;
import dev.switchboard.app.canonical.ValueType.EnumType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One canonical type, declared once: its fields (each with its value type, PII flag and authority), the fields a
 * complete record needs, how records are identified, its lifecycle, its subtypes and the events it emits. Immutable;
 * built with {@link #golden}, {@link #child} or {@link #fact}.
 */
public final class CanonicalType {
  /** Prefix of a tenant's own fields ({@code custom.loyalty_tier}), on types that allow them; they are PII texts. */
  public static final String CUSTOM_PREFIX = "custom.";
  private static final Pattern CUSTOM = Pattern.compile("custom\\.[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern FIELD = Pattern.compile("[a-z][A-Za-z0-9]*");

  /** What records of a type are. */
  public enum Kind {
    /** A golden record: merged field by field, versioned, linked to one object per system. */
    GOLDEN,
    /** A child collection's element (line item, refund): merged and versioned whole with its parent. */
    CHILD,
    /** An append-only fact (an e-mail opened): never merged or changed, keyed by (system, event id). */
    FACT
  }

  private final String name;
  private final Kind kind;
  private final Map<String, FieldDef> fields;
  private final List<List<String>> required;
  private final List<IdentityRule> identity;
  private final @Nullable Lifecycle lifecycle;
  private final @Nullable String consentField;
  private final @Nullable String subtypeField;
  private final Map<String, Subtype> subtypes;
  private final List<String> events;
  private final boolean customFields;
  private final Map<Projection, String> projections;

  private CanonicalType(Builder b) {
    this.name = b.name;
    this.kind = b.kind;
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
    this.required = List.copyOf(b.required);
    this.identity = List.copyOf(b.identity);
    this.lifecycle = b.lifecycle;
    this.consentField = b.consentField;
    this.subtypeField = b.subtypeField;
    this.subtypes = Collections.unmodifiableMap(new LinkedHashMap<>(b.subtypes));
    this.events = List.copyOf(b.events);
    this.customFields = b.customFields;
    this.projections = Collections.unmodifiableMap(new java.util.EnumMap<>(b.projections));
  }

  public static Builder golden(String name) {
    return new Builder(name, Kind.GOLDEN);
  }

  public static Builder child(String name) {
    return new Builder(name, Kind.CHILD);
  }

  public static Builder fact(String name) {
    return new Builder(name, Kind.FACT);
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** Declared fields in declaration order (the order of the canonical JSON). */
  public Map<String, FieldDef> fields() {
    return fields;
  }

  /**
   * The declaration of {@code field}: a declared field, or a custom field (a PII text changeable by every system) on
   * types that allow them; empty for anything else.
   */
  public Optional<FieldDef> field(String field) {
    FieldDef declared = fields.get(field);
    if (declared != null) {
      return Optional.of(declared);
    }
    return customFields && CUSTOM.matcher(field).matches()
        ? Optional.of(new FieldDef(field, ValueType.text(), true, Authority.EVERY_SYSTEM))
        : Optional.empty();
  }

  /**
   * {@code names} in declaration order, then the rest (custom or unknown fields) sorted: the order every operation
   * walks a record's fields in, so that which of two faulty fields is reported never depends on a map's order.
   */
  public List<String> inDeclarationOrder(Collection<String> names) {
    List<String> ordered = new ArrayList<>();
    fields.keySet().stream().filter(names::contains).forEach(ordered::add);
    names.stream().filter(n -> !fields.containsKey(n)).sorted().forEach(ordered::add);
    return ordered;
  }

  /** @throws CanonicalException {@code unknown_field} */
  public FieldDef require(String field) {
    return field(field).orElseThrow(() ->
        new CanonicalException(CanonicalException.UNKNOWN_FIELD, field, "not a field of " + name));
  }

  /** True for personal data: encrypted at rest, tokenised in logs and events. */
  public boolean isPii(String field) {
    return field(field).map(FieldDef::pii).orElse(false);
  }

  /** Declared PII fields (custom fields are PII too, see {@link #isPii}). */
  public Set<String> piiFields() {
    Set<String> pii = new LinkedHashSet<>();
    fields.values().stream().filter(FieldDef::pii).forEach(f -> pii.add(f.name()));
    return Collections.unmodifiableSet(pii);
  }

  /** Groups of fields of which a complete record has at least one each; a group of one is a required field. */
  public List<List<String>> required() {
    return required;
  }

  /** Identity rules in precedence order; empty for types linked only by their systems' ids. */
  public List<IdentityRule> identity() {
    return identity;
  }

  public Optional<Lifecycle> lifecycle() {
    return Optional.ofNullable(lifecycle);
  }

  /** The field holding marketing consent (contacts): its changes emit {@code consent.changed}. */
  public Optional<String> consentField() {
    return Optional.ofNullable(consentField);
  }

  /** The enum field that selects a {@link Subtype}, if the type has subtypes. */
  public Optional<String> subtypeField() {
    return Optional.ofNullable(subtypeField);
  }

  public Map<String, Subtype> subtypes() {
    return subtypes;
  }

  /** Names of the events a change to such a record emits. */
  public List<String> events() {
    return events;
  }

  public boolean allowsCustomFields() {
    return customFields;
  }

  /**
   * The clear, indexed columns this type's golden records fill (column → non-PII field), in column order; empty for
   * types whose records have no {@code record_projection} row.
   */
  public Map<Projection, String> projections() {
    return projections;
  }

  /** True for facts: recorded once, never merged, changed or deleted by sync. */
  public boolean appendOnly() {
    return kind == Kind.FACT;
  }

  /**
   * Whether {@code writer} may change {@code field} of a record that {@code issuer} issued and that is now in
   * {@code currentState}.
   *
   * @param issuer       the system that created the record, or null while it is being created
   * @param currentState the record's lifecycle state, or null when it has none yet
   * @return empty when allowed; else the error code: {@code terminal_state} for anything but the issuer's change of
   *     state on a money record in a terminal state, {@code issuer_only} for an issuer-only field
   */
  public Optional<String> refusal(String field, String writer, @Nullable String issuer, @Nullable String currentState) {
    boolean byIssuer = issuer == null || issuer.equals(writer);
    if (lifecycle != null && lifecycle.financial() && currentState != null && lifecycle.isTerminal(currentState)
        && !(byIssuer && field.equals(lifecycle.field()))) {
      return Optional.of(CanonicalException.TERMINAL_STATE);
    }
    if (!byIssuer && require(field).authority() == Authority.ISSUER) {
      return Optional.of(CanonicalException.ISSUER_ONLY);
    }
    return Optional.empty();
  }

  /** This child type as the element type of a parent's collection field. */
  public ValueType.StructType asStruct() {
    Map<String, ValueType> types = new LinkedHashMap<>();
    fields.forEach((n, f) -> types.put(n, f.type()));
    return new ValueType.StructType(name, types);
  }

  @Override
  public String toString() {
    return name;
  }

  /** Declares a type; {@link #build()} checks that the declaration is consistent. */
  public static final class Builder {
    private final String name;
    private final Kind kind;
    private final Map<String, FieldDef> fields = new LinkedHashMap<>();
    private final List<List<String>> required = new ArrayList<>();
    private final List<IdentityRule> identity = new ArrayList<>();
    private @Nullable Lifecycle lifecycle;
    private @Nullable String consentField;
    private @Nullable String subtypeField;
    private final Map<String, Subtype> subtypes = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();
    private boolean customFields;
    private final Map<Projection, String> projections = new java.util.EnumMap<>(Projection.class);

    private Builder(String name, Kind kind) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("type names are lower_snake_case: " + name);
      }
      this.name = name;
      this.kind = kind;
    }

    /** A field every system may change. */
    public Builder field(String field, ValueType type) {
      return add(new FieldDef(field, type, false, Authority.EVERY_SYSTEM));
    }

    /** A personal-data field every system may change. */
    public Builder pii(String field, ValueType type) {
      return add(new FieldDef(field, type, true, Authority.EVERY_SYSTEM));
    }

    /** A field only the issuing system may change. */
    public Builder issued(String field, ValueType type) {
      return add(new FieldDef(field, type, false, Authority.ISSUER));
    }

    public Builder required(String... anyOf) {
      required.add(List.of(anyOf));
      return this;
    }

    public Builder identity(String rule, String field, MatchForm form) {
      identity.add(new IdentityRule(rule, List.of(new IdentityRule.Part(field, form))));
      return this;
    }

    public Builder identity(String rule, String field1, MatchForm form1, String field2, MatchForm form2) {
      identity.add(new IdentityRule(rule, List.of(new IdentityRule.Part(field1, form1),
          new IdentityRule.Part(field2, form2))));
      return this;
    }

    /** The lifecycle held by enum field {@code field}; its states are the field's codes. */
    public Builder lifecycle(String field, Set<String> terminal, boolean financial) {
      if (!(fieldType(field) instanceof EnumType e)) {
        throw new IllegalArgumentException(field + " must be an enum field to hold a lifecycle");
      }
      lifecycle = new Lifecycle(field, e.codes(), terminal, financial);
      return this;
    }

    public Builder consent(String field) {
      if (!(fieldType(field) instanceof EnumType)) {
        throw new IllegalArgumentException(field + " must be an enum field to hold consent");
      }
      consentField = field;
      return this;
    }

    /** Subtypes selected by enum field {@code field}; every code of the field must get a {@link #subtype}. */
    public Builder subtypes(String field) {
      if (!(fieldType(field) instanceof EnumType)) {
        throw new IllegalArgumentException(field + " must be an enum field to select subtypes");
      }
      subtypeField = field;
      return this;
    }

    public Builder subtype(String code, Set<String> fields, Set<String> required) {
      subtypes.put(code, new Subtype(code, fields, required));
      return this;
    }

    public Builder events(String... names) {
      events.addAll(List.of(names));
      return this;
    }

    public Builder customFields() {
      customFields = true;
      return this;
    }

    /**
     * Field {@code field} is kept in clear in {@code column} of the record's projection, for features to filter by.
     * {@link #build()} refuses a PII field, an undeclared (or custom) field, a value the column cannot hold, a column
     * filled twice, and projections on anything but a golden type.
     */
    public Builder project(String field, Projection column) {
      if (projections.putIfAbsent(column, field) != null) {
        throw new IllegalArgumentException(name + ": projection " + column + " declared twice");
      }
      return this;
    }

    public CanonicalType build() {
      List<String> referenced = new ArrayList<>();
      required.forEach(referenced::addAll);
      identity.forEach(r -> r.parts().forEach(p -> referenced.add(p.field())));
      subtypes.values().forEach(s -> {
        referenced.addAll(s.fields());
        referenced.addAll(s.required());
      });
      for (String f : referenced) {
        fieldType(f);
      }
      if (subtypeField != null && !Set.copyOf(((EnumType) fieldType(subtypeField)).codes()).equals(subtypes.keySet())) {
        throw new IllegalArgumentException(name + ": every " + subtypeField + " needs exactly one subtype");
      }
      projections.forEach((column, field) -> {
        FieldDef def = fields.get(field);
        if (def == null) {
          throw new IllegalArgumentException(name + ": no field " + field + " to project (custom fields never are)");
        }
        if (def.pii()) {
          throw new IllegalArgumentException(name + ": " + field + " is personal data and cannot be projected");
        }
        if (!column.accepts(def.type())) {
          throw new IllegalArgumentException(name + ": " + field + " (" + def.type().name() + ") cannot fill " + column);
        }
        if (kind != Kind.GOLDEN) {
          throw new IllegalArgumentException(name + ": only golden records have projections");
        }
      });
      if (kind == Kind.FACT && (identity.isEmpty() || lifecycle != null)) {
        throw new IllegalArgumentException(name + ": a fact has a key and no lifecycle");
      }
      return new CanonicalType(this);
    }

    private Builder add(FieldDef def) {
      if (!FIELD.matcher(def.name()).matches() || fields.putIfAbsent(def.name(), def) != null) {
        throw new IllegalArgumentException(name + ": field declared twice or not camelCase: " + def.name());
      }
      return this;
    }

    private ValueType fieldType(String field) {
      FieldDef def = fields.get(field);
      if (def == null) {
        throw new IllegalArgumentException(name + ": no field " + field);
      }
      return def.type();
    }
  }
}
