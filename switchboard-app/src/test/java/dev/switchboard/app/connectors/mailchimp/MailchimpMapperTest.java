package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.support.FakeVendor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.mapping.MappingFile;
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
    MappingFile merges = MailchimpMapper.mapping("custom.loyalty_tier=loyalty");
    JsonNode m = fixture("subscribed.json");
    CanonicalRecord r = MailchimpMapper.toCanonical(m, merges);
    assertThat(r.fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "email", "Urist.McVankab@freddiesjokes.com", "marketingStatus", "subscribed", "firstName", "Urist",
        "lastName", "McVankab", "phone", "+1 404 555 0100", "company", "Freddie's Jokes",
        "custom.loyalty_tier", "gold", "tags", List.of("Customers", "vip"),
        "address", Map.of("lines", List.of("675 Ponce de Leon Ave NE"), "city", "Atlanta", "region", "GA",
            "postalCode", "30308", "country", "US")));
    assertThat(MailchimpMapper.lastChanged(m)).isEqualTo(Instant.parse("2024-05-02T08:30:12Z"));
  }

  @Test
  void emptyMergeFieldsAreClearedAndMissingOnesAbsent() {
    CanonicalRecord r = MailchimpMapper.toCanonical(fixture("unsubscribed_cleared.json"),
        MailchimpMapper.mapping((String) null));
    assertThat(r.string("lastName")).isEmpty();
    assertThat(r.string("phone")).isEmpty();
    assertThat(r.has("company")).isFalse();
    assertThat(r.string("marketingStatus")).isEqualTo("unsubscribed");
    assertThat(r.list("tags")).isEmpty();
    assertThat(r.has("tags")).isTrue();
  }

  @Test
  void mergeFieldSettingOverridesAndRemovesDefaults() {
    Map<String, String> m = MailchimpMapper.mergeTags(
        MailchimpMapper.mapping("phone=, company=ORG, lifecycleStage=STAGE, email=X"));
    assertThat(m).containsExactlyInAnyOrderEntriesOf(Map.of("firstName", "FNAME", "lastName", "LNAME",
        "company", "ORG", "lifecycleStage", "STAGE", "address", "ADDRESS"));
  }

  @Test
  void memberBodyHasOnlyPresentMappedFields() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("email", " a@b.co ");
    f.put("firstName", "Ann");
    f.put("lastName", "");
    f.put("lifecycleStage", "lead");
    f.put("tags", List.of("x"));
    ObjectNode body = MailchimpMapper.toMember(CanonicalRecord.contact(f), MailchimpMapper.mapping((String) null));
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

  /** ADDRESS is an object: read as the structured address, written back whole, left out when Mailchimp would refuse it. */
  @Test
  void addressMergeFieldReadsAndWritesTheStructuredAddress() {
    MappingFile merges = MailchimpMapper.mapping((String) null);
    ObjectNode member = MailchimpClient.JSON.createObjectNode();
    member.put("email_address", "a@example.com");
    member.putObject("merge_fields").putObject("ADDRESS").put("addr1", "1 Main St").put("addr2", "")
        .put("city", "Atlanta").put("state", "GA").put("zip", "30308").put("country", "US");
    Map<String, Object> address = Map.of("lines", List.of("1 Main St"), "city", "Atlanta", "region", "GA",
        "postalCode", "30308", "country", "US");
    assertThat(MailchimpMapper.toCanonical(member, merges).fields()).containsEntry("address", address);

    ObjectNode written = MailchimpMapper.toMember(CanonicalRecord.contact(Map.of("address", address)), merges);
    assertThat(written.path("merge_fields").path("ADDRESS")).isEqualTo(member.path("merge_fields").path("ADDRESS"));

    Map<String, Object> noStreet = Map.of("city", "Atlanta", "country", "US");
    assertThat(MailchimpMapper.isCompleteAddress(noStreet)).isFalse();
    assertThat(MailchimpMapper.toMember(CanonicalRecord.contact(Map.of("address", noStreet)), merges)
        .has("merge_fields")).as("an address Mailchimp refuses is not sent").isFalse();
    assertThat(MailchimpMapper.toMember(CanonicalRecord.contact(Map.of("address", "")), merges)
        .path("merge_fields").path("ADDRESS").asString()).as("cleared").isEmpty();
    ObjectNode cleared = MailchimpClient.JSON.createObjectNode();
    cleared.putObject("merge_fields").put("ADDRESS", "");
    assertThat(MailchimpMapper.toCanonical(cleared, merges).fields()).containsEntry("address", "");
  }
}
