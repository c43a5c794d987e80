package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** CRM search (query, operators, filter limits), rate limits per credential type, OAuth token response. */
class HubSpotSearchAndLimitsTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http anon = sandbox.ctl();
  static final Http ctl = anon;

  private static List<String> emails(Map<String, Object> search) {
    Http.Res r = hub.post("/crm/v3/objects/contacts/search", search);
    assertThat(r.status()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().get("results").forEach(c -> out.add(c.at("/properties/email").asString()));
    return out;
  }

  private static Map<String, Object> filter(String prop, String op, String value) {
    return Map.of("propertyName", prop, "operator", op, "value", value);
  }

  @Test
  void queryMatchesWordPrefixesOfTheDefaultSearchableProperties() {
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "ada@engines.org", "firstname", "Ada", "lastname", "Lovelace")));
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "grace@navy.mil", "firstname", "Grace", "company", "US Navy")));
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "alan@bletchley.uk", "firstname", "Alan", "lifecyclestage", "lead")));

    assertThat(emails(Map.of("query", "LOVE", "properties", List.of("email")))).containsExactly("ada@engines.org");
    assertThat(emails(Map.of("query", "navy", "properties", List.of("email")))).containsExactly("grace@navy.mil");
    assertThat(emails(Map.of("query", "ada eng*", "properties", List.of("email")))).containsExactly("ada@engines.org");
    assertThat(emails(Map.of("query", "lead", "properties", List.of("email")))).isEmpty(); // not a searchable property
    assertThat(emails(Map.of("query", "a", "properties", List.of("email"),
        "filterGroups", List.of(Map.of("filters", List.of(filter("email", "NOT_CONTAINS_TOKEN", "navy")))))))
        .containsExactlyInAnyOrder("ada@engines.org", "alan@bletchley.uk");
  }

  @Test
  void filterLimitsAreTenPerGroupAndTwentyFiveInAll() {
    List<Map<String, Object>> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(filter("email", "HAS_PROPERTY", "x"));
    }
    List<Map<String, Object>> eleven = new ArrayList<>(ten);
    eleven.add(filter("email", "HAS_PROPERTY", "x"));
    assertThat(hub.post("/crm/v3/objects/contacts/search", Map.of("filterGroups", List.of(Map.of("filters", ten)))).status())
        .isEqualTo(200);
    Http.Res perGroup = hub.post("/crm/v3/objects/contacts/search", Map.of("filterGroups", List.of(Map.of("filters", eleven))));
    assertThat(perGroup.status()).isEqualTo(400);
    assertThat(perGroup.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
    Http.Res total = hub.post("/crm/v3/objects/contacts/search", Map.of("filterGroups", List.of(
        Map.of("filters", ten), Map.of("filters", ten), Map.of("filters", ten.subList(0, 6)))));
    assertThat(total.status()).isEqualTo(400);
    assertThat(total.json().get("message").asString()).contains("25");
  }

  @Test
  void searchIsExemptFromTheTenSecondLimitButNotFromItsOwnPerSecondLimit() {
    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "rateLimitPer10s", 1, "searchPerSecond", 3));
    for (int i = 0; i < 3; i++) {
      Http.Res r = hub.post("/crm/v3/objects/contacts/search", Map.of());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("X-HubSpot-RateLimit-Remaining")).isNull();
    }
    assertThat(hub.post("/crm/v3/objects/contacts/search", Map.of()).status()).isEqualTo(429);
    assertThat(hub.get("/crm/v3/objects/contacts").status()).isEqualTo(200); // the 10 s window is untouched
    assertThat(hub.get("/crm/v3/objects/contacts").status()).isEqualTo(429);
  }

  private static JsonNode oauthTokens() {
    Http.Res redirect = anon.get("/hubspot/oauth/authorize?client_id=sandbox-hubspot-client-id&redirect_uri=http://localhost:9999/cb");
    Matcher m = Pattern.compile("code=([^&]+)").matcher(redirect.header("Location"));
    assertThat(m.find()).isTrue();
    return anon.postForm("/hubspot/oauth/v1/token", Map.of("grant_type", "authorization_code",
        "client_id", "sandbox-hubspot-client-id", "client_secret", "sandbox-hubspot-client-secret",
        "redirect_uri", "http://localhost:9999/cb", "code", m.group(1))).json();
  }

  @Test
  void tokenResponseCarriesTheSpecFieldsAndErrorsCarryACategory() {
    JsonNode t = oauthTokens();
    assertThat(t.get("token_use").asString()).isEqualTo("access_token");
    assertThat(t.get("hub_id").asLong()).isEqualTo(1001);
    assertThat(t.get("user_id").isNumber()).isTrue();
    assertThat(t.get("scopes").isArray()).isTrue();
    assertThat(t.get("scopes").toString()).contains("crm.objects.contacts.read");

    Http.Res bad = anon.postForm("/hubspot/oauth/v1/token", Map.of("grant_type", "refresh_token",
        "client_id", "sandbox-hubspot-client-id", "client_secret", "sandbox-hubspot-client-secret", "refresh_token", "nope"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("status").asString()).isEqualTo("BAD_REFRESH_TOKEN");
    assertThat(bad.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(bad.json().get("correlationId").asString()).isNotBlank();
  }

  @Test
  void dailyLimitAndItsHeadersApplyToPrivateAppTokensOnly() {
    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "dailyLimit", 1));
    Http oauth = new Http(sandbox.baseUrl() + "/hubspot", Map.of("Authorization", "Bearer " + oauthTokens().get("access_token").asString()));

    Http.Res privateApp = hub.get("/crm/v3/objects/contacts");
    assertThat(privateApp.header("X-HubSpot-RateLimit-Daily")).isEqualTo("1");
    assertThat(privateApp.header("X-HubSpot-RateLimit-Daily-Remaining")).isEqualTo("0");
    Http.Res spent = hub.get("/crm/v3/objects/contacts");
    assertThat(spent.status()).isEqualTo(429);
    assertThat(spent.json().get("policyName").asString()).isEqualTo("DAILY");

    for (int i = 0; i < 3; i++) {
      Http.Res r = oauth.get("/crm/v3/objects/contacts");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("X-HubSpot-RateLimit-Daily")).isNull();
      assertThat(r.header("X-HubSpot-RateLimit-Daily-Remaining")).isNull();
      assertThat(r.header("X-HubSpot-RateLimit-Max")).isNotNull(); // ten-secondly headers do appear for OAuth
    }
  }
}
