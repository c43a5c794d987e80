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

/** Deal pipelines: the default Sales Pipeline, created pipelines and stages, and deal stages checked against them. */
class HubSpotPipelinesTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http hub = sandbox.http("/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));

  private static List<String> ids(JsonNode stages) {
    List<String> out = new ArrayList<>();
    stages.forEach(s -> out.add(s.get("id").asString()));
    return out;
  }

  @Test
  void theDefaultSalesPipelineHasHubSpotsStages() {
    JsonNode all = hub.get("/crm/v3/pipelines/deals").json().get("results");
    assertThat(all.size()).isEqualTo(1);
    JsonNode p = all.get(0);
    assertThat(p.get("id").asString()).isEqualTo("default");
    assertThat(p.get("label").asString()).isEqualTo("Sales Pipeline");
    assertThat(ids(p.get("stages"))).containsExactly("appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
        "decisionmakerboughtin", "contractsent", "closedwon", "closedlost");
    JsonNode won = hub.get("/crm/v3/pipelines/deals/default/stages/closedwon").json();
    assertThat(won.at("/metadata/isClosed").asString()).isEqualTo("true");
    assertThat(won.at("/metadata/probability").asString()).isEqualTo("1.0");
    assertThat(won.get("writePermissions").asString()).isNotBlank(); // required by the 2026-03 spec
    assertThat(hub.get("/crm/v3/pipelines/deals/default/stages/appointmentscheduled").json().at("/metadata/probability")
        .asString()).isEqualTo("0.2");
    assertThat(hub.get("/crm/pipelines/2026-03/0-3/default").json().get("label").asString()).isEqualTo("Sales Pipeline");
    assertThat(hub.get("/crm/v3/pipelines/contacts").status()).isEqualTo(400);
    assertThat(hub.get("/crm/v3/pipelines/deals/nope").status()).isEqualTo(404);
  }

  @Test
  void aDealsStageMustBelongToItsPipeline() {
    Http.Res ok = hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("dealname", "A", "dealstage", "qualifiedtobuy")));
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.json().at("/properties/pipeline").asString()).isEqualTo("default"); // no pipeline named: the default
    String deal = ok.json().get("id").asString();

    Http.Res bad = hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("dealname", "B", "pipeline", "default",
        "dealstage", "signed")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
    assertThat(bad.json().get("message").asString()).startsWith("Property values were not valid");
    assertThat(bad.json().at("/errors/0/code").asString()).isEqualTo("INVALID_OPTION");
    assertThat(bad.json().at("/errors/0/context/propertyName/0").asString()).isEqualTo("dealstage");

    Http.Res noPipeline = hub.patch("/crm/v3/objects/deals/" + deal, Map.of("properties", Map.of("pipeline", "42")));
    assertThat(noPipeline.status()).isEqualTo(400);
    assertThat(noPipeline.json().at("/errors/0/context/propertyName/0").asString()).isEqualTo("pipeline");

    JsonNode created = hub.post("/crm/v3/pipelines/deals", Map.of("label", "Renewals", "displayOrder", 1, "stages", List.of(
        Map.of("label", "Up for renewal", "displayOrder", 0, "metadata", Map.of("probability", "0.5")),
        Map.of("label", "Renewed", "displayOrder", 1, "metadata", Map.of("probability", "1.0", "isClosed", "true"))))).json();
    String renewals = created.get("id").asString();
    String up = created.at("/stages/0/id").asString();
    // moving the deal to the new pipeline keeps a stage of the old one: refused until the stage moves too
    Http.Res staleStage = hub.patch("/crm/v3/objects/deals/" + deal, Map.of("properties", Map.of("pipeline", renewals)));
    assertThat(staleStage.status()).isEqualTo(400);
    assertThat(staleStage.json().at("/errors/0/context/propertyName/0").asString()).isEqualTo("dealstage");
    Http.Res moved = hub.patch("/crm/v3/objects/deals/" + deal, Map.of("properties", Map.of("pipeline", renewals, "dealstage", up)));
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().at("/properties/dealstage").asString()).isEqualTo(up);

    assertThat(hub.delete("/crm/v3/pipelines/deals/" + renewals + "/stages/" + up).status()).isEqualTo(204);
    assertThat(ids(hub.get("/crm/v3/pipelines/deals/" + renewals).json().get("stages"))).doesNotContain(up);
    assertThat(hub.patch("/crm/v3/objects/deals/" + deal, Map.of("properties", Map.of("dealname", "A2", "dealstage", up)))
        .status()).isEqualTo(400); // an archived stage is no option any more
  }

  @Test
  void pipelinesAndStagesCanBeCreatedUpdatedAndArchived() {
    Http.Res noProbability = hub.post("/crm/v3/pipelines/deals", Map.of("label", "X", "displayOrder", 2, "stages", List.of(
        Map.of("label", "S", "displayOrder", 0, "metadata", Map.of()))));
    assertThat(noProbability.status()).isEqualTo(400); // deal stages need a probability
    JsonNode p = hub.post("/crm/pipelines/2026-03/deals", Map.of("label", "Partners", "displayOrder", 2, "stages", List.of(
        Map.of("label", "Intro", "displayOrder", 0, "metadata", Map.of("probability", "0.1"))))).json();
    String id = p.get("id").asString();
    JsonNode stage = hub.post("/crm/v3/pipelines/deals/" + id + "/stages", Map.of("label", "Signed", "displayOrder", 1,
        "metadata", Map.of("probability", "1.0", "isClosed", "true"))).json();
    assertThat(stage.at("/metadata/isClosed").asString()).isEqualTo("true");
    assertThat(hub.patch("/crm/v3/pipelines/deals/" + id + "/stages/" + stage.get("id").asString(),
        Map.of("label", "Contract signed", "metadata", Map.of("probability", "0.95"))).json().get("label").asString())
        .isEqualTo("Contract signed");
    assertThat(hub.patch("/crm/v3/pipelines/deals/" + id, Map.of("label", "Partner deals")).json().get("label").asString())
        .isEqualTo("Partner deals");
    assertThat(hub.get("/crm/v3/pipelines/deals").json().get("results").size()).isEqualTo(2);
    assertThat(hub.delete("/crm/v3/pipelines/deals/" + id).status()).isEqualTo(204);
    assertThat(hub.get("/crm/v3/pipelines/deals").json().get("results").size()).isEqualTo(1);
    assertThat(hub.post("/crm/v3/objects/deals", Map.of("properties", Map.of("pipeline", id))).status()).isEqualTo(400);
  }
}
