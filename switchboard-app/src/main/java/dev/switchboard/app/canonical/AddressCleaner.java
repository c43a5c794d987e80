package dev.switchboard.app.canonical;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Brings postal addresses from every vendor's shape into one {@link PostalAddress}: components trimmed and
 * single-lined, empty ones dropped; the country (a code or a name in any common form, see {@link Countries}) as
 * ISO 3166-1 alpha-2; US and CA regions as their two-letter codes ({@link Regions}); postcodes normalised where the
 * country's format is simple ({@link PostalCodes}). Nothing is inferred: an address without a country gets none
 * (the tenant's region says where the business is, not where its customers live).
 */
public final class AddressCleaner {

  private AddressCleaner() {}

  /**
   * Accepts a {@link PostalAddress}, a map of components, or a single string (kept as one line: free-form
   * addresses are not parsed). Map keys are matched ignoring case and punctuation: {@code lines} (a list),
   * {@code line1..3} / {@code address1..3} / {@code street}, {@code city} / {@code locality} / {@code town},
   * {@code region} / {@code state} / {@code province} / {@code county}, {@code postalCode} / {@code postcode} /
   * {@code zip}, {@code country} / {@code countryCode}.
   *
   * @return the address, or {@link Value#EMPTY} when no component has a value
   * @throws CanonicalException {@code invalid_country} for a country we cannot map, {@code invalid_address} for an
   *     unknown component or a component that is not text
   */
  public static Value clean(@Nullable Object raw) {
    return switch (raw) {
      case null -> Value.EMPTY;
      case PostalAddress a -> build(a.lines(), a.city(), a.region(), a.postalCode(), a.country());
      case CharSequence s -> build(List.of(s.toString()), null, null, null, null);
      case Map<?, ?> m -> fromMap(m);
      default -> throw new CanonicalException(CanonicalException.INVALID_ADDRESS, "expected an address object");
    };
  }

  private static Value fromMap(Map<?, ?> map) {
    List<String> lines = new ArrayList<>();
    String[] numbered = new String[3];
    String city = null;
    String region = null;
    String postalCode = null;
    String country = null;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
      Object v = e.getValue();
      switch (key) {
        case "lines", "addresslines", "streetlines" -> lines.addAll(texts(v));
        case "line1", "address1", "addressline1", "street", "street1", "streetaddress" -> numbered[0] = text(v);
        case "line2", "address2", "addressline2", "street2" -> numbered[1] = text(v);
        case "line3", "address3", "addressline3", "street3" -> numbered[2] = text(v);
        case "city", "locality", "town" -> city = text(v);
        case "region", "state", "province", "county", "statecode", "provincecode", "stateorprovince" -> region = text(v);
        case "postalcode", "postcode", "zip", "zipcode", "postal" -> postalCode = text(v);
        case "country", "countrycode", "countryname" -> country = text(v);
        default -> throw new CanonicalException(CanonicalException.INVALID_ADDRESS, "unknown address component");
      }
    }
    for (String line : numbered) {
      if (line != null) {
        lines.add(line);
      }
    }
    return build(lines, city, region, postalCode, country);
  }

  private static Value build(List<String> rawLines, @Nullable String rawCity, @Nullable String rawRegion,
      @Nullable String rawPostalCode, @Nullable String rawCountry) {
    List<String> lines = new ArrayList<>();
    for (String line : rawLines) {
      String l = TextForms.singleLine(line);
      if (!l.isEmpty()) {
        lines.add(l);
      }
    }
    String country = blankToNull(rawCountry);
    if (country != null) {
      country = Countries.resolve(country).orElseThrow(() ->
          new CanonicalException(CanonicalException.INVALID_COUNTRY, "not a country name or ISO 3166 code"));
    }
    String region = blankToNull(rawRegion);
    if (region != null && country != null) {
      region = Regions.resolve(country, region).orElse(region);
    }
    String postalCode = blankToNull(rawPostalCode);
    if (postalCode != null) {
      postalCode = PostalCodes.normalise(country, postalCode);
    }
    String city = blankToNull(rawCity);
    if (lines.isEmpty() && city == null && region == null && postalCode == null && country == null) {
      return Value.EMPTY;
    }
    return new PostalAddress(lines, city, region, postalCode, country);
  }

  private static @Nullable String blankToNull(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String s = TextForms.singleLine(raw);
    return s.isEmpty() ? null : s;
  }

  private static @Nullable String text(@Nullable Object v) {
    return switch (v) {
      case null -> null;
      case CharSequence s -> s.toString();
      case Number n -> Numbers.decimal(n).toPlainString(); // a ZIP code sent as a number
      default -> throw new CanonicalException(CanonicalException.INVALID_ADDRESS, "address components are text");
    };
  }

  private static List<String> texts(@Nullable Object v) {
    if (v instanceof Collection<?> c) {
      List<String> out = new ArrayList<>();
      for (Object o : c) {
        String s = text(o);
        if (s != null) {
          out.add(s);
        }
      }
      return out;
    }
    String s = text(v);
    return s == null ? List.of() : List.of(s);
  }
}
