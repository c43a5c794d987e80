package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * CRM search for the new types: filters on {@code hs_lastmodifieddate} and {@code hs_object_id}, numbers compared
 * as numbers, the 10,000-result cap, and one per-second search budget for every type.
 */
class HubSpotObjectSearchTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http ctl = sandbox.ctl();

  private static Map<String, Object> filter(String prop, String op, String value) {
    return Map.of("propertyName", prop, "operator", op, "value", value);
  }

  private static Map<String, Object> where(Map<String, Object> f) {
    return Map.of("filterGroups", List.of(Map.of("filters", List.of(f))));
  }

  @Test
  void searchByLastModifiedDateWithTheTenThousandCap() {
    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "searchPerSecond", 100));
    ctl.post("/_sandbox/seed", Map.of("vendor", "hubspot", "companies", 10_050));
    // every seeded company has a distinct, increasing hs_lastmodifieddate: the 40 newest come after this one
    JsonNode cutoff = hub.post("/crm/v3/objects/companies/search", Map.of(
        "sorts", List.of(Map.of("propertyName", "hs_lastmodifieddate", "direction", "DESCENDING")),
        "properties", List.of("hs_lastmodifieddate"), "limit", 41)).json();
    assertThat(cutoff.get("total").asInt()).isEqualTo(10_050);
    String since = cutoff.at("/results/40/properties/hs_lastmodifieddate").asString();
    Map<String, Object> newer = new java.util.HashMap<>(where(filter("hs_lastmodifieddate", "GT",
        Long.toString(Instant.parse(since).toEpochMilli()))));
    newer.put("limit", 200);
    JsonNode found = hub.post("/crm/v3/objects/companies/search", newer).json();
    assertThat(found.get("total").asInt()).isEqualTo(40);
    assertThat(found.has("paging")).isFalse();

    // paging through everything stops at the 10,000th result; going past it is HubSpot's 400
    JsonNode last = hub.post("/crm/v3/objects/companies/search", Map.of("limit", 200, "after", "9900")).json();
    assertThat(last.get("total").asInt()).isEqualTo(10_050);
    assertThat(last.get("results").size()).isEqualTo(100);
    assertThat(last.has("paging")).isFalse();
    assertThat(hub.post("/crm/v3/objects/companies/search", Map.of("limit", 200, "after", "9800")).json().has("paging"))
        .isFalse(); // a page that ends at the cap offers no next page
    assertThat(hub.post("/crm/v3/objects/companies/search", Map.of("limit", 200, "after", "9600")).json()
        .at("/paging/next/after").asString()).isEqualTo("9800");
    Http.Res beyond = hub.post("/crm/v3/objects/companies/search", Map.of("limit", 10, "after", "10000"));
    assertThat(beyond.status()).isEqualTo(400);
    assertThat(beyond.json().get("message").asString()).contains("10,000");
  }

  @Test
  void filtersOnObjectIdAndNumbersCompareNumerically() {
    String a = hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("dealname", "small", "amount", "9"))).json()
        .get("id").asString();
    String b = hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("dealname", "big", "amount", "100"))).json()
        .get("id").asString();
    JsonNode big = hub.post("/crm/v3/objects/deals/search", where(filter("amount", "GT", "10"))).json();
    assertThat(big.at("/results/0/id").asString()).isEqualTo(b); // as strings "9" > "10"
    assertThat(big.get("total").asInt()).isEqualTo(1);
    JsonNode byId = hub.post("/crm/objects/2026-03/deals/search", where(filter("hs_object_id", "EQ", a))).json();
    assertThat(byId.get("total").asInt()).isEqualTo(1);
    assertThat(byId.at("/results/0/properties/dealname").asString()).isEqualTo("small");
    JsonNode query = hub.post("/crm/v3/objects/deals/search", Map.of("query", "bi")).json();
    assertThat(query.at("/results/0/id").asString()).isEqualTo(b);
  }

  @Test
  void everyTypeSharesOnePerSecondSearchBudget() {
    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "searchPerSecond", 2, "rateLimitPer10s", 1));
    assertThat(hub.post("/crm/v3/objects/contacts/search", Map.of()).status()).isEqualTo(200);
    Http.Res companies = hub.post("/crm/v3/objects/companies/search", Map.of());
    assertThat(companies.status()).isEqualTo(200);
    assertThat(companies.header("X-HubSpot-RateLimit-Remaining")).isNull(); // exempt from the ten-secondly window
    Http.Res notes = hub.post("/crm/objects/2026-03/notes/search", Map.of());
    assertThat(notes.status()).isEqualTo(429);
    assertThat(notes.json().get("policyName").asString()).isEqualTo("SECONDLY");
  }
}
