package dev.switchboard.app.canonical;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A postal address in one structured form (see {@link AddressCleaner}). Every component is optional but at least one
 * is present; texts are single-line and trimmed.
 *
 * @param lines      street lines in order (no empty lines)
 * @param city       locality
 * @param region     state, province or county: a two-letter code for US and CA states, provinces and territories,
 *                   as typed elsewhere
 * @param postalCode normalised where the country's format is simple (US ZIP/ZIP+4, UK, NL, DE, CA), as typed
 *                   otherwise
 * @param country    ISO 3166-1 alpha-2, upper-case
 */
public record PostalAddress(List<String> lines, @Nullable String city, @Nullable String region,
    @Nullable String postalCode, @Nullable String country) implements Value {

  public PostalAddress {
    lines = List.copyOf(lines);
    for (String line : lines) {
      requireText(line);
    }
    requireText(city);
    requireText(region);
    requireText(postalCode);
    if (country != null && !Countries.isCode(country)) {
      throw new CanonicalException(CanonicalException.INVALID_COUNTRY, "country must be ISO 3166-1 alpha-2");
    }
    if (lines.isEmpty() && city == null && region == null && postalCode == null && country == null) {
      throw new CanonicalException(CanonicalException.INVALID_ADDRESS, "an address has at least one component; "
          + "an address without any is Value.EMPTY");
    }
  }

  /**
   * {@code unrecognised_postal_code} when the country has a simple postcode format that {@link #postalCode()} does
   * not follow; {@code unrecognised_region} when a US or CA region is not a state, province or territory code.
   */
  @Override
  public Set<String> flags() {
    Set<String> flags = new LinkedHashSet<>();
    if (postalCode != null && country != null && !PostalCodes.isRecognised(country, postalCode)) {
      flags.add(PostalCodes.FLAG);
    }
    if (region != null && country != null && !Regions.isRecognised(country, region)) {
      flags.add(Regions.FLAG);
    }
    return Set.copyOf(flags);
  }

  private static void requireText(@Nullable String s) {
    if (s != null && (s.isEmpty() || !s.equals(TextForms.singleLine(s)))) {
      throw new CanonicalException(CanonicalException.INVALID_ADDRESS,
          "address components are single-line, trimmed and non-empty");
    }
  }
}
