package dev.switchboard.app.canonical;

import static dev.switchboard.app.canonical.MoneyTests.refused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailCleanerTests {

  @Test
  void trimsLowerCasesAndUnwraps() {
    assertThat(EmailCleaner.clean("  Ann.Lee@Example.COM ").address()).isEqualTo("ann.lee@example.com");
    assertThat(EmailCleaner.clean("mailto:ann@example.com").address()).isEqualTo("ann@example.com");
    assertThat(EmailCleaner.clean("<ann@example.com>").address()).isEqualTo("ann@example.com");
    assertThat(EmailCleaner.clean("ann+news@example.com").address()).isEqualTo("ann+news@example.com");
    assertThat(EmailCleaner.clean("ＡＮＮ@ＥＸＡＭＰＬＥ．ＣＯＭ").address()).isEqualTo("ａｎｎ@example.com");
  }

  @Test
  void internationalDomainsBecomeAsciiAndLocalPartsStayUnicode() {
    assertThat(EmailCleaner.clean("Jürgen@Bücher.de").address()).isEqualTo("jürgen@xn--bcher-kva.de");
    assertThat(EmailCleaner.clean("ann@xn--bcher-kva.de")).isEqualTo(EmailCleaner.clean("ann@BÜCHER.de"));
    assertThat(EmailCleaner.clean("info@пример.рф").domainName()).isEqualTo("xn--e1afmkfd.xn--p1ai");
    // IDNA 2008 (non-transitional): ß is its own letter, not "ss".
    assertThat(EmailCleaner.clean("a@faß.de").domainName()).isEqualTo("xn--fa-hia.de");
    // A decomposed é (e + combining accent) is the same address as the composed one.
    assertThat(EmailCleaner.clean("rene\u0301@example.com")).isEqualTo(EmailCleaner.clean("rené@example.com"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ann", "ann@", "@example.com", "ann@example", "ann@@example.com", "ann lee@example.com",
      "ann..lee@example.com", ".ann@example.com", "ann.@example.com", "ann@192.168.0.1", "ann@[127.0.0.1]",
      "\"ann lee\"@example.com", "ann@exa mple.com", "ann@-example.com", "ann@co.uk", "ann@example.123"})
  void refusesWhatIsNotAnAddress(String raw) {
    refused(() -> EmailCleaner.clean(raw), CanonicalException.INVALID_EMAIL);
  }

  @Test
  void maximumLengthsAreRfc5321s() {
    String local64 = "a".repeat(64);
    String label61 = "b".repeat(61);
    String domain = label61 + "." + label61 + "." + label61 + ".com"; // 189 characters
    assertThat(EmailCleaner.clean(local64 + "@" + domain).address()).hasSize(EmailCleaner.MAX_LENGTH);
    refused(() -> EmailCleaner.clean(local64 + "@b" + domain), CanonicalException.INVALID_EMAIL); // 255
    refused(() -> EmailCleaner.clean("a".repeat(65) + "@example.com"), CanonicalException.INVALID_EMAIL);
    refused(() -> EmailCleaner.clean("ä".repeat(33) + "@example.com"), CanonicalException.INVALID_EMAIL); // 66 octets
    refused(() -> EmailCleaner.clean("a@" + "c".repeat(64) + ".com"), CanonicalException.INVALID_EMAIL);
    String label63 = "b".repeat(63);
    String longDomain = label63 + "." + label63 + "." + label63 + "." + "d".repeat(50) + ".com"; // 246 characters
    refused(() -> EmailCleaner.clean("abcdefghij@" + longDomain), CanonicalException.INVALID_EMAIL); // 257 > 254
  }

  @Test
  void theValueAcceptsOnlyTheCanonicalForm() {
    assertThat(EmailCleaner.isCanonical("ann@example.com")).isTrue();
    assertThat(EmailCleaner.isCanonical("Ann@example.com")).isFalse();
    assertThat(EmailCleaner.isCanonical(" ann@example.com")).isFalse();
    refused(() -> new EmailValue("ANN@EXAMPLE.COM"), CanonicalException.INVALID_EMAIL);
  }
}
