package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ContactField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's override of one vendor type's default mapping: entries {@code {canonical, vendor, direction, transform?}}
 * that map a canonical field (a declared one or a {@code custom.*} one) to a vendor field, layered over the file: an
 * entry replaces the default rules of its canonical field and the default rule writing its vendor field
 * ({@link EffectiveMapping}). An entry says what a rule of a mapping file says, and is checked as one. It is carried to
 * the bindings as the JSON of the entries in the connection setting {@code mapping.<vendorType>} ({@link #settingKey}),
 * as the record filter is in {@code filter.<vendorType>}. HubSpot contacts and companies and Mailchimp members take
 * overrides; a Mailchimp entry maps to a merge field ({@code merge_fields.TAG}), and the member's consent
 * ({@code status}) keeps its default.
 */
public final class MappingOverride {
  /** The connection setting typed at connect time, before overrides, that the bindings still read. */
  private static final Map<String, String[]> SHORTHAND = Map.of(
      "hubspot", new String[] {"contact", "customProperties"},
      "mailchimp", new String[] {"member", "mergeFields"});
  /** The vendor types whose bindings read and write through the effective mapping. */
  private static final Set<String> OVERRIDABLE = Set.of("hubspot/contact", "hubspot/company", "mailchimp/member");
  private static final String MERGE_PREFIX = "merge_fields.";
  private static final String SETTING_PREFIX = "mapping.";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() {};

  private MappingOverride() {}

  /**
   * One entry as the API takes it.
   *
   * @param transform as a mapping file writes it: a name ({@code "address"}), a name and its one parameter
   *                  ({@code "name: split"}) or a map of the name to its parameters
   *                  ({@code {"enum": {"map": {...}, "unmapped": "absent"}}}); null: none, and left out of the JSON
   * @param create    what kind of vendor field to create when the vendor lacks it; null: derived ({@link FieldSpec})
   */
  // an entry without transform or create is shown and stored as it was before either existed
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Entry(@Nullable String canonical, @Nullable String vendor, @Nullable String direction,
      @Nullable Object transform, @Nullable FieldSpec create) {
    /** An entry without transform, its vendor field created as derived. */
    public Entry(@Nullable String canonical, @Nullable String vendor, @Nullable String direction) {
      this(canonical, vendor, direction, null, null);
    }

    /** An entry with a transform, its vendor field created as derived. */
    public Entry(@Nullable String canonical, @Nullable String vendor, @Nullable String direction,
        @Nullable Object transform) {
      this(canonical, vendor, direction, transform, null);
    }
  }

  /** An entry that cannot be saved: an API error code, the JSON path of the value at fault and why. */
  public static final class Refused extends IllegalArgumentException {
    private final String code;
    private final String field;

    Refused(String code, String field, String message) {
      super(message);
      this.code = code;
      this.field = field;
    }

    public String code() {
      return code;
    }

    public String field() {
      return field;
    }
  }

  /** Whether {@code system}'s {@code vendorType} takes overrides. */
  public static boolean supports(String system, String vendorType) {
    return OVERRIDABLE.contains(system + "/" + vendorType);
  }

  /** The connection setting that carries the overrides of {@code vendorType} ({@code mapping.contact}). */
  public static String settingKey(String vendorType) {
    return SETTING_PREFIX + vendorType;
  }

  /**
   * The older connection setting typed at connect time that carries {@code system}'s {@code vendorType} overrides
   * ({@code customProperties}, {@code mergeFields}), or null: it applies while {@link #settingKey} is not set, and a
   * save replaces it.
   */
  public static @Nullable String shorthandKey(String system, String vendorType) {
    String[] s = SHORTHAND.get(system);
    return s != null && s[0].equals(vendorType) ? s[1] : null;
  }

  /** The setting's value carrying {@code entries}, trimmed; null when there are none (the default applies). */
  public static @Nullable String toSetting(List<Entry> entries) {
    if (entries.isEmpty()) {
      return null;
    }
    List<Entry> trimmed = new ArrayList<>();
    for (Entry e : entries) {
      trimmed.add(new Entry(Objects.requireNonNull(e.canonical()).trim(), Objects.requireNonNull(e.vendor()).trim(),
          Objects.requireNonNull(e.direction()).trim(), e.transform()));
    }
    return JSON.writeValueAsString(trimmed);
  }

  /** The entries as saved ({@link #toSetting}, or a version's {@code fields_json}). */
  public static List<Entry> fromJson(String json) {
    return JSON.readValue(json, ENTRIES);
  }

  /**
   * The entries that apply to {@code file}'s vendor type with these connection settings: those of
   * {@code mapping.<vendorType>}; without it, those of the older setting typed at connect time. Empty: the default.
   * A setting that cannot be read (set by hand through the settings API) is no override.
   */
  public static List<Entry> applied(MappingFile file, Map<String, String> settings) {
    String value = settings.get(settingKey(file.vendorType()));
    if (value != null && !value.isBlank()) {
      try {
        return fromJson(value);
      } catch (RuntimeException e) {
        return List.of();
      }
    }
    String key = shorthandKey(file.system(), file.vendorType());
    return key == null ? List.of() : fromShorthand(file.system(), settings.get(key));
  }

  /**
   * Validates the entries against the default mapping and the canonical model; {@code authority} is the tenant's
   * field authority of the canonical type ({@link FieldAuthority#rules}).
   *
   * @throws Refused {@code unknown_field}, {@code incompatible_types}, {@code transform_not_applicable},
   *     {@code direction_breaks_authority}, {@code invalid_value}, {@code missing_field}, {@code duplicate_field},
   *     {@code unsupported_override}; the field is {@code fields[i].<key>}
   */
  public static void validate(MappingFile defaults, List<Entry> entries, Map<String, Set<String>> authority) {
    if (!entries.isEmpty() && !supports(defaults.system(), defaults.vendorType())) {
      throw new Refused("unsupported_override", "fields[0]", defaults.system() + " " + defaults.vendorType()
          + " takes no field overrides yet");
    }
    Set<String> canonicalSeen = new LinkedHashSet<>();
    Set<String> vendorSeen = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      String at = "fields[" + i + "]";
      if (e == null || blank(e.canonical()) || blank(e.vendor()) || blank(e.direction())) {
        String missing = e == null || blank(e.canonical()) ? "canonical" : blank(e.vendor()) ? "vendor" : "direction";
        throw new Refused("missing_field", at + "." + missing, missing + " is required");
      }
      FieldRule rule;
      try {
        rule = EffectiveMapping.rule(defaults, e);
      } catch (MappingFileException x) {
        throw new Refused(x.code(), at + "." + Objects.requireNonNullElse(x.key(), "transform"), x.reason());
      }
      String canonical = rule.canonicalField();
      String vendor = rule.vendorField();
      unsupported(defaults, rule, at);
      // a field the tenant lets only other systems change is never merged from this one: a mapping that only reads it
      // would do nothing at all
      if (rule.direction() == Direction.READ && !FieldAuthority.allows(authority, canonical, defaults.system())) {
        throw new Refused("direction_breaks_authority", at + ".direction", "direction read maps " + canonical
            + " only from " + defaults.system() + ", which the field authority does not let change it ("
            + String.join(", ", authority.get(canonical)) + ")");
      }
      if (e.create() != null) {
        e.create().validate(at + ".create");
      }
      if (!canonicalSeen.add(canonical)) {
        throw new Refused("duplicate_field", at + ".canonical", canonical + " is mapped twice");
      }
      if (!vendorSeen.add(vendor.toLowerCase(java.util.Locale.ROOT))) {
        throw new Refused("duplicate_field", at + ".vendor", vendor + " is mapped twice");
      }
    }
  }

  /**
   * What no tenant may map, and what the bindings cannot carry. Checked on a save and again where the bindings layer a
   * setting (one set by hand through the connections API skips the save's checks).
   *
   * @throws Refused {@code unsupported_override}: the consent, the e-mail (the contact's identity) and the fields
   *     that date the records are the default's only; {@code transform_not_applicable}: a transform only a connector
   *     fills in (a portal's stages or currency, a line's computation, children, references)
   */
  static void unsupported(MappingFile defaults, FieldRule rule, String at) {
    String canonical = rule.canonicalField();
    String vendor = rule.vendorField();
    // the consent is never a tenant's to map: a property or merge field anyone can type into would become an opt-in,
    // and the default's opt-out would stop being read
    if (canonical.equals(ContactField.MARKETING_STATUS)) {
      throw new Refused("unsupported_override", at + ".canonical", "the consent (" + canonical + ") keeps its "
          + "default mapping");
    }
    Optional<FieldRule> byDefault = defaults.rule(canonical);
    boolean restates = byDefault.isPresent() && byDefault.get().vendor().equals(List.of(vendor))
        && rule.direction() == byDefault.get().direction() && rule.transform().equals(byDefault.get().transform());
    for (String reserved : List.of(ContactField.MARKETING_STATUS, ContactField.EMAIL)) {
      Optional<FieldRule> r = defaults.rule(reserved);
      if (r.isPresent() && !restates && (canonical.equals(reserved) || r.get().vendor().contains(vendor))) {
        throw new Refused("unsupported_override", at + (canonical.equals(reserved) ? ".canonical" : ".vendor"),
            reserved + " (" + String.join(", ", r.get().vendor()) + ") keeps its default mapping: it is the record's "
            + (reserved.equals(ContactField.EMAIL) ? "identity" : "consent"));
      }
    }
    if (vendor.equals(defaults.modifiedAt())) {
      throw new Refused("unsupported_override", at + ".vendor", vendor + " dates the records; it maps no field");
    }
    if (rule.transform() instanceof ComputedTransform || rule.transform() instanceof ChildrenTransform
        || rule.transform() instanceof RefTransform || rule.transform() instanceof PipelineStageTransform
        || rule.transform() instanceof PortalMoneyTransform) {
      throw new Refused("transform_not_applicable", at + ".transform", rule.transform().name() + " is filled in by "
          + "the connector for its own types; an override takes none, enum, money with its units, datetime, name, "
          + "default, constant, concat or address");
    }
    if (!defaults.system().equals("mailchimp")) {
      return;
    }
    if (vendor.startsWith(MERGE_PREFIX)) {
      if (vendor.length() == MERGE_PREFIX.length() || vendor.indexOf('.', MERGE_PREFIX.length()) >= 0) {
        throw new Refused("invalid_value", at + ".vendor", "a merge field is " + MERGE_PREFIX + "<TAG>");
      }
    } else {
      // the member's top-level fields are read and written by name (the e-mail is its identity, tags are a list): an
      // entry may restate their default, not move them
      FieldRule own = defaults.ruleForVendor(vendor).orElseThrow(() -> new Refused("unsupported_override",
          at + ".vendor", "a Mailchimp member field is a merge field (" + MERGE_PREFIX + "<TAG>) or one the default "
          + "maps, not " + vendor));
      if (!own.canonical().equals(List.of(canonical)) || rule.direction() != Direction.BOTH
          || !rule.transform().equals(own.transform())) {
        throw new Refused("unsupported_override", at + ".vendor", vendor + " keeps its default mapping ("
            + String.join(", ", own.canonical()) + ", both ways)");
      }
    }
    // (the e-mail is refused above, as every system's identity)
    if (canonical.equals(ContactField.TAGS) && vendor.startsWith(MERGE_PREFIX)) {
      throw new Refused("unsupported_override", at + ".canonical", canonical + " is no merge field");
    }
    // the address is a structure (lines, city, region, postal code): only an address-type merge field takes it,
    // and a merge field an override creates is text
    if (canonical.equals(ContactField.ADDRESS) && defaults.rules().stream()
        .noneMatch(r -> r.canonical().contains(canonical) && r.vendor().contains(vendor))) {
      throw new Refused("incompatible_types", at + ".vendor", "address is a postal address; it maps only to the "
          + "audience's address merge field (its default), not to a text merge field");
    }
  }

  /**
   * The entries an older connection setting carries ({@code customProperties}: {@code tier=loyalty_tier}, the
   * HubSpot property lower-cased; {@code mergeFields}: {@code custom.tier=TIER}, the tag upper-cased), as typed at
   * connect time before overrides existed. Pairs the bindings never applied are left out: malformed ones, and for
   * Mailchimp the e-mail, consent and tags (no merge fields) and a blank tag ({@link #shorthandDropped}).
   */
  public static List<Entry> fromShorthand(String system, @Nullable String value) {
    List<Entry> entries = new ArrayList<>();
    for (String[] kv : pairs(system, value)) {
      if (kv[1].isEmpty()) {
        continue;
      }
      if (system.equals("mailchimp")) {
        entries.add(new Entry(kv[0], MERGE_PREFIX + kv[1].toUpperCase(java.util.Locale.ROOT), "both"));
      } else {
        entries.add(new Entry(kv[0].startsWith(ContactField.CUSTOM_PREFIX) ? kv[0]
            : ContactField.CUSTOM_PREFIX + kv[0], kv[1].toLowerCase(java.util.Locale.ROOT), "both"));
      }
    }
    return entries;
  }

  /** The canonical fields a Mailchimp {@code mergeFields} setting unmaps ({@code phone=}: no merge field). */
  public static Set<String> shorthandDropped(String system, @Nullable String value) {
    Set<String> out = new LinkedHashSet<>();
    if (system.equals("mailchimp")) {
      pairs(system, value).stream().filter(kv -> kv[1].isEmpty()).forEach(kv -> out.add(kv[0]));
    }
    return out;
  }

  private static List<String[]> pairs(String system, @Nullable String value) {
    List<String[]> out = new ArrayList<>();
    if (value == null || value.isBlank() || !SHORTHAND.containsKey(system)) {
      return out;
    }
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      String key = (eq < 0 ? pair : pair.substring(0, eq)).trim();
      String vendor = eq < 0 ? (system.equals("hubspot") ? key : "") : pair.substring(eq + 1).trim();
      if (eq < 0 && system.equals("mailchimp") || key.isEmpty() || system.equals("hubspot") && vendor.isEmpty()) {
        continue;
      }
      if (system.equals("mailchimp") && List.of(ContactField.EMAIL, ContactField.MARKETING_STATUS, ContactField.TAGS)
          .contains(key)) {
        continue;
      }
      if (system.equals("hubspot") && key.startsWith(ContactField.CUSTOM_PREFIX)) {
        key = key.substring(ContactField.CUSTOM_PREFIX.length());
      }
      out.add(new String[] {key, vendor});
    }
    return out;
  }

  /**
   * The canonical fields whose mapping differs between two overrides of {@code defaults}: another vendor field, another
   * direction or another transform, or a default rule an entry displaces or gives back. Records with a value in one of
   * them are the records a save affects.
   */
  public static Set<String> changedFields(MappingFile defaults, List<Entry> before, List<Entry> after) {
    Map<String, String> b = described(EffectiveMapping.of(defaults, before));
    Map<String, String> a = described(EffectiveMapping.of(defaults, after));
    Set<String> out = new LinkedHashSet<>();
    b.forEach((k, v) -> {
      if (!v.equals(a.get(k))) {
        out.add(k);
      }
    });
    a.forEach((k, v) -> {
      if (!v.equals(b.get(k))) {
        out.add(k);
      }
    });
    return out;
  }

  /** Canonical field → how it maps (its rules' vendor fields, directions and transforms). */
  private static Map<String, String> described(MappingFile file) {
    Map<String, String> out = new LinkedHashMap<>();
    for (FieldRule r : file.rules()) {
      String how = r.vendor() + " " + r.direction() + " " + r.transform() + " " + r.lookup();
      r.canonical().forEach(c -> out.merge(c, how, (x, y) -> x + "; " + y));
    }
    return out;
  }

  /**
   * The vendor's fields and values for canonical values a target receives: the effective mapping's written rules
   * ({@link EffectiveMapping}), each through its transform. A value a transform refuses is answered as the refusal's
   * code ({@code !unmapped_value}) rather than failing the whole view.
   */
  public static Map<String, Object> vendorValues(MappingFile effective, Map<String, Object> desired) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (FieldRule r : effective.writeRules()) {
      if (r.canonical().stream().noneMatch(desired::containsKey) && !r.canonical().isEmpty()) {
        continue;
      }
      List<@Nullable Object> in = new ArrayList<>();
      r.canonical().forEach(c -> in.add(desired.containsKey(c) ? Objects.requireNonNullElse(desired.get(c), "") : null));
      try {
        List<@Nullable Object> values = r.transform().write(in);
        for (int i = 0; i < r.vendor().size(); i++) {
          if (values.get(i) != null) {
            out.put(r.vendor().get(i), values.get(i));
          }
        }
      } catch (MappingValueException e) {
        r.vendor().forEach(v -> out.put(v, "!" + e.code()));
      }
    }
    return out;
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isBlank();
  }
}
