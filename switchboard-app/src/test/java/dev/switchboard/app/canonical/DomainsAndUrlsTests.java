package dev.switchboard.app.canonical;

import static dev.switchboard.app.canonical.MoneyTests.refused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainsAndUrlsTests {

  @ParameterizedTest(name = "{0} -> {1} (registrable {2})")
  @CsvSource(delimiter = '|', value = {
      "Example.COM                        | example.com            | example.com",
      "www.example.com                    | example.com            | example.com",
      "https://WWW.Example.com/about?x=1  | example.com            | example.com",
      "example.com.                       | example.com            | example.com",
      "example.com:8080                   | example.com            | example.com",
      "shop.example.co.uk                 | shop.example.co.uk     | example.co.uk",
      "www.shop.example.co.uk             | shop.example.co.uk     | example.co.uk",
      "Bücher.de                          | xn--bcher-kva.de       | xn--bcher-kva.de",
      "blog.пример.рф                     | blog.xn--e1afmkfd.xn--p1ai | xn--e1afmkfd.xn--p1ai",
      "acme.github.io                     | acme.github.io         | acme.github.io",
      "www.com                            | www.com                | www.com",
      "intranet.example.internal          | intranet.example.internal | intranet.example.internal",
  })
  void domainsAreAsciiLowerCaseWithoutWwwAndKnowTheirRegistrableDomain(String raw, String name, String registrable) {
    DomainValue d = Domains.clean(raw);
    assertThat(d.name()).isEqualTo(name);
    assertThat(d.registrable()).isEqualTo(registrable);
  }

  @ParameterizedTest
  @ValueSource(strings = {"co.uk", "com", "github.io", "localhost", "192.168.0.1", "[::1]", "ann@example.com",
      "exa mple.com", "-bad.com", "a..b.com", "example.123"})
  void domainsRefuseWhatIsNotRegistrable(String raw) {
    refused(() -> Domains.clean(raw), CanonicalException.INVALID_DOMAIN);
  }

  @Test
  void domainsHaveDnsLengthLimits() {
    assertThat(Domains.clean("a".repeat(63) + ".com").name()).hasSize(67);
    refused(() -> Domains.clean("a".repeat(64) + ".com"), CanonicalException.INVALID_DOMAIN);
    String name = ("a".repeat(60) + ".").repeat(4) + "com"; // 247 characters
    assertThat(Domains.clean(name).name()).hasSize(247);
    refused(() -> Domains.clean(("a".repeat(62) + ".").repeat(4) + "com"), CanonicalException.INVALID_DOMAIN);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gmail.com", "GoogleMail.com", "outlook.com", "hotmail.co.uk", "yahoo.com", "yahoo.co.jp",
      "mail.yahoo.fr", "icloud.com", "me.com", "proton.me", "gmx.de", "web.de", "aol.com", "live.com"})
  void freeMailDomainsAreFlaggedSoTheyNeverLinkCompanies(String raw) {
    DomainValue d = Domains.clean(raw);
    assertThat(d.isFreeMail()).isTrue();
    assertThat(d.flags()).containsExactly("free_mail_domain");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"acme.com", "yahoocorp.com", "notgmail.com", "gmail.acme.com", "outlookconsulting.de"})
  void companyDomainsAreNotFreeMail(String raw) {
    assertThat(Domains.clean(raw).isFreeMail()).isFalse();
    assertThat(Domains.clean(raw).flags()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "acme.com                              | https://acme.com",
      "www.acme.com                          | https://www.acme.com",
      "HTTP://WWW.ACME.COM/                  | http://www.acme.com",
      "https://acme.com:443/about            | https://acme.com/about",
      "http://acme.com:80                    | http://acme.com",
      "https://acme.com:8443/x               | https://acme.com:8443/x",
      "https://Bücher.de/Straße?q=ä b#Top    | https://xn--bcher-kva.de/Stra%C3%9Fe?q=%C3%A4%20b#Top",
      "https://acme.com/a%2fb                | https://acme.com/a%2Fb",
      "https://acme.com/100%                 | https://acme.com/100%25",
      "//acme.com/path                       | https://acme.com/path",
      "acme.com:8080/path                    | https://acme.com:8080/path",
      "https://acme.com/CaseKept?A=B         | https://acme.com/CaseKept?A=B",
  })
  void urlsHaveOneForm(String raw, String canonical) {
    UrlValue url = UrlCleaner.clean(raw);
    assertThat(url.url()).isEqualTo(canonical);
    assertThat(UrlCleaner.clean(url.url())).isEqualTo(url); // idempotent
  }

  @Test
  void aUrlsDomainDropsWww() {
    assertThat(UrlCleaner.clean("https://www.shop.acme.co.uk/x").domain().name()).isEqualTo("shop.acme.co.uk");
    assertThat(UrlCleaner.clean("https://www.shop.acme.co.uk/x").domain().registrable()).isEqualTo("acme.co.uk");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mailto:ann@acme.com", "javascript:alert(1)", "ftp://acme.com", "https://user:pw@acme.com",
      "https://192.168.0.1/", "https://[::1]/", "localhost:3000", "https://acme.com:0", "https://acme.com:99999",
      "https://co.uk", "https://"})
  void urlsRefuseWhatIsNotAWebsite(String raw) {
    refused(() -> UrlCleaner.clean(raw), CanonicalException.INVALID_URL);
  }

  @Test
  void urlsHaveAMaximumLength() {
    String base = "https://acme.com/";
    assertThat(UrlCleaner.clean(base + "a".repeat(UrlCleaner.MAX_LENGTH - base.length())).url())
        .hasSize(UrlCleaner.MAX_LENGTH);
    refused(() -> UrlCleaner.clean(base + "a".repeat(UrlCleaner.MAX_LENGTH - base.length() + 1)),
        CanonicalException.TOO_LONG);
  }
}
