package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.support.FakeVendor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Deals, their pipelines and line items, and products, from objects as HubSpot's CRM API returns them: the stage rule
 * per pipeline ({@link HubSpotPipelines}), the composition of a deal's lines from its line items and the plan that
 * makes HubSpot's line items the golden lines ({@link HubSpotDealLines}), the product's billing frequency.
 */
class HubSpotDealMappingTest {

  private static JsonNode fixture(String path) {
    return HubSpotClient.JSON.readTree(FakeVendor.fixture(path));
  }

  private static Map<String, HubSpotPipelines.Pipeline> pipelines() {
    return HubSpotPipelines.parse(fixture("hubspot/pipelines/deals.json"));
  }

  private static String canonical(String pipeline, String stage) {
    HubSpotPipelines.Pipeline p = pipelines().get(pipeline);
    return HubSpotPipelines.canonical(p, p.stage(stage).orElseThrow());
  }

  @Test
  void theDefaultPipelinesInternalIdsAreTheCanonicalStages() {
    assertThat(canonical("default", "appointmentscheduled")).isEqualTo("appointment_scheduled");
    assertThat(canonical("default", "decisionmakerboughtin")).isEqualTo("decision_maker_bought_in");
    assertThat(canonical("default", "closedwon")).isEqualTo("closed_won");
    assertThat(canonical("default", "closedlost")).isEqualTo("closed_lost");
    assertThat(canonical("default", "1234567")).as("a stage the portal added to the default pipeline, open, "
        + "named like none").isNull();
    HubSpotPipelines.Pipeline p = pipelines().get("default");
    assertThat(HubSpotPipelines.stageOf(p, "contract_sent")).contains("contractsent");
  }

  @Test
  void anotherPipelinesStagesMapByClosedProbabilityAndByLabelAndTheRestByNothing() {
    HubSpotPipelines.Pipeline p = pipelines().get("75123");
    assertThat(p.stages()).extracting(HubSpotPipelines.Stage::id).as("live stages in display order")
        .containsExactly("75125", "75128", "75124", "75126", "75127");
    assertThat(canonical("75123", "75124")).isEqualTo("closed_won");
    assertThat(canonical("75123", "75126")).isEqualTo("closed_lost");
    assertThat(canonical("75123", "75125")).as("by label, whatever its case").isEqualTo("qualified_to_buy");
    assertThat(canonical("75123", "75127")).as("closed at 0.5: neither won nor lost").isNull();
    assertThat(canonical("75123", "75128")).as("an open stage of another name").isNull();
    assertThat(HubSpotPipelines.stageOf(p, "closed_won")).contains("75124");
    assertThat(HubSpotPipelines.stageOf(p, "contract_sent")).isEmpty();
  }

  @Test
  void aDealsLinesAreItsLineItemsInPositionThenCreationOrderWithTheirCanonicalIds() {
    List<JsonNode> items = new ArrayList<>();
    fixture("hubspot/line_items/batch_read.json").path("results").forEach(items::add);
    items.sort(HubSpotDealLines.ORDER);
    List<Map<String, Object>> lines = HubSpotDealLines.compose("9001", items, "USD");
    assertThat(lines).containsExactly(
        Map.of("id", "li_1", "name", "Anvil Pro (annual)", "quantity", "2",
            "unitPrice", Map.of("amount", "999.50", "currency", "USD"),
            "amount", Map.of("amount", "1999.00", "currency", "USD"), "position", 1L),
        Map.of("id", "7002", "name", "Support", "quantity", "1", "unitPrice", Map.of("amount", "0", "currency", "USD"),
            "amount", Map.of("amount", "0", "currency", "USD"), "position", 2L),
        Map.of("id", "7003", "name", "Onboarding", "quantity", "1.5",
            "unitPrice", Map.of("amount", "266.00", "currency", "USD"),
            "amount", Map.of("amount", "399.00", "currency", "USD"), "position", 3L));
  }

  @Test
  void theLinePlanUpdatesWhatDiffersCreatesByKeyAndArchivesTheRest() {
    List<JsonNode> items = new ArrayList<>();
    fixture("hubspot/line_items/batch_read.json").path("results").forEach(items::add);
    List<Map<String, Object>> golden = new ArrayList<>();
    golden.add(line("li_1", "Anvil Pro (annual)", "2", "999.5", 1)); // same values (999.5 = 999.50): no call
    golden.add(line("7003", "Onboarding", "2", "266.00", 2)); // HubSpot's own id, quantity changed
    golden.add(line("stripe_li_9", "Setup fee", "1", "50", 3)); // a line from elsewhere: created by its key
    golden.add(line(null, "Discount", "1", "-10", 4)); // a line without an id: keyed by its position

    List<Map<String, Object>> held = HubSpotDealLines.compose("9001", items, "USD"); // all three were read before
    HubSpotDealLines.Plan plan = HubSpotDealLines.diff("9001", golden, items, held);
    assertThat(plan.updates()).as("li_1 differs in nothing (999.5 is 999.50, position 1 is HubSpot's 0)")
        .containsOnlyKeys("7003");
    assertThat(plan.creates()).containsOnlyKeys("d9001#stripe_li_9", "d9001@4");
    assertThat(plan.archive()).as("the Support line item no golden line names").containsExactly("7002");

    HubSpotDealLines.Plan same = HubSpotDealLines.diff("9001", List.of(golden.get(0)), items.stream()
        .filter(i -> i.path("id").asString().equals("7001")).toList(), held);
    assertThat(same.isEmpty()).as("nothing differs: no call").isTrue();
  }

  /**
   * A line item no golden line names is archived only when the spine knew of it (its line was in what HubSpot held,
   * or Switchboard made it): one added in HubSpot while the write was on its way is read next, never archived.
   */
  @Test
  void theLinePlanArchivesOnlyTheLineItemsItKnewOf() {
    List<JsonNode> items = new ArrayList<>();
    fixture("hubspot/line_items/batch_read.json").path("results").forEach(items::add);
    List<Map<String, Object>> golden = List.of(line("li_1", "Anvil Pro (annual)", "2", "999.5", 1));
    List<Map<String, Object>> all = HubSpotDealLines.compose("9001", items, "USD");
    assertThat(HubSpotDealLines.diff("9001", golden, items, null).archive())
        .as("nothing held known: only the line item Switchboard made for this deal (it carries its key) goes")
        .containsExactly("7002");
    assertThat(HubSpotDealLines.diff("9001", golden, items, all.stream()
        .filter(l -> !l.get("id").equals("7003")).toList()).archive())
        .as("7003 was made in HubSpot after what the spine knew: it stays, to be read").containsExactly("7002");
    assertThat(HubSpotDealLines.diff("9001", golden, items, all).archive()).containsExactlyInAnyOrder("7002", "7003");
  }

  /**
   * A line's whole discount is HubSpot's unit discount × quantity, and its product HubSpot's product id (the spine
   * gives and takes the record behind it): written and read back alike; a discount the quantity does not divide is no
   * unit discount, and is refused rather than rounded.
   */
  @Test
  void aLinesDiscountIsPerUnitAtHubSpotAndItsProductIsTheProductsId() {
    Map<String, Object> line = new LinkedHashMap<>(line("li_1", "Anvil", "4", "25", 1));
    line.put("discount", Map.of("amount", "10", "currency", "USD"));
    line.put("product", Map.of("type", "product", "id", "rec-1", "externalId", "300001"));
    var props = HubSpotLineItemType.INSTANCE.toProperties(new CanonicalRecord("line_item", line), Map.of());
    assertThat(props.path("discount").asString()).isEqualTo("2.5");
    assertThat(props.path("hs_product_id").asString()).isEqualTo("300001");

    JsonNode item = HubSpotClient.JSON.readTree("{\"id\":\"7\",\"properties\":{\"name\":\"Anvil\","
        + "\"quantity\":\"4\",\"price\":\"25\",\"discount\":\"2.5\",\"hs_total_discount\":\"10\","
        + "\"amount\":\"90\",\"hs_product_id\":\"300001\"}}");
    assertThat(HubSpotLineItemType.INSTANCE.toCanonical(item, Map.of()).fields())
        .as("money is left out where the deal's currency is not known")
        .doesNotContainKeys("discount", "unitPrice", "amount")
        .containsEntry("product", Map.of("type", "product", "externalId", "300001"));
    assertThat(HubSpotDealLines.compose("9001", List.of(item), "USD").getFirst())
        .containsEntry("discount", Map.of("amount", "10", "currency", "USD"))
        .containsEntry("product", Map.of("type", "product", "externalId", "300001"));

    line.put("quantity", "3");
    assertThat(HubSpotLineItemType.unitDiscount(line)).as("10 over 3 has no exact unit discount").isEmpty();
  }

  @Test
  void aDealReadBackAsWrittenNeedsNoLineWrite() {
    List<JsonNode> items = new ArrayList<>();
    fixture("hubspot/line_items/batch_read.json").path("results").forEach(items::add);
    items.sort(HubSpotDealLines.ORDER);
    List<Map<String, Object>> lines = HubSpotDealLines.compose("9001", items, "USD");
    HubSpotDealLines.Plan plan = HubSpotDealLines.diff("9001", lines, items, lines);
    assertThat(plan.creates()).isEmpty();
    assertThat(plan.archive()).isEmpty();
    assertThat(plan.updates()).as("only positions HubSpot did not have yet").containsOnlyKeys("7002", "7003");
  }

  @Test
  void aDealsAssociationsAreItsContactsAndItsCompaniesThePrimaryMarked() {
    HubSpotDealType type = new HubSpotDealType(null, null, java.time.Clock.systemUTC());
    assertThat(HubSpotAssociations.fromV3(type, fixture("hubspot/deals/full.json"))).containsExactlyInAnyOrder(
        new SourceRecord.Association("contact", "contact", "301", false),
        new SourceRecord.Association("company", "company", "512", true),
        new SourceRecord.Association("company", "company", "513", false));
    String closedate = HubSpotMapper.text(fixture("hubspot/deals/full.json").path("properties").path("closedate"));
    assertThat(HubSpotDealType.MAPPING.file().rule("closeDate").orElseThrow().transform()
        .read(java.util.Collections.singletonList(closedate))).as("HubSpot's datetime as its UTC date")
        .containsExactly("2025-03-31");
  }

  @Test
  void aProductsBillingFrequencyIsAnIntervalAndACount() {
    HubSpotProductType type = new HubSpotProductType(null);
    CanonicalRecord r = type.toCanonical(fixture("hubspot/products/full.json"), Map.of());
    assertThat(r.fields()).containsEntry("name", "Anvil Pro (annual)").containsEntry("sku", "ANV-PRO-1Y")
        .containsEntry("billingInterval", "year").containsEntry("billingIntervalCount", 1L);
    assertThat(HubSpotProductType.frequencyOf(new CanonicalRecord("product",
        Map.of("billingInterval", "month", "billingIntervalCount", "3")))).isEqualTo("quarterly");
    assertThat(HubSpotProductType.frequencyOf(new CanonicalRecord("product",
        Map.of("billingInterval", "one_time")))).isEmpty();
    assertThat(HubSpotProductType.frequencyOf(new CanonicalRecord("product",
        Map.of("billingInterval", "day", "billingIntervalCount", 1)))).as("HubSpot bills no day").isNull();
  }

  private static Map<String, Object> line(String id, String name, String quantity, String price, long position) {
    Map<String, Object> l = new LinkedHashMap<>();
    if (id != null) {
      l.put("id", id);
    }
    l.put("name", name);
    l.put("quantity", quantity);
    l.put("unitPrice", Map.of("amount", price, "currency", "USD"));
    l.put("position", position);
    return l;
  }
}
