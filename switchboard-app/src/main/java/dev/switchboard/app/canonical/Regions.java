package dev.switchboard.app.canonical;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * US states, districts and territories (USPS codes, the same as ISO 3166-2:US subdivision codes) and Canadian
 * provinces and territories (Canada Post codes = ISO 3166-2:CA), by code or name. Written by hand: neither the JDK
 * nor ICU ship subdivision names, and these 73 entries change about once a generation. Other countries' regions are
 * kept as typed.
 */
final class Regions {
  /** Flag on an address whose US or CA region is not one of the codes below. */
  static final String FLAG = "unrecognised_region";

  private static final Map<String, String> US = Map.ofEntries(
      Map.entry("AL", "Alabama"), Map.entry("AK", "Alaska"), Map.entry("AZ", "Arizona"), Map.entry("AR", "Arkansas"),
      Map.entry("CA", "California"), Map.entry("CO", "Colorado"), Map.entry("CT", "Connecticut"),
      Map.entry("DE", "Delaware"), Map.entry("DC", "District of Columbia"), Map.entry("FL", "Florida"),
      Map.entry("GA", "Georgia"), Map.entry("HI", "Hawaii"), Map.entry("ID", "Idaho"), Map.entry("IL", "Illinois"),
      Map.entry("IN", "Indiana"), Map.entry("IA", "Iowa"), Map.entry("KS", "Kansas"), Map.entry("KY", "Kentucky"),
      Map.entry("LA", "Louisiana"), Map.entry("ME", "Maine"), Map.entry("MD", "Maryland"),
      Map.entry("MA", "Massachusetts"), Map.entry("MI", "Michigan"), Map.entry("MN", "Minnesota"),
      Map.entry("MS", "Mississippi"), Map.entry("MO", "Missouri"), Map.entry("MT", "Montana"),
      Map.entry("NE", "Nebraska"), Map.entry("NV", "Nevada"), Map.entry("NH", "New Hampshire"),
      Map.entry("NJ", "New Jersey"), Map.entry("NM", "New Mexico"), Map.entry("NY", "New York"),
      Map.entry("NC", "North Carolina"), Map.entry("ND", "North Dakota"), Map.entry("OH", "Ohio"),
      Map.entry("OK", "Oklahoma"), Map.entry("OR", "Oregon"), Map.entry("PA", "Pennsylvania"),
      Map.entry("RI", "Rhode Island"), Map.entry("SC", "South Carolina"), Map.entry("SD", "South Dakota"),
      Map.entry("TN", "Tennessee"), Map.entry("TX", "Texas"), Map.entry("UT", "Utah"), Map.entry("VT", "Vermont"),
      Map.entry("VA", "Virginia"), Map.entry("WA", "Washington"), Map.entry("WV", "West Virginia"),
      Map.entry("WI", "Wisconsin"), Map.entry("WY", "Wyoming"), Map.entry("AS", "American Samoa"),
      Map.entry("GU", "Guam"), Map.entry("MP", "Northern Mariana Islands"), Map.entry("PR", "Puerto Rico"),
      Map.entry("VI", "U.S. Virgin Islands"), Map.entry("UM", "U.S. Minor Outlying Islands"),
      Map.entry("AA", "Armed Forces Americas"), Map.entry("AE", "Armed Forces Europe"),
      Map.entry("AP", "Armed Forces Pacific"));
  private static final Map<String, String> CA = Map.ofEntries(
      Map.entry("AB", "Alberta"), Map.entry("BC", "British Columbia"), Map.entry("MB", "Manitoba"),
      Map.entry("NB", "New Brunswick"), Map.entry("NL", "Newfoundland and Labrador"),
      Map.entry("NS", "Nova Scotia"), Map.entry("NT", "Northwest Territories"), Map.entry("NU", "Nunavut"),
      Map.entry("ON", "Ontario"), Map.entry("PE", "Prince Edward Island"), Map.entry("QC", "Quebec"),
      Map.entry("SK", "Saskatchewan"), Map.entry("YT", "Yukon"));
  // Other names in use: French names of provinces, the old Newfoundland code and "Washington DC".
  private static final Map<String, Map<String, String>> EXTRA = Map.of(
      "US", Map.of("washingtondc", "DC", "virginislands", "VI"),
      "CA", Map.of("quebec", "QC", "pq", "QC", "nf", "NL", "newfoundland", "NL", "colombiebritannique", "BC",
          "nouveaubrunswick", "NB", "nouvelleecosse", "NS", "ileduprinceedouard", "PE", "territoiresdunordouest", "NT",
          "terreneuveetlabrador", "NL"));
  private static final Map<String, Map<String, String>> BY_KEY = Map.of("US", index("US", US), "CA", index("CA", CA));

  private Regions() {}

  /**
   * The code of {@code raw} in {@code country} (US or CA) when it names a known region, else empty (other countries:
   * always empty; their regions are kept as typed).
   */
  static Optional<String> resolve(String country, String raw) {
    Map<String, String> byKey = BY_KEY.get(country);
    return byKey == null ? Optional.empty() : Optional.ofNullable(byKey.get(Countries.key(raw)));
  }

  /** False only for a US or CA region that is not one of their codes. */
  static boolean isRecognised(String country, String region) {
    Map<String, String> codes = switch (country) {
      case "US" -> US;
      case "CA" -> CA;
      default -> null;
    };
    return codes == null || codes.containsKey(region);
  }

  private static Map<String, String> index(String country, Map<String, String> names) {
    Map<String, String> index = new HashMap<>();
    names.forEach((code, name) -> {
      index.put(code.toLowerCase(Locale.ROOT), code);
      index.put(Countries.key(name), code);
    });
    index.putAll(EXTRA.get(country));
    return Map.copyOf(index);
  }
}
