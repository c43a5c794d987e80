package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.support.FakeVendor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class MailchimpMapperTest {

  private static JsonNode fixture(String name) {
    return MailchimpClient.JSON.readTree(FakeVendor.fixture("mailchimp/members/" + name));
  }

  @Test
  void subscriberHashIsMd5OfLowerCasedEmail() {
    // documented example value for "Urist.McVankab@freddiesjokes.com"
    assertThat(MailchimpMapper.subscriberHash("Urist.McVankab@freddiesjokes.com"))
        .isEqualTo("62eeb292278cc15f5817cb78f7790b08");
    assertThat(MailchimpMapper.subscriberHash(" URIST.mcvankab@FREDDIESJOKES.com "))
        .isEqualTo("62eeb292278cc15f5817cb78f7790b08");
  }

  @Test
  void mapsASubscribedMemberWithTagsAndCustomMergeField() {
    Map<String, String> merges = MailchimpMapper.mergeFields("custom.loyalty_tier=loyalty");
    JsonNode m = fixture("subscribed.json");
    CanonicalRecord r = MailchimpMapper.toCanonical(m, merges);
    assertThat(r.fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "email", "Urist.McVankab@freddiesjokes.com", "marketingStatus", "subscribed", "firstName", "Urist",
        "lastName", "McVankab", "phone", "+1 404 555 0100", "company", "Freddie's Jokes",
        "custom.loyalty_tier", "gold", "tags", List.of("Customers", "vip")));
    assertThat(MailchimpMapper.lastChanged(m)).isEqualTo(Instant.parse("2024-05-02T08:30:12Z"));
  }

  @Test
  void emptyMergeFieldsAreClearedAndMissingOnesAbsent() {
    CanonicalRecord r = MailchimpMapper.toCanonical(fixture("unsubscribed_cleared.json"),
        MailchimpMapper.mergeFields(null));
    assertThat(r.string("lastName")).isEmpty();
    assertThat(r.string("phone")).isEmpty();
    assertThat(r.has("company")).isFalse();
    assertThat(r.string("marketingStatus")).isEqualTo("unsubscribed");
    assertThat(r.list("tags")).isEmpty();
    assertThat(r.has("tags")).isTrue();
  }

  @Test
  void mergeFieldSettingOverridesAndRemovesDefaults() {
    Map<String, String> m = MailchimpMapper.mergeFields("phone=, company=ORG, lifecycleStage=STAGE, email=X");
    assertThat(m).containsExactlyInAnyOrderEntriesOf(Map.of("firstName", "FNAME", "lastName", "LNAME",
        "company", "ORG", "lifecycleStage", "STAGE"));
  }

  @Test
  void memberBodyHasOnlyPresentMappedFields() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("email", " a@b.co ");
    f.put("firstName", "Ann");
    f.put("lastName", "");
    f.put("lifecycleStage", "lead");
    f.put("tags", List.of("x"));
    ObjectNode body = MailchimpMapper.toMember(CanonicalRecord.contact(f), MailchimpMapper.mergeFields(null));
    assertThat(body.path("email_address").asString()).isEqualTo("a@b.co");
    assertThat(body.path("merge_fields").propertyNames()).containsExactlyInAnyOrder("FNAME", "LNAME");
    assertThat(body.path("merge_fields").path("LNAME").asString()).isEmpty();
    assertThat(body.has("tags")).isFalse();
    assertThat(body.has("status")).isFalse();
  }

  @Test
  void writableStatusAndSinceFormat() {
    assertThat(MailchimpMapper.writableStatus(CanonicalRecord.contact(Map.of("marketingStatus", "Pending"))))
        .isEqualTo("pending");
    assertThat(MailchimpMapper.writableStatus(CanonicalRecord.contact(Map.of("marketingStatus", "archived"))))
        .isNull();
    assertThat(MailchimpMapper.writableStatus(CanonicalRecord.contact(Map.of()))).isNull();
    assertThat(MailchimpMapper.sinceParam(Instant.parse("2024-05-01T10:11:12.345Z")))
        .isEqualTo("2024-05-01T10:11:12+00:00");
  }
}
