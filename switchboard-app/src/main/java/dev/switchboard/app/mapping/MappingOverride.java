package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.canonical.model.CanonicalTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's override of one vendor type's default mapping: entries that map a canonical field to another vendor
 * field, or a custom field to a vendor field, layered over the file (an entry replaces the default rule of its
 * canonical field). What an override may say is what the connection settings the bindings read can carry, which it
 * is stored as: HubSpot contacts map {@code custom.*} fields to properties ({@code customProperties}); Mailchimp members
 * map any merge-field field to a merge tag ({@code mergeFields}). Both ways, without transform.
 */
public final class MappingOverride {
  /** The connection setting a system's overrides are carried in, and the vendor type it applies to. */
  private static final Map<String, String[]> SHORTHAND = Map.of(
      "hubspot", new String[] {"contact", "customProperties"},
      "mailchimp", new String[] {"member", "mergeFields"});
  private static final String MERGE_PREFIX = "merge_fields.";

  private MappingOverride() {}

  /**
   * One entry as the API takes it.
   *
   * @param transform not read here (a transform of the entry's value)
   * @param create    what kind of vendor field to create when the vendor lacks it; null: derived ({@link FieldSpec})
   */
  // an entry without transform or create is shown and stored as it was before either existed
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Entry(@Nullable String canonical, @Nullable String vendor, @Nullable String direction,
      tools.jackson.databind.@Nullable JsonNode transform, @Nullable FieldSpec create) {

    /** An entry without transform, its vendor field created as derived. */
    public Entry(@Nullable String canonical, @Nullable String vendor, @Nullable String direction) {
      this(canonical, vendor, direction, null, null);
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
    String[] s = SHORTHAND.get(system);
    return s != null && s[0].equals(vendorType);
  }

  /** The connection setting that carries the overrides of {@code system}. */
  public static String settingKey(String system) {
    return SHORTHAND.get(system)[1];
  }

  /**
   * Validates the entries against the default mapping and the canonical model.
   *
   * @throws Refused {@code unknown_field}, {@code incompatible_types}, {@code transform_not_applicable},
   *     {@code direction_breaks_authority}, {@code invalid_value}, {@code missing_field}, {@code duplicate_field},
   *     {@code unsupported_override}; the field is {@code fields[i].<key>}
   */
  public static void validate(MappingFile defaults, List<Entry> entries) {
    MappingFileParser parser = new MappingFileParser(CanonicalTypes.standard());
    Set<String> canonicalSeen = new LinkedHashSet<>();
    Set<String> vendorSeen = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      String at = "fields[" + i + "]";
      if (e == null || blank(e.canonical()) || blank(e.vendor()) || blank(e.direction())) {
        String missing = e == null || blank(e.canonical()) ? "canonical" : blank(e.vendor()) ? "vendor" : "direction";
        throw new Refused("missing_field", at + "." + missing, missing + " is required");
      }
      String yaml = "canonicalType: " + defaults.canonicalType() + "\nfields:\n  - canonical: " + quoted(e.canonical())
          + "\n    vendor: " + quoted(e.vendor()) + "\n    direction: " + quoted(e.direction()) + "\n";
      try {
        parser.parse(defaults.resource(), defaults.system(), defaults.vendorType(), yaml);
      } catch (MappingFileException x) {
        throw new Refused(x.code(), at + "." + Objects.requireNonNullElse(x.key(), "canonical"), x.reason());
      }
      String canonical = e.canonical().trim();
      String vendor = e.vendor().trim();
      if (!"both".equals(e.direction().trim())) {
        // the settings that carry an override map both ways; a one-way direction the parser let through (it breaks
        // no authority) cannot be carried yet
        throw new Refused("unsupported_override", at + ".direction", "an override maps both ways for now");
      }
      unsupported(defaults, canonical, vendor, at);
      if (e.create() != null) {
        e.create().validate(at + ".create");
      }
      if (!canonicalSeen.add(canonical)) {
        throw new Refused("duplicate_field", at + ".canonical", canonical + " is mapped twice");
      }
      if (!vendorSeen.add(vendor.toLowerCase(java.util.Locale.ROOT))) {
        throw new Refused("duplicate_field", at + ".vendor", vendor + " is mapped twice");
      }
      for (FieldRule r : defaults.rules()) {
        if (r.vendor().contains(vendor) && !r.canonical().contains(canonical)) {
          throw new Refused("duplicate_field", at + ".vendor", vendor + " is already mapped to "
              + String.join(", ", r.canonical()) + " by default");
        }
      }
    }
  }

  /** What the settings shorthand cannot carry. */
  private static void unsupported(MappingFile defaults, String canonical, String vendor, String at) {
    if (!supports(defaults.system(), defaults.vendorType())) {
      throw new Refused("unsupported_override", at, defaults.system() + " " + defaults.vendorType()
          + " takes no overrides yet");
    }
    if (defaults.system().equals("hubspot") && !canonical.startsWith(ContactField.CUSTOM_PREFIX)) {
      throw new Refused("unsupported_override", at + ".canonical", "HubSpot contact overrides map custom.* fields; "
          + canonical + " keeps its default property");
    }
    if (defaults.system().equals("mailchimp")) {
      if (!vendor.startsWith(MERGE_PREFIX) || vendor.length() == MERGE_PREFIX.length()) {
        throw new Refused("unsupported_override", at + ".vendor", "Mailchimp member overrides map to a merge field: "
            + MERGE_PREFIX + "<TAG>");
      }
      if (List.of(ContactField.EMAIL, ContactField.MARKETING_STATUS, ContactField.TAGS).contains(canonical)) {
        throw new Refused("unsupported_override", at + ".canonical", canonical + " is no merge field");
      }
      // the address is a structure (lines, city, region, postal code): only an address-type merge field takes it,
      // and no merge field an override creates is one
      if (canonical.equals(ContactField.ADDRESS) && defaults.rules().stream()
          .noneMatch(r -> r.canonical().contains(canonical) && r.vendor().contains(vendor))) {
        throw new Refused("incompatible_types", at + ".vendor", "address is a postal address; it maps only to the "
            + "audience's address merge field (its default), not to a text merge field");
      }
    }
  }

  /** The connection setting's value that carries {@code entries} ({@code custom.tier=tier,…}). */
  public static String shorthand(String system, List<Entry> entries) {
    List<String> pairs = new ArrayList<>();
    for (Entry e : entries) {
      String vendor = Objects.requireNonNull(e.vendor()).trim();
      String canonical = Objects.requireNonNull(e.canonical()).trim();
      if (system.equals("mailchimp")) {
        pairs.add(canonical + "=" + vendor.substring(MERGE_PREFIX.length()));
      } else {
        pairs.add(canonical.substring(ContactField.CUSTOM_PREFIX.length()) + "=" + vendor);
      }
    }
    return String.join(",", pairs);
  }

  /**
   * The entries a connection setting carries ({@code customProperties} / {@code mergeFields}, as {@link #shorthand}
   * writes it, or as typed at connect time before overrides existed): what the bindings apply today, so the "before"
   * of a first saved override. Malformed pairs are left out, as the bindings leave them out.
   */
  public static List<Entry> fromShorthand(String system, @Nullable String value) {
    List<Entry> entries = new ArrayList<>();
    if (value == null || value.isBlank() || !SHORTHAND.containsKey(system)) {
      return entries;
    }
    for (String pair : value.split(",")) {
      String[] kv = pair.split("=", 2);
      if (kv.length < 2 || kv[0].isBlank() || kv[1].isBlank()) {
        continue;
      }
      String canonical = kv[0].trim();
      String vendor = kv[1].trim();
      if (system.equals("mailchimp")) {
        entries.add(new Entry(canonical, MERGE_PREFIX + vendor, "both"));
      } else {
        entries.add(new Entry(canonical.startsWith(ContactField.CUSTOM_PREFIX) ? canonical
            : ContactField.CUSTOM_PREFIX + canonical, vendor, "both"));
      }
    }
    return entries;
  }

  /**
   * The canonical fields whose mapping differs between two overrides: records with a value in one of them are the
   * records a save affects.
   */
  public static Set<String> changedFields(List<Entry> before, List<Entry> after) {
    Map<String, String> b = byCanonical(before);
    Map<String, String> a = byCanonical(after);
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

  /**
   * The vendor's fields and values for canonical values a target receives: the default file's written rules, with the
   * override's entries in place of the rules of their canonical fields, each through its transform. A value a
   * transform refuses is answered as the refusal's code ({@code !unmapped_value}) rather than failing the whole view.
   */
  public static Map<String, Object> vendorValues(MappingFile defaults, List<Entry> entries, Map<String, Object> desired) {
    Map<String, String> override = byCanonical(entries);
    Map<String, Object> out = new LinkedHashMap<>();
    for (FieldRule r : defaults.writeRules()) {
      if (r.canonical().stream().anyMatch(override::containsKey) || r.canonical().stream().noneMatch(desired::containsKey)
          && !r.canonical().isEmpty()) {
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
    override.forEach((canonical, vendor) -> {
      if (desired.containsKey(canonical)) {
        out.put(vendor, Objects.requireNonNullElse(desired.get(canonical), ""));
      }
    });
    return out;
  }

  private static Map<String, String> byCanonical(List<Entry> entries) {
    Map<String, String> out = new LinkedHashMap<>();
    entries.forEach(e -> out.put(Objects.requireNonNull(e.canonical()).trim(), Objects.requireNonNull(e.vendor()).trim()));
    return out;
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  /** A JSON string is a YAML scalar: no entry can inject keys into the file it is checked as. */
  private static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.trim().toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
