package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The consent rule of a marketing audience, on its own. */
class AudienceConsentTests {
  private static final Instant CONNECTED = Instant.parse("2026-01-10T00:00:00Z");

  private static AudienceConsent.Decision decide(Map<String, String> settings, String status, Instant at) {
    FieldValue v = status == null ? null : new FieldValue(status, "api", at);
    return AudienceConsent.forNew("mailchimp", settings, v, () -> Optional.of(CONNECTED));
  }

  @Test
  void anotherAudiencesOptInIsNotThisOnes() {
    FieldValue otherList = new FieldValue("subscribed", "mailchimp", CONNECTED);
    assertThat(AudienceConsent.forNew("mailchimp", Map.of(), otherList, Optional::empty))
        .isEqualTo(AudienceConsent.Decision.skip(AudienceConsent.NO_CONSENT));
    assertThat(AudienceConsent.forNew("mailchimp", Map.of("withoutConsent", "transactional"), otherList,
        Optional::empty)).isEqualTo(AudienceConsent.Decision.send("transactional"));
  }

  @Test
  void noRecordedOptInIsNotSentByDefaultAndTransactionalOnlyWhenTheConnectionSaysSo() {
    for (String none : new String[] {null, "", "pending", "transactional", "archived"}) {
      assertThat(decide(Map.of(), none, CONNECTED)).as(String.valueOf(none))
          .isEqualTo(AudienceConsent.Decision.skip(AudienceConsent.NO_CONSENT));
      assertThat(decide(Map.of("withoutConsent", "skip"), none, CONNECTED).sent()).isFalse();
      assertThat(decide(Map.of("withoutConsent", "Transactional"), none, CONNECTED))
          .isEqualTo(AudienceConsent.Decision.send("transactional"));
    }
  }

  @Test
  void anOptOutIsNeverSentEvenAsTransactional() {
    for (String out : new String[] {"unsubscribed", "cleaned"}) {
      assertThat(decide(Map.of("withoutConsent", "transactional"), out, CONNECTED))
          .isEqualTo(AudienceConsent.Decision.skip(AudienceConsent.OPTED_OUT));
    }
  }

  @Test
  void anOptInIsSubscribedAndDoubleOptInAsksOnlyThoseWhoOptedInAfterConnecting() {
    Instant before = CONNECTED.minusSeconds(60);
    Instant after = CONNECTED.plusSeconds(60);
    assertThat(decide(Map.of(), "subscribed", after)).isEqualTo(AudienceConsent.Decision.send("subscribed"));
    assertThat(decide(Map.of("doubleOptIn", "true"), "subscribed", before))
        .as("the existing base is never sent a confirmation in bulk")
        .isEqualTo(AudienceConsent.Decision.send("subscribed"));
    assertThat(decide(Map.of("doubleOptIn", "true"), "Subscribed", after))
        .isEqualTo(AudienceConsent.Decision.send("pending"));
  }

  @Test
  void aConnectionMadeBeforeDoubleOptInWasASettingKeepsItsPendingNewMembers() {
    // it said statusIfNew=pending (the setting before doubleOptIn): it must still ask for a confirmation
    Instant after = CONNECTED.plusSeconds(60);
    assertThat(decide(Map.of("statusIfNew", "pending"), "subscribed", after))
        .isEqualTo(AudienceConsent.Decision.send("pending"));
    assertThat(decide(Map.of("statusIfNew", "pending", "doubleOptIn", "false"), "subscribed", after))
        .as("the new setting, once set, decides").isEqualTo(AudienceConsent.Decision.send("subscribed"));
    assertThat(decide(Map.of("statusIfNew", "subscribed"), "subscribed", after))
        .isEqualTo(AudienceConsent.Decision.send("subscribed"));
  }

  @Test
  void anExistingMemberIsOnlyEverSentAnOptOut() {
    for (String status : new String[] {"subscribed", "pending", "transactional"}) {
      Map<String, Object> desired = new HashMap<>(Map.of(ContactField.MARKETING_STATUS, status, "firstName", "A"));
      AudienceConsent.forExisting(desired);
      assertThat(desired).as(status).isEqualTo(Map.of("firstName", "A"));
    }
    Map<String, Object> optOut = new HashMap<>(Map.of(ContactField.MARKETING_STATUS, "unsubscribed"));
    AudienceConsent.forExisting(optOut);
    assertThat(optOut).containsEntry(ContactField.MARKETING_STATUS, "unsubscribed");
  }

  /** Runs the rule for an existing member holding {@code held}, whose record's golden status is {@code golden}. */
  private static Map<String, Object> existing(Map<String, String> settings, String held, FieldValue golden) {
    Map<String, Object> desired = new HashMap<>(Map.of("firstName", "A"));
    if (golden != null) {
      desired.put(ContactField.MARKETING_STATUS, golden.value());
    }
    AudienceConsent.forExisting("mailchimp", settings, golden, held, desired, () -> Optional.of(CONNECTED));
    return desired;
  }

  @Test
  void aTransactionalMemberIsUpgradedByARecordedOptInAndNoOtherMemberIsEverSubscribed() {
    FieldValue optIn = new FieldValue("subscribed", "hubspot", CONNECTED.plusSeconds(60));
    assertThat(existing(Map.of(), "transactional", optIn))
        .containsEntry(ContactField.MARKETING_STATUS, "subscribed");
    assertThat(existing(Map.of("doubleOptIn", "true"), "transactional", optIn))
        .as("an opt-in after connecting is asked to confirm").containsEntry(ContactField.MARKETING_STATUS, "pending");
    assertThat(existing(Map.of("doubleOptIn", "true"), "Transactional",
        new FieldValue("subscribed", "hubspot", CONNECTED.minusSeconds(60))))
        .containsEntry(ContactField.MARKETING_STATUS, "subscribed");
    for (String held : new String[] {"unsubscribed", "cleaned", "pending", "subscribed", "archived", null}) {
      assertThat(existing(Map.of(), held, optIn)).as(String.valueOf(held)).isEqualTo(Map.of("firstName", "A"));
    }
    assertThat(existing(Map.of("withoutConsent", "transactional"), "transactional", null))
        .as("no opt-in: nothing to upgrade to").isEqualTo(Map.of("firstName", "A"));
    assertThat(existing(Map.of(), "transactional", new FieldValue("subscribed", "mailchimp", CONNECTED)))
        .as("another audience's opt-in is not this one's").isEqualTo(Map.of("firstName", "A"));
    assertThat(existing(Map.of(), "transactional", new FieldValue("unsubscribed", "hubspot", CONNECTED)))
        .as("an opt-out still goes").containsEntry(ContactField.MARKETING_STATUS, "unsubscribed");
  }
}
