package dev.switchboard.app.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneCleanerTests {
  final PhoneCleaner us = new PhoneCleaner("US");

  @Test
  void numbersBecomeE164WithTheTenantsRegion() {
    assertThat(us.clean("(415) 555-0134")).isEqualTo(new PhoneValue("+14155550134"));
    assertThat(us.clean("+44 20 7946 0958")).isEqualTo(new PhoneValue("+442079460958"));
    assertThat(new PhoneCleaner("de").clean("030 1234567")).isEqualTo(new PhoneValue("+49301234567"));
    assertThat(new PhoneCleaner("GB").clean("020 7946 0958")).isEqualTo(new PhoneValue("+442079460958"));
    assertThat(us.clean("（４１５）５５５－０１３４")).isEqualTo(new PhoneValue("+14155550134")); // full-width digits
    assertThat(us.clean("+1 415 555 0134 ext. 12")).isEqualTo(new PhoneValue("+14155550134"));
    assertThat(((PhoneValue) us.clean("+14155550134")).flags()).isEmpty();
  }

  @Test
  void whatCannotBeParsedIsKeptAsTypedAndFlagged() {
    PhoneValue garbage = (PhoneValue) us.clean("  call   me ");
    assertThat(garbage.number()).isEqualTo("call me");
    assertThat(garbage.isE164()).isFalse();
    assertThat(garbage.flags()).containsExactly("invalid_phone");
    // Without a region, a number without country code cannot be placed.
    PhoneValue local = (PhoneValue) CleanContext.NO_REGION.phones().clean("415 555 0134");
    assertThat(local.number()).isEqualTo("415 555 0134");
    assertThat(local.flags()).containsExactly("invalid_phone");
    // Too short to be a number anywhere, though it starts with +.
    assertThat(((PhoneValue) us.clean("+1 23")).flags()).containsExactly("invalid_phone");
    assertThat(us.clean("   ")).isSameAs(Value.EMPTY);
  }

  @Test
  void theFlagFollowsFromTheNumberSoItSurvivesStorage() {
    assertThat(new PhoneValue("+14155550134").isE164()).isTrue();
    assertThat(new PhoneValue("+1 415 555 0134").isE164()).isFalse(); // not E.164 spelling
    assertThat(new PhoneValue("+999123").isE164()).isFalse(); // E.164-shaped, but no such country code
    Value stored = ValueJson.parse(ValueType.phone(), ValueJson.toJsonString(ValueType.phone(), us.clean("n/a")));
    assertThat(stored.flags()).containsExactly("invalid_phone");
  }

  @Test
  void spreadsheetNumbersAreAccepted() {
    assertThat(ValueType.phone().clean(4155550134L, CleanContext.of("US"))).isEqualTo(new PhoneValue("+14155550134"));
  }
}
