package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How one subscription status from HubSpot's batch read becomes the contact's marketing status, and its date. */
class HubSpotOptInsStatusTest {
  static final Instant MODIFIED = Instant.parse("2026-12-01T10:00:00Z");

  private static SourceRecord contact() {
    return new SourceRecord("contact", "101", MODIFIED, new CanonicalRecord("contact",
        Map.of(ContactField.EMAIL, "ann@example.com")), null, null, List.of(), null);
  }

  private static JsonNode status(String json) {
    return JsonMapper.builder().build().readTree(json);
  }

  @Test
  void anOptInIsDatedByHubSpotsTimestamp() {
    SourceRecord r = HubSpotOptIns.withStatus(contact(), status(
        "{\"status\":\"SUBSCRIBED\",\"subscriptionId\":15000101,\"timestamp\":\"2026-11-02T08:00:00Z\"}"));
    assertThat(r.record().fields()).containsEntry(ContactField.MARKETING_STATUS, "subscribed");
    assertThat(r.fieldModifiedAt()).containsEntry(ContactField.MARKETING_STATUS, Instant.parse("2026-11-02T08:00:00Z"));
  }

  /** Dated by the contact, any later edit in HubSpot would make it win over an unsubscribe made since elsewhere. */
  @Test
  void anOptInWithoutATimestampIsNoRecordedOptIn() {
    SourceRecord r = HubSpotOptIns.withStatus(contact(), status("{\"status\":\"SUBSCRIBED\",\"subscriptionId\":15000101}"));
    assertThat(r.record().fields()).doesNotContainKey(ContactField.MARKETING_STATUS);
  }

  @Test
  void anOptOutWithoutATimestampStillCounts() {
    SourceRecord r = HubSpotOptIns.withStatus(contact(), status("{\"status\":\"UNSUBSCRIBED\",\"subscriptionId\":15000101}"));
    assertThat(r.record().fields()).containsEntry(ContactField.MARKETING_STATUS, "unsubscribed");
  }
}
