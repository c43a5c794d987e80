package dev.switchboard.app.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Plain words for every {@code error_code} a connector or the shared sync and egress code can put on a failed write
 * or a connection: what happened, who fixes it and one action. Read from {@value #RESOURCE}.
 *
 * <p>An entry is found by the exact code first (vendor codes keep the vendor's spelling: HubSpot's
 * {@code VALIDATION_ERROR}, Mailchimp's {@code Member Exists}), then by the longest pattern ending in {@code *} that
 * the code starts with ({@code http_4*}, {@code missing_*}); a code nothing matches gets the general entry {@code *},
 * which says the code as it is. {@code ErrorCatalogueTests} fails when a code the code base can emit has no entry of
 * its own.
 */
public final class ErrorCatalogue {
  static final String RESOURCE = "errors/catalogue.yaml";
  /** The entry of codes nothing else matches. */
  static final String GENERAL = "*";
  private static final Set<String> WHO = Set.of("you", "installer");

  /**
   * One entry.
   *
   * @param code      the code or pattern it was found by ({@code *} for the general entry)
   * @param message   what happened, in plain words, no values
   * @param installer true when whoever installed Switchboard fixes it, false when the account's owner does
   * @param fix       the one thing to do
   */
  public record Entry(String code, String message, boolean installer, String fix) {
    /** "You" or "Whoever installed Switchboard". */
    public String who() {
      return installer ? "Whoever installed Switchboard" : "You";
    }

    /** Whether no entry of its own matched (the general one answered). */
    public boolean general() {
      return code.equals(GENERAL);
    }
  }

  private static final ErrorCatalogue DEFAULT = load();

  private final Map<String, Entry> exact;
  private final List<Entry> patterns;
  private final Entry general;

  private ErrorCatalogue(Map<String, Entry> entries) {
    this.exact = new LinkedHashMap<>();
    entries.forEach((k, v) -> {
      if (!k.endsWith("*")) {
        exact.put(k, v);
      }
    });
    this.patterns = entries.values().stream().filter(e -> e.code().endsWith("*") && !e.general())
        .sorted(Comparator.comparingInt((Entry e) -> e.code().length()).reversed()).toList();
    Entry g = entries.get(GENERAL);
    if (g == null) {
      throw new IllegalStateException(RESOURCE + " has no general entry \"*\"");
    }
    this.general = g;
  }

  /** The catalogue shipped with the application. */
  public static ErrorCatalogue standard() {
    return DEFAULT;
  }

  /** The entry for {@code code}: its own, a pattern's, or the general one (also for a null code). */
  public Entry lookup(@Nullable String code) {
    if (code == null) {
      return general;
    }
    Entry e = exact.get(code);
    if (e != null) {
      return e;
    }
    for (Entry p : patterns) {
      if (code.startsWith(p.code().substring(0, p.code().length() - 1))) {
        return p;
      }
    }
    return general;
  }

  /** Every code and pattern with an entry, the general one included. */
  public Set<String> codes() {
    Set<String> out = new java.util.TreeSet<>(exact.keySet());
    patterns.forEach(p -> out.add(p.code()));
    out.add(GENERAL);
    return out;
  }

  static ErrorCatalogue load() {
    try (InputStream in = ErrorCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a catalogue: a map of code → {@code {message, who: you|installer, fix}}; anything else is refused. */
  static ErrorCatalogue parse(String yaml) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(root instanceof Map<?, ?> map)) {
      throw new IllegalStateException(RESOURCE + ": expected a map of codes");
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      String code = String.valueOf(k);
      if (!(v instanceof Map<?, ?> fields) || !(fields.get("message") instanceof String message)
          || !(fields.get("fix") instanceof String fix) || !(fields.get("who") instanceof String who)
          || !WHO.contains(who) || fields.size() != 3 || message.isBlank() || fix.isBlank()) {
        throw new IllegalStateException(RESOURCE + ": " + code + " needs exactly message, who (you or installer) "
            + "and fix");
      }
      entries.put(code, new Entry(code, message.strip(), who.equals("installer"), fix.strip()));
    });
    return new ErrorCatalogue(entries);
  }
}
