package dev.switchboard.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Pipedrive REST emulation over plain HTTP: CRUD, paging, search, envelopes and error shapes. */
class PipedriveApiTest {

  static final String TOKEN = "pipedrive-sandbox-token";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of()).resetVendor("pipedrive");
  static final Http v2 = sandbox.http("/pipedrive/api/v2", Map.of("x-api-token", TOKEN));
  static final Http v1 = sandbox.http("/pipedrive/api/v1", Map.of("x-api-token", TOKEN));
  static final Http ctl = sandbox.ctl();

  @Test
  void personCrudInV2ShapeAndEnvelope() {
    Http.Res created = v2.post("/persons", Map.of("name", "Ada Lovelace",
        "emails", List.of(Map.of("value", "ada@example.com", "primary", true, "label", "work")),
        "phones", List.of(Map.of("value", "+15550001")), "custom_fields", Map.of("abc123hash", "VIP")));
    assertThat(created.status()).isEqualTo(200);
    JsonNode p = created.json();
    assertThat(p.get("success").asBoolean()).isTrue();
    JsonNode d = p.get("data");
    long id = d.get("id").asLong();
    assertThat(d.get("first_name").asString()).isEqualTo("Ada");
    assertThat(d.get("last_name").asString()).isEqualTo("Lovelace");
    assertThat(d.get("emails").get(0).get("value").asString()).isEqualTo("ada@example.com");
    assertThat(d.get("phones").get(0).get("primary").asBoolean()).isTrue();
    assertThat(d.get("phones").get(0).get("label").asString()).isEqualTo("work");
    assertThat(d.get("custom_fields").get("abc123hash").asString()).isEqualTo("VIP");
    assertThat(d.get("add_time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(d.get("owner_id").asLong()).isEqualTo(1);

    Http.Res patched = v2.patch("/persons/" + id, Map.of("name", "Ada King", "custom_fields", Map.of("other", "x")));
    assertThat(patched.json().get("data").get("last_name").asString()).isEqualTo("King");
    assertThat(patched.json().get("data").get("custom_fields").get("abc123hash").asString()).isEqualTo("VIP");
    assertThat(v2.get("/persons/" + id).json().get("data").get("name").asString()).isEqualTo("Ada King");

    Http.Res deleted = v2.delete("/persons/" + id);
    assertThat(deleted.json().get("data").get("id").asLong()).isEqualTo(id);
    Http.Res missing = v2.get("/persons/" + id);
    assertThat(missing.status()).isEqualTo(404);
    assertErrorShape(missing.json(), "Person not found");
  }

  @Test
  void validationErrorsUseTheErrorEnvelope() {
    Http.Res noName = v2.post("/persons", Map.of("emails", List.of()));
    assertThat(noName.status()).isEqualTo(400);
    assertErrorShape(noName.json(), null);
    assertThat(v2.post("/persons", Map.of("name", "X", "bogus", 1)).status()).isEqualTo(400);
    assertThat(v2.post("/deals", Map.of("title", "X", "status", "maybe")).status()).isEqualTo(400);
    assertThat(v2.get("/persons?limit=501").status()).isEqualTo(400);
    assertThat(v2.get("/persons?cursor=garbage!").status()).isEqualTo(400);
  }

  @Test
  void cursorPagingCoversEveryPersonOnce() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "pipedrive", "contacts", 7));
    Set<Long> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode res = v2.get("/persons?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      res.get("data").forEach(n -> assertThat(seen.add(n.get("id").asLong())).isTrue());
      JsonNode next = res.get("additional_data").get("next_cursor");
      cursor = next.isNull() ? null : next.asString();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(7);
    JsonNode desc = v2.get("/persons?sort_by=id&sort_direction=desc&limit=2").json().get("data");
    assertThat(desc.get(0).get("id").asLong()).isGreaterThan(desc.get(1).get("id").asLong());
    assertThat(desc.get(0).get("org_id").isNumber()).isTrue();
  }

  @Test
  void updatedSinceFiltersByUpdateTime() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "pipedrive", "contacts", 3));
    JsonNode first = v2.get("/persons?limit=1").json().get("data").get(0);
    JsonNode edited = v2.patch("/persons/" + first.get("id").asLong(), Map.of("name", "Edited Person")).json().get("data");
    String since = edited.get("update_time").asString();
    JsonNode recent = v2.get("/persons?sort_by=update_time&updated_since=" + since).json().get("data");
    assertThat(recent).isNotEmpty();
    List<Long> ids = new ArrayList<>();
    recent.forEach(n -> {
      ids.add(n.get("id").asLong());
      assertThat(Instant.parse(n.get("update_time").asString())).isAfterOrEqualTo(Instant.parse(since));
    });
    assertThat(ids).contains(first.get("id").asLong());
    assertThat(v2.get("/persons?updated_since=2999-01-01T00:00:00Z").json().get("data")).isEmpty();
    assertThat(v2.get("/persons?updated_since=2000-01-01T00:00:00Z").json().get("data")).hasSize(3);
    assertThat(v2.get("/persons?updated_since=yesterday").status()).isEqualTo(400);
  }

  @Test
  void searchByEmailExactAndPartial() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "pipedrive", "records",
        List.of(Map.of("email", "grace@navy.mil", "firstname", "Grace", "lastname", "Hopper", "company", "Navy"))));
    ctl.post("/_sandbox/seed", Map.of("vendor", "pipedrive", "contacts", 3));
    JsonNode exact = v2.get("/persons/search?term=" + enc("grace@navy.mil") + "&fields=email&exact_match=true").json();
    assertThat(exact.get("success").asBoolean()).isTrue();
    JsonNode items = exact.get("data").get("items");
    assertThat(items).hasSize(1);
    JsonNode item = items.get(0).get("item");
    assertThat(item.get("type").asString()).isEqualTo("person");
    assertThat(item.get("emails").get(0).asString()).isEqualTo("grace@navy.mil");
    assertThat(item.get("organization").get("name").asString()).isEqualTo("Navy");
    assertThat(items.get(0).get("result_score").asDouble()).isPositive();
    assertThat(v2.get("/persons/search?term=grace%40navy&fields=email&exact_match=true").json().get("data").get("items")).isEmpty();
    assertThat(v2.get("/persons/search?term=example.com&fields=email").json().get("data").get("items")).hasSize(3);
    assertThat(v2.get("/persons/search?term=g&fields=email").status()).isEqualTo(400);
    assertThat(v2.get("/organizations/search?term=Navy").json().get("data").get("items")).hasSize(1);
  }

  @Test
  void dealsOrganizationsActivitiesBasics() {
    long org = v2.post("/organizations", Map.of("name", "Acme", "address", "1 Main St")).json().get("data").get("id").asLong();
    long person = v2.post("/persons", Map.of("name", "Wile E", "org_id", org)).json().get("data").get("id").asLong();
    JsonNode deal = v2.post("/deals", Map.of("title", "Rockets", "value", 1500.5, "currency", "EUR", "person_id", person,
        "org_id", org, "stage_id", 2, "pipeline_id", 1, "expected_close_date", "2026-12-31")).json().get("data");
    assertThat(deal.get("status").asString()).isEqualTo("open");
    assertThat(deal.get("value").asDouble()).isEqualTo(1500.5);
    JsonNode won = v2.patch("/deals/" + deal.get("id").asLong(), Map.of("status", "won")).json().get("data");
    assertThat(won.get("won_time").isNull()).isFalse();
    JsonNode act = v2.post("/activities", Map.of("subject", "Call Wile", "type", "call", "due_date", "2026-12-01",
        "person_id", person, "deal_id", deal.get("id").asLong())).json().get("data");
    assertThat(act.get("done").asBoolean()).isFalse();
    assertThat(v2.patch("/activities/" + act.get("id").asLong(), Map.of("done", true)).json().get("data").get("done").asBoolean()).isTrue();
    assertThat(v2.get("/deals?person_id=" + person).json().get("data")).hasSize(1);
    assertThat(v2.get("/deals?status=lost").json().get("data")).isEmpty();
    assertThat(v2.get("/activities?deal_id=" + deal.get("id").asLong()).json().get("data")).hasSize(1);
    assertThat(v2.get("/persons?org_id=" + org).json().get("data")).hasSize(1);
    assertThat(v2.get("/organizations/" + org).json().get("data").get("address").asString()).isEqualTo("1 Main St");

    JsonNode me = v1.get("/users/me").json();
    assertThat(me.get("success").asBoolean()).isTrue();
    assertThat(me.get("data").get("id").asLong()).isEqualTo(1);
    assertThat(v1.get("/pipelines").json().get("data")).hasSize(2);
    assertThat(v1.get("/stages?pipeline_id=1").json().get("data")).hasSize(4);
  }

  static void assertErrorShape(JsonNode body, String error) {
    assertThat(body.get("success").asBoolean()).isFalse();
    assertThat(body.get("error").isString()).isTrue();
    if (error != null) {
      assertThat(body.get("error").asString()).isEqualTo(error);
    }
    assertThat(body.get("error_info").isString()).isTrue();
    assertThat(body.has("data") && body.get("data").isNull()).isTrue();
    assertThat(body.has("additional_data") && body.get("additional_data").isNull()).isTrue();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
