package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Communication preferences: subscription types, one address's statuses (v3), subscribe / unsubscribe (v3) and the
 * batch status read (v4, 2026-03), with HubSpot's error shapes and scopes; a status change moves the contact.
 */
class HubSpotCommunicationPreferencesTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http ctl = sandbox.ctl();
  static final String MARKETING = "15000101";

  @BeforeEach
  void reset() {
    ctl.post("/_sandbox/reset", Map.of());
  }

  @Test
  void definitionsListThePortalsDefaultTypesOnEveryPath() {
    JsonNode v3 = hub.get("/communication-preferences/v3/definitions").json();
    assertThat(v3.get("subscriptionDefinitions").findValuesAsString("name"))
        .containsExactly("Marketing Information", "One to One", "Customer Service Communication");
    JsonNode first = v3.at("/subscriptionDefinitions/0");
    for (String field : List.of("id", "name", "description", "isActive", "isDefault", "isInternal", "createdAt",
        "updatedAt")) {
      assertThat(first.has(field)).as(field).isTrue(); // the spec's required fields
    }
    assertThat(first.get("id").asString()).isEqualTo(MARKETING);
    for (String version : List.of("v4", "2026-03")) {
      JsonNode v = hub.get("/communication-preferences/" + version + "/definitions").json();
      assertThat(v.get("status").asString()).isEqualTo("COMPLETE");
      assertThat(v.get("results").findValuesAsString("id")).contains(MARKETING);
    }
  }

  @Test
  void subscribeAndUnsubscribeChangeTheStatusesAndTheContact() {
    String id = hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "ann@example.com")))
        .json().get("id").asString();
    String modified = contact(id).at("/properties/lastmodifieddate").asString();
    assertThat(status("ann@example.com").get("status").asString()).isEqualTo("NOT_SPECIFIED");

    Http.Res sub = hub.post("/communication-preferences/v3/subscribe", Map.of("emailAddress", "Ann@Example.com",
        "subscriptionId", MARKETING, "legalBasis", "CONSENT_WITH_NOTICE", "legalBasisExplanation", "form"));
    assertThat(sub.status()).isEqualTo(200);
    assertThat(sub.json().get("status").asString()).isEqualTo("SUBSCRIBED");
    assertThat(sub.json().get("id").asString()).isEqualTo(MARKETING);
    JsonNode st = status("ann@example.com");
    assertThat(st.get("status").asString()).isEqualTo("SUBSCRIBED");
    assertThat(st.get("legalBasis").asString()).isEqualTo("CONSENT_WITH_NOTICE");
    assertThat(st.get("subscriptionId").asLong()).isEqualTo(Long.parseLong(MARKETING));
    JsonNode c = contact(id);
    assertThat(c.at("/properties/hs_email_optout_" + MARKETING).asString()).isEqualTo("false");
    assertThat(c.at("/properties/lastmodifieddate").asString()).as("the poll sees the change").isNotEqualTo(modified);

    JsonNode v3 = hub.get("/communication-preferences/v3/status/email/ann@example.com").json();
    assertThat(v3.get("recipient").asString()).isEqualTo("ann@example.com");
    assertThat(v3.at("/subscriptionStatuses/0/status").asString()).isEqualTo("SUBSCRIBED");
    assertThat(v3.at("/subscriptionStatuses/1/status").asString()).isEqualTo("NOT_SUBSCRIBED");

    Http.Res again = hub.post("/communication-preferences/v3/subscribe",
        Map.of("emailAddress", "ann@example.com", "subscriptionId", MARKETING));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(again.json().get("status").asString()).isEqualTo("error");

    assertThat(hub.post("/communication-preferences/v3/unsubscribe",
        Map.of("emailAddress", "ann@example.com", "subscriptionId", MARKETING)).status()).isEqualTo(200);
    assertThat(status("ann@example.com").get("status").asString()).isEqualTo("UNSUBSCRIBED");
    assertThat(contact(id).at("/properties/hs_email_optout_" + MARKETING).asString()).isEqualTo("true");
    assertThat(hub.post("/communication-preferences/v3/subscribe",
        Map.of("emailAddress", "ann@example.com", "subscriptionId", MARKETING)).status())
        .as("the v3 API does not re-subscribe").isEqualTo(400);
  }

  @Test
  void badRequestsAnswerHubSpotsErrors() {
    assertThat(hub.post("/communication-preferences/v3/subscribe",
        Map.of("emailAddress", "a@example.com", "subscriptionId", "999")).json().get("category").asString())
        .isEqualTo("VALIDATION_ERROR");
    assertThat(hub.post("/communication-preferences/v3/subscribe", Map.of("subscriptionId", MARKETING)).status())
        .isEqualTo(400);
    assertThat(hub.post("/communication-preferences/v4/statuses/batch/read", Map.of("inputs", List.of("a@x.com")))
        .status()).as("channel is required").isEqualTo(400);
    assertThat(hub.post("/communication-preferences/v4/statuses/batch/read?channel=SMS",
        Map.of("inputs", List.of("a@x.com"))).status()).isEqualTo(400);
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= CommunicationPreferencesController.MAX_BATCH; i++) {
      many.add("p" + i + "@example.com");
    }
    assertThat(hub.post("/communication-preferences/v4/statuses/batch/read?channel=EMAIL", Map.of("inputs", many))
        .status()).isEqualTo(400);
    Http.Res partly = hub.post("/communication-preferences/2026-03/statuses/batch/read?channel=EMAIL",
        Map.of("inputs", List.of("ok@example.com", "not-an-address")));
    assertThat(partly.status()).isEqualTo(207);
    assertThat(partly.json().get("numErrors").asInt()).isEqualTo(1);
    assertThat(partly.json().get("results")).hasSize(1);
    assertThat(hub.post("/communication-preferences/v4/statuses/batch/read?channel=EMAIL",
        Map.of("inputs", List.of())).json().get("results")).isEmpty();
  }

  @Test
  void eachCallNeedsItsScope() {
    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "privateAppScopes", List.of("crm.objects.contacts.read")));
    Http.Res refused = hub.post("/communication-preferences/v4/statuses/batch/read?channel=EMAIL",
        Map.of("inputs", List.of("a@example.com")));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("category").asString()).isEqualTo("MISSING_SCOPES");
    assertThat(refused.json().at("/errors/0/context/requiredScopes").toString())
        .contains("communication_preferences.statuses.batch.read");
    assertThat(hub.get("/communication-preferences/v3/definitions").status()).isEqualTo(403);
    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "privateAppScopes",
        List.of("communication_preferences.statuses.batch.read", "communication_preferences.read")));
    assertThat(hub.post("/communication-preferences/v4/statuses/batch/read?channel=EMAIL",
        Map.of("inputs", List.of("a@example.com"))).status()).isEqualTo(200);
    assertThat(hub.get("/communication-preferences/v3/definitions").status()).isEqualTo(200);
    assertThat(hub.post("/communication-preferences/v3/subscribe",
        Map.of("emailAddress", "a@example.com", "subscriptionId", MARKETING)).status()).isEqualTo(403);
  }

  @Test
  void theSeedOptsInTheFirstContactsItMakes() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "hubspot", "contacts", 3, "marketingOptIns", 2));
    List<String> emails = hub.get("/crm/v3/objects/contacts?limit=10").json().get("results")
        .findValuesAsString("email");
    JsonNode read = hub.post("/communication-preferences/v4/statuses/batch/read?channel=EMAIL",
        Map.of("inputs", emails)).json();
    List<String> statuses = new ArrayList<>();
    for (JsonNode r : read.get("results")) {
      for (JsonNode s : r.get("statuses")) {
        if (s.get("subscriptionId").asString().equals(MARKETING)) {
          statuses.add(s.get("status").asString());
        }
      }
    }
    assertThat(statuses).containsExactly("SUBSCRIBED", "SUBSCRIBED", "NOT_SPECIFIED");
  }

  /** The Marketing Information status of {@code email} in a v4 batch read. */
  private static JsonNode status(String email) {
    JsonNode read = hub.post("/communication-preferences/v4/statuses/batch/read?channel=EMAIL",
        Map.of("inputs", List.of(email))).json();
    assertThat(read.get("status").asString()).isEqualTo("COMPLETE");
    assertThat(read.at("/results/0/subscriberIdString").asString()).isEqualTo(email);
    for (JsonNode s : read.at("/results/0/statuses")) {
      assertThat(s.get("channel").asString()).isEqualTo("EMAIL");
      if (s.get("subscriptionId").asString().equals(MARKETING)) {
        return s;
      }
    }
    throw new AssertionError("no Marketing Information status");
  }

  private static JsonNode contact(String id) {
    return hub.get("/crm/v3/objects/contacts/" + id + "?properties=lastmodifieddate,hs_email_optout_" + MARKETING)
        .json();
  }
}
