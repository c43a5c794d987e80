package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Companies, told apart by a synthetic name ({@code tck-…}); they have no natural key, so the contracts create them by
 * create key. The address is the canonical structured value {lines, city, region, postalCode, country}.
 */
final class CompanySamples implements RecordSamples {
  static final CompanySamples INSTANCE = new CompanySamples();
  static final String NAME = "name";
  static final String DOMAIN = "domain";
  static final String WEBSITE = "website";
  static final String PHONE = "phone";
  static final String INDUSTRY = "industry";
  static final String DESCRIPTION = "description";
  static final String EMPLOYEES = "employeeCount";
  static final String ADDRESS = "address";
  static final List<String> WRITABLE = List.of(NAME, DOMAIN, WEBSITE, PHONE, INDUSTRY, DESCRIPTION, EMPLOYEES, ADDRESS);

  @Override
  public String type() {
    return "company";
  }

  @Override
  public String tagField() {
    return NAME;
  }

  @Override
  public String tagValue(String tag) {
    return RecordSamples.unique(tag);
  }

  @Override
  public String changeField() {
    return DESCRIPTION;
  }

  @Override
  public CanonicalRecord roundTripCreate(String name, Function<String, String> longest) {
    Map<String, Object> created = new LinkedHashMap<>();
    created.put(NAME, "  " + name + " · Zoë & Ångström 李小龍 🙂  ");
    created.put(DOMAIN, "tck.example.com");
    created.put(WEBSITE, "https://www.tck.example.com/über?x=1");
    created.put(PHONE, "+49 (89) 555-0100");
    created.put(INDUSTRY, "Computer Software");
    created.put(DESCRIPTION, longest.apply(DESCRIPTION));
    created.put(EMPLOYEES, 250L); // the spine's integer
    created.put(ADDRESS, address(List.of("1 Ünïcødé-Straße", "Hinterhaus, 3. OG"), "München", "BY", "80331", "DE"));
    return record(created);
  }

  /**
   * First a partial address (no second line, region or postcode: those are cleared, not left over), a phone cleared
   * by null and an industry by "", the website changed; then the address and the employee count cleared whole, the
   * number set from text. The description (the longest value) is named by neither.
   */
  @Override
  public List<CanonicalRecord> roundTripUpdates(String name) {
    Map<String, Object> first = new HashMap<>();
    first.put(NAME, name);
    first.put(PHONE, null);
    first.put(INDUSTRY, "");
    first.put(WEBSITE, "https://tck.example.org");
    first.put(ADDRESS, address(List.of("12 Rue de l'Église"), "Paris", null, null, "FR"));
    Map<String, Object> second = new HashMap<>();
    second.put(ADDRESS, null);
    second.put(DOMAIN, "");
    second.put(EMPLOYEES, "");
    Map<String, Object> third = new HashMap<>();
    third.put(EMPLOYEES, "1200");
    third.put(ADDRESS, address(List.of(), "Zürich", null, null, "CH"));
    return List.of(record(first), record(second), record(third));
  }

  @Override
  public String keptField() {
    return DESCRIPTION;
  }

  /** A structured address without the components it lacks (as the connector reads one back). */
  static Map<String, Object> address(List<String> lines, String city, String region, String postalCode,
      String country) {
    Map<String, Object> a = new LinkedHashMap<>();
    if (!lines.isEmpty()) {
      a.put("lines", lines);
    }
    put(a, "city", city);
    put(a, "region", region);
    put(a, "postalCode", postalCode);
    put(a, "country", country);
    return a;
  }

  private static void put(Map<String, Object> a, String k, String v) {
    if (v != null) {
      a.put(k, v);
    }
  }
}
