package dev.switchboard.sandbox.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.TestClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Merge fields: the six defaults, adding one (tag rules, duplicates), members reading and writing it. */
class MailchimpMergeFieldsTest {

  static final String FIELDS = "/lists/sandboxlist1/merge-fields";
  static final String MEMBERS = "/lists/sandboxlist1/members";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of(),
      new TestClock(Instant.parse("2026-03-10T12:00:00Z")));
  static final Http mc = sandbox.http("/mailchimp/3.0", Map.of("Authorization",
      "Bearer sandboxkey0000000000000000000000-us21"));

  @Test
  void anAddedMergeFieldIsListedReadAndTakesValues() {
    JsonNode defaults = mc.get(FIELDS + "?count=1000").json();
    assertThat(defaults.get("total_items").asInt()).isEqualTo(6);
    assertThat(defaults.at("/merge_fields/0/tag").asString()).isEqualTo("FNAME");
    assertThat(defaults.at("/merge_fields/0/merge_id").asInt()).isEqualTo(1);
    assertThat(mc.get(FIELDS + "?count=2").json().get("merge_fields").size()).isEqualTo(2);

    JsonNode before = mc.post(MEMBERS, Map.of("email_address", "mf@example.com", "status", "subscribed")).json();
    Http.Res unknown = mc.patch(MEMBERS + "/mf@example.com", Map.of("merge_fields", Map.of("TIER", "gold")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("detail").asString()).isEqualTo("Your merge fields were invalid.");

    JsonNode created = mc.post(FIELDS, Map.of("tag", "tier", "name", "Tier", "type", "text")).json();
    assertThat(created.get("tag").asString()).isEqualTo("TIER");
    assertThat(created.get("merge_id").asInt()).isEqualTo(7);
    assertThat(created.get("type").asString()).isEqualTo("text");
    assertThat(created.get("list_id").asString()).isEqualTo("sandboxlist1");
    assertThat(created.has("required") && created.has("public") && created.has("display_order")
        && created.has("default_value") && created.has("options") && created.has("help_text")).isTrue();
    assertThat(mc.get(FIELDS + "/7").json().get("name").asString()).isEqualTo("Tier");
    assertThat(mc.get(FIELDS + "/99").status()).isEqualTo(404);

    JsonNode existing = mc.get(MEMBERS + "/mf@example.com").json();
    assertThat(existing.at("/merge_fields/TIER").asString()).isEmpty(); // an existing member reads it empty
    assertThat(existing.get("last_changed").asString()).isEqualTo(before.get("last_changed").asString());
    JsonNode set = mc.patch(MEMBERS + "/mf@example.com", Map.of("merge_fields", Map.of("TIER", "gold"))).json();
    assertThat(set.at("/merge_fields/TIER").asString()).isEqualTo("gold");
  }

  @Test
  void tagsAreCheckedAndNotTakenTwice() {
    Http.Res twice = mc.post(FIELDS, Map.of("tag", "FNAME", "name", "Again", "type", "text"));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().get("title").asString()).isEqualTo("Invalid Resource");
    assertThat(twice.json().get("detail").asString()).contains("already exists");

    Http.Res tooLong = mc.post(FIELDS, Map.of("tag", "ELEVENCHARS", "name", "Long", "type", "text"));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().at("/errors/0/field").asString()).isEqualTo("tag");
    assertThat(mc.post(FIELDS, Map.of("tag", "NOTYPE", "name", "No type")).status()).isEqualTo(400);
    assertThat(mc.post(FIELDS, Map.of("tag", "NONAME", "type", "text")).status()).isEqualTo(400);

    JsonNode untagged = mc.post(FIELDS, Map.of("name", "Anything", "type", "number")).json();
    assertThat(untagged.get("tag").asString()).isEqualTo("MMERGE" + untagged.get("merge_id").asInt());
    assertThat(mc.post("/lists/otherlist/merge-fields", Map.of("tag", "X", "name", "X", "type", "text")).status())
        .isEqualTo(404);
  }
}
