package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import dev.switchboard.sandbox.SandboxServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Deals with their lines, stages and products against the HubSpot emulator: what a deal made in HubSpot reads as, a
 * deal written with lines (created crash-safely, then changed line by line), stages of a pipeline the portal added,
 * and the writes refused before any call.
 */
class HubSpotDealsSandboxTest {

  static SandboxServer sandbox;
  static RestClient ctl;
  RestClient api;
  HubSpotConnector connector;
  ConnectionContext conn;

  @BeforeAll
  static void start() {
    sandbox = SandboxServer.start(0, Map.of());
    ctl = RestClient.create(sandbox.baseUrl());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void setUp() {
    ctl.post().uri("/_sandbox/reset").retrieve().toBodilessEntity();
    api = RestClient.builder().baseUrl(sandbox.baseUrl() + "/hubspot")
        .defaultHeader("Authorization", "Bearer pat-sandbox-hubspot").build();
    connector = new HubSpotConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(sandbox.baseUrl() + "/hubspot", 100, ""));
    conn = new ConnectionContext("conn-" + System.nanoTime(), "t1", "hubspot", "1001", Map.of(),
        Map.of("accessToken", "pat-sandbox-hubspot", "clientSecret", "s"));
    connector.check(conn);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> post(String uri, Object body) {
    return api.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(Map.class);
  }

  private String create(String path, Map<String, Object> properties, List<Map<String, Object>> associations) {
    return String.valueOf(post("/crm/v3/objects/" + path, Map.of("properties", properties, "associations",
        associations)).get("id"));
  }

  private static Map<String, Object> to(String id, int typeId) {
    return Map.of("to", Map.of("id", id), "types",
        List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", typeId)));
  }

  private List<String> lineItemsOf(String deal) {
    Map<String, Object> r = api.get().uri("/crm/v4/objects/deals/{id}/associations/line_items", deal).retrieve()
        .body(new ParameterizedTypeReference<>() {});
    return ((List<Map<String, Object>>) r.get("results")).stream().map(m -> String.valueOf(m.get("toObjectId")))
        .toList();
  }

  private SourceRecord fetch(String deal) {
    return connector.fetch(conn, "deal", deal).orElseThrow();
  }

  @Test
  void aDealMadeInHubSpotReadsWithItsStageAmountLinesAndEdges() {
    String contact = create("contacts", Map.of("email", "buyer@example.com"), List.of());
    String company = create("companies", Map.of("name", "Acme"), List.of());
    String deal = create("deals", Map.of("dealname", "Acme renewal", "amount", "1250.5", "dealstage", "qualifiedtobuy",
        "closedate", "2026-03-31T00:00:00Z", "description", "two seats"), List.of(to(contact, 3), to(company, 5)));
    String product = create("products", Map.of("name", "Anvil", "price", "1000", "hs_sku", "ANV"), List.of());
    create("line_items", Map.of("hs_product_id", product, "quantity", "1", "hs_position_on_quote", "1"),
        List.of(to(deal, 20)));
    create("line_items", Map.of("name", "Setup", "price", "250.5", "quantity", "1", "hs_position_on_quote", "0"),
        List.of(to(deal, 20)));

    for (SourceRecord r : List.of(fetch(deal), connector.fetchMany(conn, "deal", List.of(deal)).get(deal),
        connector.listModified(conn, "deal", null, null).records().getFirst())) {
      Map<String, Object> f = r.record().fields();
      assertThat(f).containsEntry("name", "Acme renewal").containsEntry("stage", "qualified_to_buy")
          .containsEntry("pipeline", "default").containsEntry("closeDate", "2026-03-31")
          .containsEntry("amount", Map.of("amount", "1250.5", "currency", "USD"));
      assertThat((List<Map<String, Object>>) f.get("lines")).extracting(l -> l.get("name"), l -> l.get("position"))
          .as("by hs_position_on_quote").containsExactly(org.assertj.core.groups.Tuple.tuple("Setup", 1L),
              org.assertj.core.groups.Tuple.tuple("Anvil", 2L));
      assertThat((List<Map<String, Object>>) f.get("lines")).element(1)
          .satisfies(l -> assertThat(l).containsEntry("unitPrice", Map.of("amount", "1000", "currency", "USD"))
              .containsEntry("amount", Map.of("amount", "1000", "currency", "USD")));
      assertThat(r.fieldModifiedAt()).containsKey("lines");
    }
    assertThat(fetch(deal).associations()).containsExactlyInAnyOrder(
        new SourceRecord.Association("contact", "contact", contact, false),
        new SourceRecord.Association("company", "company", company, true));
    assertThat(connector.fetchAssociations(conn, "deal", List.of(deal)).get(deal)).containsExactlyInAnyOrder(
        new SourceRecord.Association("contact", "contact", contact, false),
        new SourceRecord.Association("company", "company", company, true));
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

  private static CanonicalRecord deal(String stage, List<Map<String, Object>> lines) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", "Written deal");
    f.put("stage", stage);
    f.put("amount", Map.of("amount", "300", "currency", "USD"));
    f.put("closeDate", "2026-06-30");
    f.put("lines", lines);
    return new CanonicalRecord("deal", f);
  }

  private WriteResult write(String externalId, CanonicalRecord desired, String key) {
    return connector.write(conn, "deal", List.of(new WriteRequest(7, externalId, desired, key))).getFirst();
  }

  @Test
  void aDealIsWrittenWithExactlyItsLinesCrashSafelyAndLineByLine() {
    List<Map<String, Object>> lines = new ArrayList<>(List.of(line("ext_1", "Consulting", "2", "100", 1),
        line(null, "Travel", "1", "100", 2)));
    WriteResult first = write(null, deal("closed_won", lines), "deal-key-1");
    String id = ((WriteResult.Written) first).externalId();
    assertThat(write(null, deal("closed_won", lines), "deal-key-1"))
        .as("the create repeated after a crash finds the deal and its lines").isEqualTo(first);
    assertThat(lineItemsOf(id)).hasSize(2);
    SourceRecord read = fetch(id);
    assertThat(read.record().fields()).containsEntry("stage", "closed_won").containsEntry("closeDate", "2026-06-30");
    List<Map<String, Object>> readLines = (List<Map<String, Object>>) read.record().fields().get("lines");
    assertThat(readLines).extracting(l -> l.get("id")).as("the line from elsewhere keeps its id")
        .startsWith("ext_1").hasSize(2);
    assertThat(readLines).extracting(l -> l.get("name")).containsExactly("Consulting", "Travel");

    // the travel line (now read with HubSpot's id) goes, the consulting line changes, a new line comes first
    List<Map<String, Object>> next = List.of(line("ext_9", "Licence", "1", "500", 1),
        line("ext_1", "Consulting", "3", "100", 2));
    String travel = String.valueOf(readLines.get(1).get("id"));
    assertThat(write(id, deal("contract_sent", next), "deal-key-1")).isInstanceOf(WriteResult.Written.class);
    List<Map<String, Object>> after = (List<Map<String, Object>>) fetch(id).record().fields().get("lines");
    assertThat(after).extracting(l -> l.get("id"), l -> l.get("name"), l -> l.get("quantity")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("ext_9", "Licence", "1"),
        org.assertj.core.groups.Tuple.tuple("ext_1", "Consulting", "3"));
    assertThat(lineItemsOf(id)).hasSize(2).doesNotContain(travel);
    assertThat(fetch(id).record().fields()).containsEntry("stage", "contract_sent");

    assertThat(write(id, deal("contract_sent", List.of()), "deal-key-1")).isInstanceOf(WriteResult.Written.class);
    assertThat(lineItemsOf(id)).as("no golden lines: none at HubSpot").isEmpty();
    assertThat(fetch(id).record().fields()).containsEntry("lines", "");
  }

  /**
   * A deal whose new line HubSpot refuses is not written, and keeps the line items it had: archiving them would leave
   * a half-made set at HubSpot that its next read takes for a change made there.
   */
  @Test
  void aDealWhoseNewLineIsRefusedKeepsItsOldLineItems() {
    WriteResult first = write(null, deal("closed_won", List.of(line("ext_1", "Consulting", "2", "100", 1),
        line("ext_2", "Travel", "1", "100", 2))), "deal-key-2");
    String id = ((WriteResult.Written) first).externalId();
    List<String> before = lineItemsOf(id);
    assertThat(before).hasSize(2);

    // Travel goes, a line HubSpot refuses (its quantity is no number) comes
    WriteResult refused = write(id, deal("closed_won", List.of(line("ext_1", "Consulting", "2", "100", 1),
        line("ext_3", "Broken", "lots", "100", 2))), "deal-key-2");
    assertThat(refused).isInstanceOf(WriteResult.Rejected.class);
    assertThat(((WriteResult.Rejected) refused).errorCode()).isEqualTo("line_items_rejected");
    assertThat(lineItemsOf(id)).as("nothing archived while the deal is half-written").containsAll(before);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> lineItem(String id) {
    return (Map<String, Object>) api.get().uri("/crm/v3/objects/line_items/{id}?properties=name,discount,"
        + "hs_discount_percentage,hs_total_discount,amount,hs_lastmodifieddate", id).retrieve()
        .body(new ParameterizedTypeReference<Map<String, Object>>() {}).get("properties");
  }

  private long lineItemWrites() {
    List<Map<String, Object>> log = ctl.get().uri("/_sandbox/requests?vendor=hubspot&limit=2000").retrieve()
        .body(new ParameterizedTypeReference<>() {});
    return log.stream().filter(e -> !"GET".equals(e.get("method"))
        && String.valueOf(e.get("path")).matches(".*/crm/v3/objects/line_items(/batch/(update|upsert|create))?"))
        .count();
  }

  private CanonicalRecord asRead(String deal, String stage) {
    Map<String, Object> f = new LinkedHashMap<>(fetch(deal).record().fields());
    f.put("stage", stage);
    return new CanonicalRecord("deal", f);
  }

  /**
   * A percentage discount HubSpot rounded to a total the quantity does not divide (10% of 3 × 33.33 = 10.00) is read
   * as that total; the deal written back with the line as read leaves the line item alone (no rewrite on every deal
   * write) and its other changes go through — nobody edited the line, so nothing is refused.
   */
  @Test
  void aPercentageDiscountLineAsReadIsLeftAloneAndItsDealsOtherChangesGoThrough() {
    String deal = create("deals", Map.of("dealname", "Percent deal", "dealstage", "qualifiedtobuy"), List.of());
    String item = create("line_items", Map.of("name", "Seat", "price", "33.33", "quantity", "3",
        "hs_discount_percentage", "10"), List.of(to(deal, 20)));
    assertThat(lineItem(item)).containsEntry("hs_total_discount", "10");
    long writesBefore = lineItemWrites();

    assertThat(write(deal, asRead(deal, "closed_won"), "deal-key-p")).isInstanceOf(WriteResult.Written.class);
    assertThat(fetch(deal).record().fields()).containsEntry("stage", "closed_won");
    assertThat(lineItemWrites()).as("the unchanged line item is not rewritten").isEqualTo(writesBefore);
    assertThat(lineItem(item)).containsEntry("hs_discount_percentage", "10").containsEntry("hs_total_discount", "10");
  }

  /**
   * A percentage line whose discount is changed or removed elsewhere gets it: the unit discount is written and the
   * percentage cleared, else HubSpot would keep calculating its total from the percentage.
   */
  @Test
  void aPercentageDiscountChangedOrRemovedElsewhereSticks() {
    String deal = create("deals", Map.of("dealname", "Percent deal", "dealstage", "qualifiedtobuy"), List.of());
    String item = create("line_items", Map.of("name", "Seat", "price", "100", "quantity", "2",
        "hs_discount_percentage", "10"), List.of(to(deal, 20)));
    CanonicalRecord read = asRead(deal, "closed_won");
    List<Map<String, Object>> lines = new ArrayList<>();
    ((List<Map<String, Object>>) read.fields().get("lines")).forEach(l -> lines.add(new LinkedHashMap<>(l)));
    assertThat(lines.getFirst()).containsEntry("discount", Map.of("amount", "20", "currency", "USD"));

    lines.getFirst().put("discount", Map.of("amount", "30", "currency", "USD"));
    Map<String, Object> f = new LinkedHashMap<>(read.fields());
    f.put("lines", lines);
    assertThat(write(deal, new CanonicalRecord("deal", f), "deal-key-q")).isInstanceOf(WriteResult.Written.class);
    assertThat(lineItem(item)).containsEntry("discount", "15").containsEntry("hs_total_discount", "30")
        .containsEntry("amount", "170").satisfies(p -> assertThat(String.valueOf(p.get("hs_discount_percentage")))
            .isIn("", "null"));

    String pct = create("line_items", Map.of("name", "Desk", "price", "50", "quantity", "1",
        "hs_discount_percentage", "20"), List.of(to(deal, 20)));
    List<Map<String, Object>> now = new ArrayList<>();
    ((List<Map<String, Object>>) fetch(deal).record().fields().get("lines"))
        .forEach(l -> now.add(new LinkedHashMap<>(l)));
    now.forEach(l -> l.remove("discount")); // the discounts removed elsewhere
    f.put("lines", now);
    assertThat(write(deal, new CanonicalRecord("deal", f), "deal-key-q")).isInstanceOf(WriteResult.Written.class);
    assertThat(lineItem(pct)).containsEntry("amount", "50").satisfies(p -> {
      assertThat(String.valueOf(p.get("hs_discount_percentage"))).isIn("", "null");
      assertThat(String.valueOf(p.get("hs_total_discount"))).isIn("", "null");
    });
    assertThat(lineItem(item)).containsEntry("amount", "200");
    assertThat((List<Map<String, Object>>) fetch(deal).record().fields().get("lines"))
        .allSatisfy(l -> assertThat(l).doesNotContainKey("discount"));
  }

  /**
   * A line edited elsewhere to a discount the quantity does not divide cannot be held per unit: that line alone is
   * refused — kept as HubSpot has it, and reported — while the deal's own change and its other lines are written.
   */
  @Test
  void aLineWhoseNewDiscountIsNoUnitDiscountIsRefusedAloneNotTheDeal() {
    String deal = create("deals", Map.of("dealname", "Split deal", "dealstage", "qualifiedtobuy"), List.of());
    String odd = create("line_items", Map.of("name", "Seat", "price", "100", "quantity", "3", "discount", "1"),
        List.of(to(deal, 20)));
    String other = create("line_items", Map.of("name", "Desk", "price", "50", "quantity", "1"),
        List.of(to(deal, 20)));
    CanonicalRecord read = asRead(deal, "closed_won");
    List<Map<String, Object>> lines = new ArrayList<>();
    ((List<Map<String, Object>>) read.fields().get("lines")).forEach(l -> lines.add(new LinkedHashMap<>(l)));
    lines.get(0).put("discount", Map.of("amount", "10", "currency", "USD")); // 10 over 3
    lines.get(1).put("name", "Standing desk");
    Map<String, Object> f = new LinkedHashMap<>(read.fields());
    f.put("lines", lines);

    WriteResult r = write(deal, new CanonicalRecord("deal", f), "deal-key-r");
    assertThat(r).isInstanceOfSatisfying(WriteResult.Rejected.class, x -> {
      assertThat(x.errorCode()).isEqualTo("discount_not_per_unit");
      assertThat(x.field()).isEqualTo("lines");
    });
    assertThat(fetch(deal).record().fields()).as("the deal's own change is written").containsEntry("stage",
        "closed_won");
    assertThat(lineItem(other)).as("the other line is written").containsEntry("name", "Standing desk");
    assertThat(lineItem(odd)).as("the refused line is kept as HubSpot has it").containsEntry("discount", "1")
        .containsEntry("hs_total_discount", "3");
    assertThat(lineItemsOf(deal)).containsExactlyInAnyOrder(odd, other);
  }

  /**
   * A write made from what the spine last read archives only the line items it knew of: one added in HubSpot while
   * the write was on its way stays (its deal's next read brings it in), one the spine knew and the golden lines no
   * longer hold goes.
   */
  @Test
  void aLineItemAddedInHubSpotWhileTheWriteIsOnItsWayIsNotArchivedByIt() {
    String deal = create("deals", Map.of("dealname", "Written deal", "dealstage", "closedwon"), List.of());
    String known = create("line_items", Map.of("name", "Old", "price", "10", "quantity", "1"), List.of(to(deal, 20)));
    SourceRecord read = fetch(deal); // what the link's snapshot holds
    assertThat((List<?>) read.record().fields().get("lines")).hasSize(1);
    String added = create("line_items", Map.of("name", "Added meanwhile", "price", "5", "quantity", "1"),
        List.of(to(deal, 20)));

    WriteResult w = connector.write(conn, "deal", List.of(new WriteRequest(7, deal,
        deal("closed_won", List.of(line("ext_1", "New", "1", "100", 1))), "deal-key-3", Map.of(),
        read.record().fields()))).getFirst();
    assertThat(w).isInstanceOf(WriteResult.Written.class);
    assertThat(lineItemsOf(deal)).as("the known line item the golden lines dropped goes, the unknown one stays")
        .contains(added).doesNotContain(known).hasSize(2);
    assertThat((List<Map<String, Object>>) fetch(deal).record().fields().get("lines")).extracting(l -> l.get("name"))
        .containsExactlyInAnyOrder("New", "Added meanwhile");
  }

  /**
   * A deal created whose line HubSpot refuses is reported refused, yet it exists: every read of it carries the create
   * key it was made with, so the spine knows it for the record it was made for.
   */
  @Test
  void aDealCreatedWhoseLinesAreRefusedIsReadBackWithItsCreateKey() {
    WriteResult refused = write(null, deal("closed_won", List.of(line("ext_1", "Broken", "lots", "100", 1))),
        "deal-key-5");
    assertThat(refused).isInstanceOfSatisfying(WriteResult.Rejected.class,
        r -> assertThat(r.errorCode()).isEqualTo("line_items_rejected"));
    String made = connector.listModified(conn, "deal", null, null).records().stream()
        .filter(r -> "deal-key-5".equals(r.createKey())).map(SourceRecord::externalId).findFirst().orElseThrow();
    assertThat(fetch(made).createKey()).isEqualTo("deal-key-5");
    assertThat(connector.fetchMany(conn, "deal", List.of(made)).get(made).createKey()).isEqualTo("deal-key-5");
    String other = create("deals", Map.of("dealname", "Made in HubSpot"), List.of());
    assertThat(fetch(other).createKey()).as("made in HubSpot: no key").isNull();
  }

  @Test
  void aPipelineThePortalAddedMapsItsStagesByTheRuleAndNeverGuesses() {
    Map<String, Object> pipeline = post("/crm/v3/pipelines/deals", Map.of("label", "Renewals", "displayOrder", 1,
        "stages", List.of(
            Map.of("label", "Qualified to buy", "displayOrder", 0, "metadata", Map.of("probability", "0.3")),
            Map.of("label", "Renewed", "displayOrder", 1, "metadata", Map.of("isClosed", "true", "probability", "1.0")),
            Map.of("label", "Paused", "displayOrder", 2, "metadata", Map.of("isClosed", "true", "probability", "0.5")))));
    String pid = String.valueOf(pipeline.get("id"));
    List<Map<String, Object>> stages = (List<Map<String, Object>>) pipeline.get("stages");
    String renewed = String.valueOf(stages.get(1).get("id"));
    String paused = String.valueOf(stages.get(2).get("id"));

    String deal = create("deals", Map.of("dealname", "Paused renewal", "pipeline", pid, "dealstage", paused),
        List.of());
    assertThat(fetch(deal).record().fields()).as("a closed stage at 0.5 is no canonical stage: left out")
        .containsEntry("pipeline", pid).doesNotContainKey("stage");

    Map<String, Object> f = new LinkedHashMap<>(deal("closed_won", List.of()).fields());
    f.put("pipeline", pid);
    String written = ((WriteResult.Written) write(null, new CanonicalRecord("deal", f), "deal-key-2")).externalId();
    Map<String, Object> props = (Map<String, Object>) api.get()
        .uri("/crm/v3/objects/deals/{id}?properties=dealstage,pipeline", written).retrieve()
        .body(new ParameterizedTypeReference<Map<String, Object>>() {}).get("properties");
    assertThat(props).containsEntry("dealstage", renewed).containsEntry("pipeline", pid);

    f.put("stage", "contract_sent");
    assertThat(write(written, new CanonicalRecord("deal", f), "deal-key-2")).isInstanceOfSatisfying(
        WriteResult.Rejected.class, r -> assertThat(r.errorCode()).isEqualTo("stage_unmapped"));
    f.put("pipeline", "no-such-pipeline");
    assertThat(write(written, new CanonicalRecord("deal", f), "deal-key-2")).isInstanceOfSatisfying(
        WriteResult.Rejected.class, r -> assertThat(r.field()).isEqualTo("pipeline"));
    f.put("pipeline", "default");
    f.put("amount", Map.of("amount", "10", "currency", "EUR"));
    assertThat(write(written, new CanonicalRecord("deal", f), "deal-key-2")).isInstanceOfSatisfying(
        WriteResult.Rejected.class, r -> assertThat(r.errorCode()).isEqualTo("currency_mismatch"));
  }

  /** A clock tests move by hand. */
  static final class ManualClock extends Clock {
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  private long pipelineReads() {
    List<Map<String, Object>> log = ctl.get().uri("/_sandbox/requests?vendor=hubspot&limit=2000").retrieve()
        .body(new ParameterizedTypeReference<>() {});
    return log.stream().filter(e -> "GET".equals(e.get("method"))
        && String.valueOf(e.get("path")).matches(".*/crm/(v3/pipelines|pipelines/2026-03)/deals")).count();
  }

  /** A stage the cached pipelines lack is looked up again, but at most once a minute: no call per deal read. */
  @Test
  void aStageAddedInHubSpotIsSeenWithinAMinuteWithoutACallPerDeal() {
    ManualClock clock = new ManualClock();
    connector = new HubSpotConnector(new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
        new HubSpotProperties(sandbox.baseUrl() + "/hubspot", 100, ""),
        dev.switchboard.app.connectors.AllowedVendorHosts.none(), clock);
    fetch(create("deals", Map.of("dealname", "First", "dealstage", "qualifiedtobuy"), List.of()));
    long before = pipelineReads();
    Map<String, Object> pipeline = post("/crm/v3/pipelines/deals", Map.of("label", "Later", "displayOrder", 2,
        "stages", List.of(Map.of("label", "Won later", "displayOrder", 0,
            "metadata", Map.of("isClosed", "true", "probability", "1.0")))));
    String pid = String.valueOf(pipeline.get("id"));
    String stage = String.valueOf(((List<Map<String, Object>>) pipeline.get("stages")).getFirst().get("id"));
    String deal = create("deals", Map.of("dealname", "Later", "pipeline", pid, "dealstage", stage), List.of());
    for (int i = 0; i < 3; i++) {
      assertThat(fetch(deal).record().fields()).as("the copy is fresh: no read, the stage is left out")
          .doesNotContainKey("stage");
    }
    assertThat(pipelineReads()).isEqualTo(before);
    clock.now = clock.now.plusSeconds(61);
    assertThat(fetch(deal).record().fields()).containsEntry("stage", "closed_won");
    assertThat(pipelineReads()).isEqualTo(before + 1);
  }

  @Test
  void aLineItemIsAPartOfItsDealAndItsEventsAreTheDeals() {
    String deal = create("deals", Map.of("dealname", "Owner"), List.of());
    String item = create("line_items", Map.of("name", "Part", "price", "1", "quantity", "1"), List.of(to(deal, 20)));
    String loose = create("line_items", Map.of("name", "Loose", "price", "1"), List.of());
    assertThat(connector.partTypes()).containsExactly("line_item");
    assertThat(connector.ownersOf(conn, "line_item", List.of(item, loose), java.util.Set.of())).containsExactly(
        Map.entry(item, List.of(new dev.switchboard.app.connectors.Connector.PartOf("deal", deal))));
    String body = "[{\"eventId\":9,\"subscriptionType\":\"line_item.propertyChange\",\"objectId\":" + item
        + ",\"portalId\":1001,\"occurredAt\":1719820800000,\"propertyName\":\"quantity\",\"propertyValue\":\"2\"},"
        + "{\"eventId\":10,\"subscriptionType\":\"line_item.deletion\",\"objectId\":" + item
        + ",\"portalId\":1001,\"occurredAt\":1719820800000}]";
    assertThat(connector.parseWebhook(new dev.switchboard.app.connectors.WebhookRequest("POST", "u", Map.of(),
        Map.of(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .as("a property change and a deletion are the line item's (then its deal's)")
        .extracting(e -> e.objectType(), e -> e.kind()).containsExactly(
            org.assertj.core.groups.Tuple.tuple("line_item", dev.switchboard.app.connectors.InboundEvent.Kind.CHANGED),
            org.assertj.core.groups.Tuple.tuple("line_item", dev.switchboard.app.connectors.InboundEvent.Kind.DELETED));
  }

  /**
   * A deleted line item has no associations left: one Switchboard made is placed by its key (read from the recycle
   * bin), one made in HubSpot is left to the spine (which knows the lines it last read).
   */
  @Test
  void aDeletedLineItemIsPlacedOnItsDealByItsKeyFromTheRecycleBin() {
    WriteResult w = write(null, deal("closed_won", List.of(line("ext_1", "Consulting", "2", "100", 1))), "deal-key-4");
    String deal = ((WriteResult.Written) w).externalId();
    String ours = lineItemsOf(deal).getFirst();
    String theirs = create("line_items", Map.of("name", "Theirs", "price", "1", "quantity", "1"),
        List.of(to(deal, 20)));
    api.delete().uri("/crm/v3/objects/line_items/{id}", ours).retrieve().toBodilessEntity();
    api.delete().uri("/crm/v3/objects/line_items/{id}", theirs).retrieve().toBodilessEntity();
    assertThat(connector.ownersOf(conn, "line_item", List.of(ours, theirs), java.util.Set.of(ours, theirs)))
        .containsExactly(Map.entry(ours, List.of(new dev.switchboard.app.connectors.Connector.PartOf("deal", deal))));
    assertThat(connector.ownersOf(conn, "line_item", List.of(ours, theirs), java.util.Set.of()))
        .as("not known deleted: no recycle-bin read places it").isEmpty();
    assertThat(connector.ownerTypes("line_item")).containsExactly("deal");
  }

  @Test
  void aProductIsWrittenAndReadWithItsPriceAndBillingFrequency() {
    Map<String, Object> f = Map.of("name", "Anvil Pro", "sku", "ANV-PRO", "description", "the good one",
        "price", Map.of("amount", "999.5", "currency", "USD"), "billingInterval", "month", "billingIntervalCount", 3);
    WriteResult w = connector.write(conn, "product", List.of(new WriteRequest(1, null,
        new CanonicalRecord("product", f), "product-key-1"))).getFirst();
    String id = ((WriteResult.Written) w).externalId();
    assertThat(connector.fetch(conn, "product", id).orElseThrow().record().fields()).containsEntry("name", "Anvil Pro")
        .containsEntry("sku", "ANV-PRO").containsEntry("price", Map.of("amount", "999.5", "currency", "USD"))
        .containsEntry("billingInterval", "month").containsEntry("billingIntervalCount", 3L);
  }
}
