package dev.switchboard.app.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactCleanerTests {
  final ContactCleaner cleaner = new ContactCleaner("US");

  @Test
  void normalizesEmailPhoneNamesAndTags() {
    CanonicalRecord r = cleaner.clean(CanonicalRecord.contact(Map.of(
        "email", "  Ann.Lee@Example.COM ", "phone", "(415) 555-0134", "firstName", "  Ann   Marie ",
        "tags", List.of(" vip", "vip", "b2b "), "marketingStatus", "Subscribed")));
    assertThat(r.string("email")).isEqualTo("ann.lee@example.com");
    assertThat(r.string("phone")).isEqualTo("+14155550134");
    assertThat(r.string("firstName")).isEqualTo("Ann Marie");
    assertThat(r.list("tags")).containsExactly("b2b", "vip");
    assertThat(r.string("marketingStatus")).isEqualTo("subscribed");
  }

  @Test
  void internationalNumbersKeepTheirCountryAndGarbageIsKeptAsTyped() {
    assertThat(cleaner.phone("+44 20 7946 0958")).isEqualTo("+442079460958");
    assertThat(new ContactCleaner("DE").phone("030 1234567")).isEqualTo("+49301234567");
    assertThat(cleaner.phone(" call me ")).isEqualTo("call me");
    assertThat(cleaner.phone("")).isEmpty();
  }

  @Test
  void redactsEmailsAndPhonesFromText() {
    assertThat(Pii.redact("ann@example.com looks fake, call +1 415 555 0134"))
        .isEqualTo("<email> looks fake, call <phone>")
        .doesNotContain("ann@");
    assertThat(Pii.redact("connection con_1234 answered 503")).isEqualTo("connection con_1234 answered 503");
  }
}
