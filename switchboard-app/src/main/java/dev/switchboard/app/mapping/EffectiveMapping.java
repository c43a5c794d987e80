package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.model.CanonicalTypes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The mapping a connection's bindings read and write through: the default file with the connection's override
 * ({@link MappingOverride}) layered over it. Each entry is a rule of its own, checked as a one-rule mapping file; it
 * replaces the default rules of its canonical field and drops the default rule that names its vendor field (a field
 * is read from and written to one place). Entries come after the remaining default rules, in their order.
 */
public final class EffectiveMapping {
  private static final MappingFileParser PARSER = new MappingFileParser(CanonicalTypes.standard());
  /** By file and setting values: the settings of a connection change rarely, and every read and write asks. */
  private static final Map<String, MappingFile> CACHE = new ConcurrentHashMap<>();
  private static final int CACHE_LIMIT = 1_000;
  private static final String MERGE_FIELDS = "merge_fields.";

  private EffectiveMapping() {}

  /**
   * The mapping of {@code defaults}' vendor type for a connection with these settings: the file itself when the
   * connection overrides nothing. Parsed once per setting value.
   */
  public static MappingFile of(MappingFile defaults, Map<String, String> settings) {
    String value = settings.get(MappingOverride.settingKey(defaults.vendorType()));
    String shorthandKey = MappingOverride.shorthandKey(defaults.system(), defaults.vendorType());
    // the connect-time setting applies until a save; what it unmapped ("phone=") stays unmapped after one too
    String shorthand = shorthandKey != null ? settings.get(shorthandKey) : null;
    if ((value == null || value.isBlank()) && (shorthand == null || shorthand.isBlank())) {
      return defaults;
    }
    String key = defaults.resource() + '\u0000' + value + '\u0000' + shorthand;
    MappingFile cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    MappingFile file = layered(defaults, MappingOverride.applied(defaults, settings),
        MappingOverride.shorthandDropped(defaults.system(), shorthand), true);
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear();
    }
    CACHE.put(key, file);
    return file;
  }

  /** {@code defaults} with {@code entries} layered over it; the entries must have been validated. */
  public static MappingFile of(MappingFile defaults, List<MappingOverride.Entry> entries) {
    return layered(defaults, entries, Set.of(), false);
  }

  /**
   * @param lenient leave out an entry that does not parse (a setting set by hand), as a binding always left out a
   *                malformed pair, rather than fail every read and write of the connection
   */
  private static MappingFile layered(MappingFile defaults, List<MappingOverride.Entry> entries, Set<String> dropped,
      boolean lenient) {
    List<FieldRule> overrides = new ArrayList<>();
    for (MappingOverride.Entry e : entries) {
      try {
        FieldRule r = rule(defaults, e);
        if (lenient) {
          // a setting set by hand through the connections API has not been through a save's checks: what no tenant
          // may map (the consent, the identity) is left out here too
          MappingOverride.unsupported(defaults, r, "fields");
        }
        overrides.add(r);
      } catch (MappingFileException | MappingOverride.Refused | NullPointerException x) {
        if (!lenient) {
          throw x;
        }
      }
    }
    Set<String> canonical = new LinkedHashSet<>(dropped);
    Set<String> vendor = new LinkedHashSet<>();
    overrides.forEach(r -> {
      canonical.addAll(r.canonical());
      vendor.addAll(r.vendor());
    });
    List<FieldRule> rules = new ArrayList<>();
    for (FieldRule r : defaults.rules()) {
      if (r.canonical().stream().noneMatch(canonical::contains) && r.vendor().stream().noneMatch(vendor::contains)) {
        rules.add(r);
      }
    }
    rules.addAll(overrides);
    return new MappingFile(defaults.resource(), defaults.system(), defaults.vendorType(), defaults.canonicalType(),
        rules, defaults.alsoRead(), defaults.modifiedAt(), defaults.filter());
  }

  /**
   * One entry as the rule of a one-rule mapping file of {@code defaults}' vendor type, checked as such. The entry is
   * written into the file as quoted scalars and flow collections only: no value can add a key or an entry. HubSpot
   * property names are lower case.
   *
   * @throws MappingFileException what the parser finds wrong, with the entry's key at fault
   */
  static FieldRule rule(MappingFile defaults, MappingOverride.Entry e) {
    String vendor = Objects.requireNonNull(e.vendor()).trim();
    if (defaults.system().equals("hubspot")) {
      vendor = vendor.toLowerCase(Locale.ROOT);
    } else if (defaults.system().equals("mailchimp") && vendor.startsWith(MERGE_FIELDS)) {
      // Mailchimp's merge tags are upper case: the member's merge_fields are keyed so, whatever the entry typed
      vendor = MERGE_FIELDS + vendor.substring(MERGE_FIELDS.length()).toUpperCase(Locale.ROOT);
    }
    StringBuilder yaml = new StringBuilder("canonicalType: ").append(defaults.canonicalType())
        .append("\nfields:\n  - canonical: ").append(quoted(Objects.requireNonNull(e.canonical())))
        .append("\n    vendor: ").append(quoted(vendor))
        .append("\n    direction: ").append(quoted(Objects.requireNonNull(e.direction())));
    if (e.transform() != null) {
      yaml.append("\n    transform: ").append(flow(transform(e.transform())));
    }
    yaml.append('\n');
    MappingFile one = PARSER.parse(defaults.resource(), defaults.system(), defaults.vendorType(), yaml.toString());
    return one.rules().get(0);
  }

  /** {@code "name: split"} is the one-parameter form a file writes as {@code name: split}; a map or a name as it is. */
  private static Object transform(Object t) {
    if (t instanceof String s && s.indexOf(':') > 0) {
      int colon = s.indexOf(':');
      return Map.of(s.substring(0, colon).trim(), s.substring(colon + 1).trim());
    }
    return t;
  }

  /** A value as YAML flow: maps and lists as flow collections, every scalar double-quoted. */
  private static String flow(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, x) -> parts.add(quoted(String.valueOf(k)) + ": " + flow(x)));
      return "{" + String.join(", ", parts) + "}";
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(x -> parts.add(flow(x)));
      return "[" + String.join(", ", parts) + "]";
    }
    return v == null ? "null" : quoted(String.valueOf(v));
  }

  /** A JSON string is a YAML scalar: no entry can inject keys into the file it is checked as. */
  private static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.trim().toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == '\u0085' || c == '\u2028' || c == '\u2029') {
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
