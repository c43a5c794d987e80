package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Batch atomicity vs. multi-status, read-only and unknown properties, batch read of archived contacts. */
class HubSpotWritesTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
  static final Http ctl = sandbox.ctl();

  private static int contactCount() {
    return hub.get("/crm/v3/objects/contacts?limit=100").json().get("results").size();
  }

  @Test
  void batchWithoutTraceIdsFailsAsAWholeAndWritesNothing() {
    Http.Res create = hub.post("/crm/v3/objects/contacts/batch/create", Map.of("inputs", List.of(
        Map.of("properties", Map.of("email", "ok1@x.com")),
        Map.of("properties", Map.of("email", "bad@x.com", "nosuchprop", "x")),
        Map.of("properties", Map.of("email", "ok2@x.com")))));
    assertThat(create.status()).isEqualTo(400);
    assertThat(create.json().get("status").asString()).isEqualTo("error");
    assertThat(create.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(create.json().get("correlationId").asString()).isNotBlank();
    assertThat(create.json().has("results")).isFalse();
    assertThat(contactCount()).isZero();

    // a duplicate email inside one batch: 409 and the first one is rolled back too
    Http.Res dup = hub.post("/crm/v3/objects/contacts/batch/create", Map.of("inputs", List.of(
        Map.of("properties", Map.of("email", "d@x.com")), Map.of("properties", Map.of("email", "D@x.com")))));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(contactCount()).isZero();
    assertThat(hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "d@x.com"))).json().get("id").asString())
        .isEqualTo("101"); // the id sequence was rewound as well

    Http.Res upsert = hub.post("/crm/v3/objects/contacts/batch/upsert", Map.of("inputs", List.of(
        Map.of("idProperty", "email", "id", "d@x.com", "properties", Map.of("firstname", "Changed")),
        Map.of("idProperty", "email", "id", "new@x.com", "properties", Map.of("lastmodifieddate", "0")))));
    assertThat(upsert.status()).isEqualTo(400);
    assertThat(upsert.json().at("/context/ids/0").asString()).isEqualTo("new@x.com");
    JsonNode d = hub.get("/crm/v3/objects/contacts/d@x.com?idProperty=email&properties=firstname").json();
    assertThat(d.at("/properties/firstname").isNull()).isTrue();
    assertThat(contactCount()).isEqualTo(1);

    Http.Res update = hub.post("/crm/v3/objects/contacts/batch/update", Map.of("inputs", List.of(
        Map.of("id", "101", "properties", Map.of("firstname", "Changed")),
        Map.of("id", "999", "properties", Map.of("firstname", "Ghost")))));
    assertThat(update.status()).isEqualTo(404);
    assertThat(update.json().get("category").asString()).isEqualTo("OBJECT_NOT_FOUND");
    assertThat(update.json().at("/context/ids/0").asString()).isEqualTo("999");
    assertThat(hub.get("/crm/v3/objects/contacts/101?properties=firstname").json().at("/properties/firstname").isNull()).isTrue();
  }

  @Test
  void batchWithTraceIdsOnEveryInputAnswersMultiStatus() {
    hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "known@x.com")));
    Http.Res upsert = hub.post("/crm/v3/objects/contacts/batch/upsert", Map.of("inputs", List.of(
        Map.of("idProperty", "email", "id", "known@x.com", "properties", Map.of("firstname", "K"), "objectWriteTraceId", "a"),
        Map.of("idProperty", "email", "id", "bad@x.com", "properties", Map.of("hs_object_id", "5"), "objectWriteTraceId", "b"),
        Map.of("idProperty", "email", "id", "fresh@x.com", "properties", Map.of("firstname", "F"), "objectWriteTraceId", "c"))));
    assertThat(upsert.status()).isEqualTo(207);
    JsonNode body = upsert.json();
    assertThat(body.get("numErrors").asInt()).isEqualTo(1);
    assertThat(body.get("results").findValuesAsString("objectWriteTraceId")).containsExactlyInAnyOrder("a", "c");
    JsonNode error = body.at("/errors/0");
    assertThat(error.get("category").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(error.at("/context/objectWriteTraceId/0").asString()).isEqualTo("b");
    assertThat(error.at("/errors/0/code").asString()).isEqualTo("READ_ONLY_VALUE");
    assertThat(contactCount()).isEqualTo(2);

    // one input without a trace id: back to all-or-nothing
    Http.Res mixed = hub.post("/crm/v3/objects/contacts/batch/update", Map.of("inputs", List.of(
        Map.of("id", "101", "properties", Map.of("firstname", "K2"), "objectWriteTraceId", "a"),
        Map.of("id", "999", "properties", Map.of("firstname", "X")))));
    assertThat(mixed.status()).isEqualTo(404);
    assertThat(hub.get("/crm/v3/objects/contacts/101?properties=firstname").json().at("/properties/firstname").asString()).isEqualTo("K");
  }

  @Test
  void readOnlyAndUnknownPropertiesAreValidationErrorsNamingEachProperty() {
    Http.Res created = hub.post("/crm/v3/objects/contacts", Map.of("properties",
        Map.of("email", "ro@x.com", "createdate", "2020-01-02T03:04:05Z")));
    assertThat(created.status()).isEqualTo(201); // createdate may be set when creating
    assertThat(created.json().at("/properties/createdate").asString()).isEqualTo("2020-01-02T03:04:05.000Z");
    String id = created.json().get("id").asString();

    Http.Res readOnly = hub.patch("/crm/v3/objects/contacts/" + id, Map.of("properties",
        Map.of("lastmodifieddate", "2020-01-01T00:00:00Z", "createdate", "2020-01-01T00:00:00Z", "firstname", "X")));
    assertThat(readOnly.status()).isEqualTo(400);
    JsonNode e = readOnly.json();
    assertThat(e.get("status").asString()).isEqualTo("error");
    assertThat(e.get("category").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(e.get("correlationId").asString()).isNotBlank();
    assertThat(e.get("message").asString()).startsWith("Property values were not valid").contains("READ_ONLY_VALUE");
    assertThat(e.get("errors").findValuesAsString("code")).containsOnly("READ_ONLY_VALUE").hasSize(2);
    assertThat(e.get("errors").findValues("propertyName").stream().map(n -> n.get(0).asString()))
        .containsExactlyInAnyOrder("lastmodifieddate", "createdate");
    assertThat(hub.get("/crm/v3/objects/contacts/" + id + "?properties=firstname").json().at("/properties/firstname").isNull()).isTrue();

    Http.Res objectId = hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "id@x.com", "hs_object_id", "1")));
    assertThat(objectId.status()).isEqualTo(400);
    assertThat(objectId.json().at("/errors/0/code").asString()).isEqualTo("READ_ONLY_VALUE");

    Http.Res unknown = hub.patch("/crm/v3/objects/contacts/" + id, Map.of("properties", Map.of("nosuchprop", "x")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/errors/0/code").asString()).isEqualTo("PROPERTY_DOESNT_EXIST");
    assertThat(unknown.json().at("/errors/0/context/propertyName/0").asString()).isEqualTo("nosuchprop");
    assertThat(unknown.json().at("/errors/0/message").asString()).isEqualTo("Property \"nosuchprop\" does not exist");
  }

  @Test
  void batchReadTakesArchivedAsAQueryParameter() {
    String id = hub.post("/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "arch@x.com"))).json().get("id").asString();
    hub.delete("/crm/v3/objects/contacts/" + id);
    Map<String, Object> body = Map.of("inputs", List.of(Map.of("id", id)), "properties", List.of("email"), "archived", true);
    Http.Res bodyFlag = hub.post("/crm/v3/objects/contacts/batch/read", body);
    assertThat(bodyFlag.status()).isEqualTo(207); // a body field "archived" is not HubSpot's parameter
    assertThat(bodyFlag.json().get("results").size()).isZero();
    Http.Res query = hub.post("/crm/v3/objects/contacts/batch/read?archived=true",
        Map.of("inputs", List.of(Map.of("id", id)), "properties", List.of("email")));
    assertThat(query.status()).isEqualTo(200);
    assertThat(query.json().at("/results/0/archived").asBoolean()).isTrue();
    assertThat(query.json().at("/results/0/properties/email").asString()).isEqualTo("arch@x.com");
  }
}
