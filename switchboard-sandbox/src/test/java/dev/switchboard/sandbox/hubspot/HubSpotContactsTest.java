package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class HubSpotContactsTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http ctl = sandbox.ctl();

  @Test
  void crudAndDuplicateConflict() {
    Http.Res created = hub.post("/crm/v3/objects/contacts",
        Map.of("properties", Map.of("email", "Ada@Example.com", "firstname", "Ada")));
    assertThat(created.status()).isEqualTo(201);
    JsonNode c = created.json();
    String id = c.get("id").asString();
    assertThat(c.at("/properties/email").asString()).isEqualTo("ada@example.com");
    assertThat(c.at("/properties/hs_object_id").asString()).isEqualTo(id);
    assertThat(c.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(c.get("archived").asBoolean()).isFalse();

    Http.Res dup = hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "ADA@example.com")));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().get("category").asString()).isEqualTo("CONFLICT");
    assertThat(dup.json().get("message").asString()).isEqualTo("Contact already exists. Existing ID: " + id);

    assertThat(hub.get("/crm/v3/objects/contacts/ada@example.com?idProperty=email&properties=firstname").json()
        .at("/properties/firstname").asString()).isEqualTo("Ada");
    Http.Res patched = hub.patch("/crm/v3/objects/contacts/" + id, Map.of("properties", Map.of("lastname", "Lovelace")));
    assertThat(patched.json().at("/properties/lastname").asString()).isEqualTo("Lovelace");

    assertThat(hub.delete("/crm/v3/objects/contacts/" + id).status()).isEqualTo(204);
    Http.Res gone = hub.get("/crm/v3/objects/contacts/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("status").asString()).isEqualTo("error");
    assertThat(hub.get("/crm/v3/objects/contacts/" + id + "?archived=true").json().get("archived").asBoolean()).isTrue();
    assertThat(hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("nosuchprop", "x"))).status()).isEqualTo(400);
  }

  @Test
  void unauthenticatedIs401InHubSpotShape() {
    Http.Res r = new Http(sandbox.baseUrl() + "/hubspot", Map.of("Authorization", "Bearer wrong"))
        .get("/crm/v3/objects/contacts");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("category").asString()).isEqualTo("INVALID_AUTHENTICATION");
    assertThat(r.json().get("correlationId").asString()).isNotBlank();
  }

  @Test
  void listPagesWithAfterCursorUntilPagingDisappears() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "hubspot", "contacts", 25));
    List<String> emails = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      JsonNode page = hub.get("/crm/v3/objects/contacts?limit=10&properties=email" + (after == null ? "" : "&after=" + after)).json();
      page.get("results").forEach(r -> emails.add(r.at("/properties/email").asString()));
      after = page.has("paging") ? page.at("/paging/next/after").asString() : null;
      if (after != null) {
        assertThat(page.at("/paging/next/link").asString()).contains("after=" + after);
      }
      pages++;
    } while (after != null);
    assertThat(pages).isEqualTo(3);
    assertThat(emails).hasSize(25).doesNotHaveDuplicates().contains("seed-0001@example.com", "seed-0025@example.com");
  }

  @Test
  void searchByLastModifiedDateAndNoOpUpdateKeepsIt() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "hubspot", "contacts", 5));
    JsonNode all = hub.get("/crm/v3/objects/contacts?properties=lastmodifieddate,email").json().get("results");
    String third = all.get(2).get("id").asString();
    String thirdModified = all.get(2).at("/properties/lastmodifieddate").asString();
    long cutoff = java.time.Instant.parse(thirdModified).toEpochMilli();

    JsonNode found = hub.post("/crm/v3/objects/contacts/search", Map.of(
        "filterGroups", List.of(Map.of("filters", List.of(Map.of("propertyName", "lastmodifieddate", "operator", "GTE", "value", Long.toString(cutoff))))),
        "sorts", List.of(Map.of("propertyName", "lastmodifieddate", "direction", "DESCENDING")),
        "properties", List.of("email", "lastmodifieddate"), "limit", 2)).json();
    assertThat(found.get("total").asInt()).isEqualTo(3);
    assertThat(found.get("results").get(0).at("/properties/email").asString()).isEqualTo("seed-0005@example.com");
    assertThat(found.at("/paging/next/after").asString()).isEqualTo("2");

    // no-op update: same values → lastmodifieddate and updatedAt unchanged
    JsonNode before = hub.get("/crm/v3/objects/contacts/" + third).json();
    JsonNode after = hub.patch("/crm/v3/objects/contacts/" + third,
        Map.of("properties", Map.of("firstname", "Seed", "email", "SEED-0003@example.com"))).json();
    assertThat(after.at("/properties/lastmodifieddate").asString()).isEqualTo(before.at("/properties/lastmodifieddate").asString());
    assertThat(after.get("updatedAt").asString()).isEqualTo(before.get("updatedAt").asString());
    // real change bumps it past every other contact
    JsonNode changed = hub.patch("/crm/v3/objects/contacts/" + third, Map.of("properties", Map.of("firstname", "Changed"))).json();
    JsonNode newest = hub.post("/crm/v3/objects/contacts/search", Map.of(
        "filterGroups", List.of(Map.of("filters", List.of(Map.of("propertyName", "lastmodifieddate", "operator", "GT", "value", thirdModified)))),
        "sorts", List.of(Map.of("propertyName", "lastmodifieddate", "direction", "DESCENDING")))).json();
    assertThat(newest.get("results").get(0).get("id").asString()).isEqualTo(third);
    assertThat(changed.get("updatedAt").asString()).isGreaterThan(before.get("updatedAt").asString());
  }

  @Test
  void batchUpsertCreatesThenUpdatesByEmail() {
    Map<String, Object> body = Map.of("inputs", List.of(
        Map.of("idProperty", "email", "id", "a@x.com", "properties", Map.of("firstname", "A")),
        Map.of("idProperty", "email", "id", "b@x.com", "properties", Map.of("firstname", "B"))));
    Http.Res first = hub.post("/crm/v3/objects/contacts/batch/upsert", body);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("status").asString()).isEqualTo("COMPLETE");
    assertThat(first.json().get("results").findValues("new")).allMatch(JsonNode::asBoolean);

    Http.Res second = hub.post("/crm/v3/objects/contacts/batch/upsert", Map.of("inputs", List.of(
        Map.of("idProperty", "email", "id", "a@x.com", "properties", Map.of("firstname", "A2")))));
    JsonNode r = second.json().get("results").get(0);
    assertThat(r.get("new").asBoolean()).isFalse();
    assertThat(r.at("/properties/firstname").asString()).isEqualTo("A2");
    assertThat(hub.get("/crm/v3/objects/contacts").json().get("results").size()).isEqualTo(2);

    Http.Res partial = hub.post("/crm/v3/objects/contacts/batch/read", Map.of("inputs", List.of(Map.of("id", r.get("id").asString()), Map.of("id", "999999"))));
    assertThat(partial.status()).isEqualTo(207);
    assertThat(partial.json().get("numErrors").asInt()).isEqualTo(1);

    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add(Map.of("id", "x" + i + "@x.com", "idProperty", "email", "properties", Map.of()));
    }
    Http.Res rejected = hub.post("/crm/v3/objects/contacts/batch/upsert", Map.of("inputs", tooMany));
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void rateLimitHeadersCountDownThen429() {
    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "rateLimitPer10s", 3));
    Http.Res r1 = hub.get("/account-info/v3/details");
    assertThat(r1.json().get("portalId").asLong()).isEqualTo(1001);
    assertThat(r1.header("X-HubSpot-RateLimit-Max")).isEqualTo("3");
    assertThat(r1.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("2");
    assertThat(r1.header("X-HubSpot-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
    assertThat(r1.header("X-HubSpot-RateLimit-Daily")).isEqualTo("250000");
    assertThat(hub.get("/account-info/v3/details").header("X-HubSpot-RateLimit-Remaining")).isEqualTo("1");
    assertThat(hub.get("/account-info/v3/details").header("X-HubSpot-RateLimit-Remaining")).isEqualTo("0");
    Http.Res limited = hub.get("/account-info/v3/details");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("errorType").asString()).isEqualTo("RATE_LIMIT");
    assertThat(limited.json().get("policyName").asString()).isEqualTo("TEN_SECONDLY_ROLLING");
    assertThat(limited.json().get("message").asString()).isEqualTo("You have reached your ten_secondly_rolling limit.");
    assertThat(ctl.get("/_sandbox/counters").json().at("/hubspot/status429").asLong()).isEqualTo(1);
  }

  @Test
  void batchCreateUpdateArchiveGdprDeleteAndCustomProperties() {
    assertThat(hub.post("/crm/v3/properties/contacts", Map.of("name", "favorite_color", "label", "Favorite color",
        "type", "string", "fieldType", "text", "groupName", "contactinformation")).status()).isEqualTo(201);
    assertThat(hub.get("/crm/v3/properties/contacts").json().get("results").findValuesAsString("name"))
        .contains("email", "lastmodifieddate", "hs_email_optout", "favorite_color");

    Http.Res created = hub.post("/crm/v3/objects/contacts/batch/create", Map.of("inputs", List.of(
        Map.of("properties", Map.of("email", "c1@x.com", "favorite_color", "blue"), "objectWriteTraceId", "t1"),
        Map.of("properties", Map.of("email", "c2@x.com"), "objectWriteTraceId", "t2"),
        Map.of("properties", Map.of("email", "C1@x.com"), "objectWriteTraceId", "t3"))));
    assertThat(created.status()).isEqualTo(207);
    assertThat(created.json().get("results").size()).isEqualTo(2);
    assertThat(created.json().at("/errors/0/category").asString()).isEqualTo("CONFLICT");
    assertThat(created.json().at("/errors/0/context/objectWriteTraceId/0").asString()).isEqualTo("t3");
    String id1 = created.json().at("/results/0/id").asString();
    String id2 = created.json().at("/results/1/id").asString();

    Http.Res updated = hub.post("/crm/v3/objects/contacts/batch/update", Map.of("inputs", List.of(
        Map.of("id", id1, "properties", Map.of("favorite_color", "red")))));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().at("/results/0/properties/favorite_color").asString()).isEqualTo("red");

    assertThat(hub.post("/crm/v3/objects/contacts/batch/archive", Map.of("inputs", List.of(Map.of("id", id2)))).status()).isEqualTo(204);
    assertThat(hub.get("/crm/v3/objects/contacts/" + id2).status()).isEqualTo(404);
    assertThat(hub.get("/crm/v3/objects/contacts?archived=true").json().get("results").size()).isEqualTo(1);

    assertThat(hub.post("/crm/v3/objects/contacts/gdpr-delete", Map.of("objectId", "c1@x.com", "idProperty", "email")).status()).isEqualTo(204);
    assertThat(hub.get("/crm/v3/objects/contacts/" + id1).status()).isEqualTo(404);
    assertThat(hub.get("/crm/v3/objects/contacts/" + id1 + "?archived=true").status()).isEqualTo(404);
  }

  /** A bulk import stamps its records alike: clients must page one millisecond holding many records by id. */
  @Test
  void aBulkImportSeedSharesOneLastModifiedMillisecond() {
    JsonNode seeded = ctl.post("/_sandbox/seed", Map.of("vendor", "hubspot", "contacts", 4, "bulkImport", true)).json();
    List<String> stamps = new ArrayList<>();
    for (JsonNode id : seeded.get("ids")) {
      stamps.add(hub.get("/crm/v3/objects/contacts/" + id.asString() + "?properties=lastmodifieddate").json()
          .at("/properties/lastmodifieddate").asString());
    }
    assertThat(stamps).hasSize(4).containsOnly(stamps.getFirst());
    String first = seeded.get("ids").get(0).asString();
    JsonNode changed = hub.patch("/crm/v3/objects/contacts/" + first, Map.of("properties", Map.of("firstname", "Later")))
        .json();
    assertThat(java.time.Instant.parse(changed.at("/properties/lastmodifieddate").asString()))
        .isAfter(java.time.Instant.parse(stamps.getFirst()));
  }
}
