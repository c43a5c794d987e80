package dev.switchboard.app.canonical;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;

/**
 * Country names and codes in the forms people type, mapped to ISO 3166-1 alpha-2. Knows every alpha-2 and alpha-3
 * code, every country's name in the languages of our users (from the JDK's CLDR data, so "Deutschland", "Allemagne"
 * and "Germany" are all DE), and the informal names CLDR does not list (USA, UK, Great Britain, Holland, …).
 * Matching ignores case, accents, punctuation, spacing and a leading "the". A name that CLDR gives to two countries
 * in different languages is not guessed.
 */
public final class Countries {
  private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.ITALIAN,
      Locale.of("es"), Locale.of("pt"), Locale.of("nl"), Locale.of("sv"), Locale.of("da"), Locale.of("nb"),
      Locale.of("fi"), Locale.of("pl"), Locale.of("cs"), Locale.of("tr"));
  private static final Set<String> CODES = Set.of(Locale.getISOCountries());
  // Names people use that are not CLDR's display names in the languages above.
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("usa", "US"), Map.entry("us", "US"), Map.entry("unitedstatesofamerica", "US"),
      Map.entry("america", "US"), Map.entry("uk", "GB"), Map.entry("greatbritain", "GB"), Map.entry("britain", "GB"),
      Map.entry("england", "GB"), Map.entry("scotland", "GB"), Map.entry("wales", "GB"),
      Map.entry("northernireland", "GB"), Map.entry("unitedkingdomofgreatbritainandnorthernireland", "GB"),
      Map.entry("holland", "NL"), Map.entry("southkorea", "KR"), Map.entry("korearepublicof", "KR"),
      Map.entry("republicofkorea", "KR"), Map.entry("northkorea", "KP"), Map.entry("russianfederation", "RU"),
      Map.entry("czechrepublic", "CZ"), Map.entry("ivorycoast", "CI"), Map.entry("turkey", "TR"),
      Map.entry("vietnam", "VN"), Map.entry("uae", "AE"), Map.entry("emirates", "AE"), Map.entry("burma", "MM"),
      Map.entry("capeverde", "CV"), Map.entry("swaziland", "SZ"), Map.entry("macedonia", "MK"),
      Map.entry("vatican", "VA"), Map.entry("vaticancity", "VA"), Map.entry("hongkong", "HK"), Map.entry("macau", "MO"),
      Map.entry("macao", "MO"), Map.entry("palestine", "PS"), Map.entry("congokinshasa", "CD"),
      Map.entry("drc", "CD"), Map.entry("congobrazzaville", "CG"), Map.entry("eastimor", "TL"),
      Map.entry("bosnia", "BA"), Map.entry("trinidad", "TT"), Map.entry("stkitts", "KN"), Map.entry("stlucia", "LC"));
  private static final Map<String, String> BY_KEY = index();

  private Countries() {}

  /** True for an upper-case ISO 3166-1 alpha-2 code. */
  public static boolean isCode(String code) {
    return CODES.contains(code);
  }

  /** The alpha-2 code for {@code raw} (a code or a name in any common form), or empty when it is not a country. */
  public static Optional<String> resolve(String raw) {
    return Optional.ofNullable(BY_KEY.get(key(raw)));
  }

  static String key(String raw) {
    String words = TextForms.foldWords(raw);
    if (words.startsWith("the ")) {
      words = words.substring(4);
    }
    return words.replace(" ", "");
  }

  private static Map<String, String> index() {
    Map<String, Set<String>> names = new HashMap<>();
    for (String code : CODES) {
      Locale country = Locale.of("", code);
      for (Locale language : LANGUAGES) {
        String name = country.getDisplayCountry(language);
        if (!name.equalsIgnoreCase(code)) {
          names.computeIfAbsent(key(name), k -> new HashSet<>()).add(code);
        }
      }
    }
    Map<String, String> index = new HashMap<>();
    names.forEach((k, codes) -> {
      if (codes.size() == 1 && !k.isEmpty()) {
        index.put(k, codes.iterator().next());
      }
    });
    // Codes and aliases win over names: "CA" in a country field is Canada, whatever a name might fold to.
    for (String code : CODES) {
      index.put(code.toLowerCase(Locale.ROOT), code);
      try {
        String alpha3 = Locale.of("", code).getISO3Country();
        if (!alpha3.isEmpty()) {
          index.put(alpha3.toLowerCase(Locale.ROOT), code);
        }
      } catch (MissingResourceException e) {
        // No alpha-3 code known to this JDK: the alpha-2 code and the names still resolve.
      }
    }
    index.putAll(ALIASES);
    return Map.copyOf(index);
  }
}
