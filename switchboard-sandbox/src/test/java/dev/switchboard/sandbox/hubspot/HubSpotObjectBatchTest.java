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

/**
 * Batch endpoints of the new object types: complete {@code StandardError} entries in multi-status answers, the
 * all-or-nothing vs {@code objectWriteTraceId} rule for every type, and upserts by a custom unique property.
 */
class HubSpotObjectBatchTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));

  /** Every field the spec's StandardError requires: status, category, message, errors, context, links. */
  private static void assertStandardError(JsonNode e) {
    assertThat(e.propertyNames()).contains("status", "category", "message", "errors", "context", "links");
    assertThat(e.get("errors").isArray()).isTrue();
    assertThat(e.get("context").isObject()).isTrue();
    assertThat(e.get("links").isObject()).isTrue();
    assertThat(e.has("correlationId")).isFalse();
  }

  @Test
  void batchReadWithAMissingIdAnswers207WithACompleteStandardError() {
    for (String type : List.of("contacts", "companies", "deals", "line_items", "notes")) {
      String id = hub.post("/crm/v3/objects/" + type, Map.of("properties", Map.of())).json().get("id").asString();
      Http.Res read = hub.post("/crm/v3/objects/" + type + "/batch/read", Map.of("inputs", List.of(Map.of("id", id),
          Map.of("id", "424242"))));
      assertThat(read.status()).as(type).isEqualTo(207);
      JsonNode e = read.json().at("/errors/0");
      assertStandardError(e);
      assertThat(e.get("category").asString()).isEqualTo("OBJECT_NOT_FOUND");
      assertThat(e.at("/context/ids/0").asString()).isEqualTo("424242");
      assertThat(read.json().get("results").size()).isEqualTo(1);
    }
    assertThat(hub.post("/crm/v3/objects/companies/batch/read", Map.of("inputs", List.of())).status()).isEqualTo(200);
  }

  @Test
  void writesAreAtomicUnlessEveryInputHasATraceIdForEveryType() {
    Http.Res atomic = hub.post("/crm/v3/objects/companies/batch/create", Map.of("inputs", List.of(
        Map.of("properties", Map.of("name", "Ok")), Map.of("properties", Map.of("nosuchprop", "x")))));
    assertThat(atomic.status()).isEqualTo(400);
    assertThat(hub.get("/crm/v3/objects/companies").json().get("results").size()).isZero();
    assertThat(hub.post("/crm/v3/objects/companies", Map.of("properties", Map.of("name", "First"))).json().get("id").asString())
        .isEqualTo("100001"); // the failed batch consumed no id

    Http.Res multi = hub.post("/crm/v3/objects/deals/batch/create", Map.of("inputs", List.of(
        Map.of("properties", Map.of("dealname", "Good"), "objectWriteTraceId", "t1"),
        Map.of("properties", Map.of("dealname", "Bad", "dealstage", "nope"), "objectWriteTraceId", "t2"))));
    assertThat(multi.status()).isEqualTo(207);
    assertThat(multi.json().at("/results/0/objectWriteTraceId").asString()).isEqualTo("t1");
    JsonNode e = multi.json().at("/errors/0");
    assertStandardError(e);
    assertThat(e.at("/context/objectWriteTraceId/0").asString()).isEqualTo("t2");
    assertThat(e.at("/errors/0/code").asString()).isEqualTo("INVALID_OPTION");

    Http.Res update = hub.post("/crm/v3/objects/deals/batch/update", Map.of("inputs", List.of(
        Map.of("id", multi.json().at("/results/0/id").asString(), "properties", Map.of("dealname", "Renamed"),
            "objectWriteTraceId", "u1"),
        Map.of("id", "999", "properties", Map.of("dealname", "Ghost"), "objectWriteTraceId", "u2"))));
    assertThat(update.status()).isEqualTo(207);
    assertStandardError(update.json().at("/errors/0"));
    assertThat(update.json().at("/errors/0/context/ids/0").asString()).isEqualTo("999");
  }

  @Test
  void upsertByACustomUniquePropertyCreatesThenUpdatesAndDuplicatesAreRefused() {
    Http.Res prop = hub.post("/crm/v3/properties/companies", Map.of("name", "external_id", "label", "External ID",
        "type", "string", "fieldType", "text", "groupName", "companyinformation", "hasUniqueValue", true));
    assertThat(prop.status()).isEqualTo(201);
    assertThat(prop.json().get("hasUniqueValue").asBoolean()).isTrue();

    Map<String, Object> body = Map.of("inputs", List.of(
        Map.of("idProperty", "external_id", "id", "ext-1", "properties", Map.of("name", "One")),
        Map.of("idProperty", "external_id", "id", "ext-2", "properties", Map.of("name", "Two"))));
    Http.Res first = hub.post("/crm/v3/objects/companies/batch/upsert", body);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("results").findValues("new")).allMatch(JsonNode::asBoolean);
    assertThat(first.json().at("/results/0/properties/external_id").asString()).isEqualTo("ext-1");

    Http.Res second = hub.post("/crm/v3/objects/companies/batch/upsert", Map.of("inputs", List.of(
        Map.of("idProperty", "external_id", "id", "ext-1", "properties", Map.of("name", "One again")))));
    assertThat(second.json().at("/results/0/new").asBoolean()).isFalse();
    assertThat(second.json().at("/results/0/id").asString()).isEqualTo(first.json().at("/results/0/id").asString());
    assertThat(hub.get("/crm/v3/objects/companies/ext-1?idProperty=external_id&properties=name").json()
        .at("/properties/name").asString()).isEqualTo("One again");
    assertThat(hub.get("/crm/v3/objects/companies").json().get("results").size()).isEqualTo(2);

    Http.Res duplicate = hub.post("/crm/v3/objects/companies", Map.of("properties", Map.of("name", "Copy", "external_id", "ext-2")));
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(duplicate.json().at("/errors/0/context/propertyName/0").asString()).isEqualTo("external_id");
    Http.Res notUnique = hub.post("/crm/v3/objects/companies/batch/upsert", Map.of("inputs", List.of(
        Map.of("idProperty", "name", "id", "One", "properties", Map.of()))));
    assertThat(notUnique.status()).isEqualTo(400);
    Http.Res noIdProperty = hub.get("/crm/v3/objects/companies/One?idProperty=name");
    assertThat(noIdProperty.status()).isEqualTo(400);
  }

  @Test
  void batchesTakeAtMostOneHundredInputs() {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      inputs.add(Map.of("properties", Map.of("hs_note_body", "n" + i)));
    }
    Http.Res tooMany = hub.post("/crm/v3/objects/notes/batch/create", Map.of("inputs", inputs));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(hub.post("/crm/v3/objects/notes/batch/create", Map.of("inputs", inputs.subList(0, 100))).status()).isEqualTo(201);
    assertThat(hub.get("/crm/v3/objects/notes?limit=100").json().get("results").size()).isEqualTo(100);
  }
}
