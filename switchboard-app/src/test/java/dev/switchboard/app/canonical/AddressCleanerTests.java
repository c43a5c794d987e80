package dev.switchboard.app.canonical;

import static dev.switchboard.app.canonical.MoneyTests.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressCleanerTests {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "US                        | US", "us | US", "USA | US", "U.S.A. | US", "United States | US",
      "United States of America  | US", "the United States | US",
      "GB | GB", "UK | GB", "United Kingdom | GB", "Great Britain | GB", "England | GB",
      "DE | DE", "DEU | DE", "Germany | DE", "Deutschland | DE", "Allemagne | DE", "alemania | DE",
      "NL | NL", "Netherlands | NL", "The Netherlands | NL", "Holland | NL", "Nederland | NL",
      "CA | CA", "Canada | CA", "CAN | CA",
      "Côte d’Ivoire | CI", "Cote d'Ivoire | CI", "Ivory Coast | CI",
      "Türkiye | TR", "Turkey | TR", "Czechia | CZ", "Czech Republic | CZ", "South Korea | KR",
      "Österreich | AT", "  espana  | ES", "España | ES", "Schweiz | CH", "Suisse | CH",
  })
  void countriesInAnyCommonFormBecomeAlpha2(String raw, String code) {
    assertThat(Countries.resolve(raw)).contains(code);
  }

  @Test
  void unknownCountriesAreRefusedNotGuessed() {
    assertThat(Countries.resolve("Atlantis")).isEmpty();
    assertThat(Countries.resolve("XX")).isEmpty();
    refused(() -> AddressCleaner.clean(Map.of("city", "Paris", "country", "Frankreichland")),
        CanonicalException.INVALID_COUNTRY);
    refused(() -> new PostalAddress(List.of(), "Paris", null, null, "fr"), CanonicalException.INVALID_COUNTRY);
  }

  @Test
  void vendorShapesBecomeOneStructure() {
    Map<String, Object> stripe = new LinkedHashMap<>();
    stripe.put("line1", " 1  Market St ");
    stripe.put("line2", "Suite 300");
    stripe.put("city", "San Francisco");
    stripe.put("state", "california");
    stripe.put("postal_code", "941051234");
    stripe.put("country", "us");
    assertThat(AddressCleaner.clean(stripe)).isEqualTo(
        new PostalAddress(List.of("1 Market St", "Suite 300"), "San Francisco", "CA", "94105-1234", "US"));
    Map<String, Object> quickBooks = Map.of("Line1", "1 Market St", "Line2", "Suite 300", "City", "San Francisco",
        "CountrySubDivisionCode", "CA", "PostalCode", "94105-1234", "Country", "USA");
    // QuickBooks' CountrySubDivisionCode is not a key we know: refused, so the binding maps it explicitly.
    refused(() -> AddressCleaner.clean(quickBooks), CanonicalException.INVALID_ADDRESS);
    Map<String, Object> mailchimp = Map.of("addr1", "x");
    refused(() -> AddressCleaner.clean(mailchimp), CanonicalException.INVALID_ADDRESS);
    assertThat(AddressCleaner.clean(Map.of("lines", List.of(" ", "Keizersgracht 1"), "zip", "1015cj",
        "country", "Nederland"))).isEqualTo(new PostalAddress(List.of("Keizersgracht 1"), null, null, "1015 CJ", "NL"));
    assertThat(AddressCleaner.clean("  10 Downing Street,  London ")).isEqualTo(
        new PostalAddress(List.of("10 Downing Street, London"), null, null, null, null));
    assertThat(AddressCleaner.clean(Map.of("line1", " ", "country", ""))).isSameAs(Value.EMPTY);
    assertThat(AddressCleaner.clean(Map.of("zip", 94105, "country", "US")))
        .isEqualTo(new PostalAddress(List.of(), null, null, "94105", "US"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "US | 94105       | 94105", "US | 94105 1234 | 94105-1234", "US | 941051234 | 94105-1234",
      "GB | sw1a1aa     | SW1A 1AA", "GB | SW1A  1AA | SW1A 1AA", "GB | ec1a 1bb | EC1A 1BB", "GB | m1 1ae | M1 1AE",
      "GB | gir0aa      | GIR 0AA", "JE | je2 3ab | JE2 3AB",
      "NL | 1015cj      | 1015 CJ", "NL | 1015 cj | 1015 CJ",
      "DE | 10115       | 10115",
      "CA | k1a0b1      | K1A 0B1", "CA | K1A-0B1 | K1A 0B1",
      "FR | 75008       | 75008", "IE | d02 x285 | d02 x285",
  })
  void postcodesAreNormalisedWhereTheFormatIsSimple(String country, String raw, String normal) {
    PostalAddress a = (PostalAddress) AddressCleaner.clean(Map.of("postcode", raw, "country", country));
    assertThat(a.postalCode()).isEqualTo(normal);
    assertThat(a.flags()).isEmpty();
  }

  @Test
  void postcodesThatDoNotFitAreKeptAsTypedAndFlagged() {
    PostalAddress lostZero = (PostalAddress) AddressCleaner.clean(Map.of("zip", "2134", "country", "US"));
    assertThat(lostZero.postalCode()).isEqualTo("2134"); // not padded to 02134: we do not guess
    assertThat(lostZero.flags()).containsExactly("unrecognised_postal_code");
    PostalAddress noCountry = (PostalAddress) AddressCleaner.clean(Map.of("zip", "sw1a1aa"));
    assertThat(noCountry.postalCode()).isEqualTo("sw1a1aa");
    assertThat(noCountry.flags()).isEmpty();
  }

  @Test
  void usAndCanadianRegionsBecomeCodes() {
    assertThat(Regions.resolve("US", "California")).contains("CA");
    assertThat(Regions.resolve("US", "new york")).contains("NY");
    assertThat(Regions.resolve("US", "District of Columbia")).contains("DC");
    assertThat(Regions.resolve("US", "Washington DC")).contains("DC");
    assertThat(Regions.resolve("US", "tx")).contains("TX");
    assertThat(Regions.resolve("CA", "Québec")).contains("QC");
    assertThat(Regions.resolve("CA", "British Columbia")).contains("BC");
    assertThat(Regions.resolve("CA", "Île-du-Prince-Édouard")).contains("PE");
    assertThat(Regions.resolve("DE", "Bayern")).isEmpty();
    PostalAddress bavaria = (PostalAddress) AddressCleaner.clean(Map.of("region", " Bayern ", "country", "DE"));
    assertThat(bavaria.region()).isEqualTo("Bayern");
    assertThat(bavaria.flags()).isEmpty();
    PostalAddress typo = (PostalAddress) AddressCleaner.clean(Map.of("state", "Califrnia", "country", "US"));
    assertThat(typo.region()).isEqualTo("Califrnia");
    assertThat(typo.flags()).containsExactly("unrecognised_region");
  }

  @Test
  void theStructureRefusesWhatIsNotClean() {
    refused(() -> new PostalAddress(List.of(" 1 Main St"), null, null, null, null), CanonicalException.INVALID_ADDRESS);
    refused(() -> new PostalAddress(List.of(), null, null, null, null), CanonicalException.INVALID_ADDRESS);
    refused(() -> AddressCleaner.clean(List.of("1 Main St")), CanonicalException.INVALID_ADDRESS);
    refused(() -> AddressCleaner.clean(Map.of("city", List.of("x"))), CanonicalException.INVALID_ADDRESS);
  }
}
