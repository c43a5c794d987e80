package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import dev.switchboard.app.mapping.FieldRule;
import dev.switchboard.app.mapping.MappingValueException;
import dev.switchboard.app.mapping.PipelineStageTransform;
import dev.switchboard.app.mapping.PortalMoneyTransform;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HubSpot deals ({@code /crm/v3/objects/deals}) ⇄ the canonical deal, as {@code mappings/hubspot/deal.yaml} maps them
 * ({@link HubSpotFileMapping}). See docs/integrations/hubspot_mapping.md.
 *
 * <p>The file maps name, description, the amount (money in the deal's own currency where the portal has several, else
 * the portal's), the close date (HubSpot's datetime at midnight UTC), the stage and pipeline (the stage by the stages
 * of the deal's pipeline) and the lines (the deal's line items, {@link HubSpotDealLines}). What is the portal's own is
 * supplied here: its pipelines' stages and its currency ({@link HubSpotPipelines}), bound into the file's
 * {@code pipelineStage} and {@code money: {currency: portal}} rules by the view {@link #at} binds to a connection; the
 * unbound type only declares. Its contacts (plain) and companies (the primary one marked) are edges.
 *
 * <p>A write is refused before any call when its stage has no stage in the deal's pipeline
 * ({@code stage_unmapped}), its pipeline is not one of the portal's ({@code pipeline_unknown}) or its amount is in
 * another currency than the portal's ({@code currency_mismatch}; the deal currency property is not written).
 */
final class HubSpotDealType implements HubSpotObjectType {
  static final String PATH = "deals";
  static final String CANONICAL = "deal";
  static final String VENDOR_TYPE = "deal";
  static final HubSpotFileMapping MAPPING = HubSpotFileMapping.of(VENDOR_TYPE);
  /** canonical [stage, pipeline] ⇄ the stage and pipeline properties, by the pipeline's stages. */
  private static final FieldRule STAGE = MAPPING.ruleBy(PipelineStageTransform.class);
  /** canonical amount ⇄ the amount property and the deal's own currency, in the portal's currency. */
  private static final FieldRule AMOUNT = MAPPING.ruleBy(PortalMoneyTransform.class);
  private static final String STAGE_FIELD = STAGE.canonical().get(0);
  private static final String PIPELINE_FIELD = STAGE.canonical().get(1);
  private static final String AMOUNT_FIELD = AMOUNT.canonicalField();

  private final HubSpotPipelines pipelines;
  private final HubSpotDealLines lines;
  private final Clock clock;
  private final @Nullable ConnectionContext connection;

  HubSpotDealType(HubSpotPipelines pipelines, HubSpotDealLines lines, Clock clock) {
    this(pipelines, lines, clock, null);
  }

  private HubSpotDealType(HubSpotPipelines pipelines, HubSpotDealLines lines, Clock clock,
      @Nullable ConnectionContext connection) {
    this.pipelines = pipelines;
    this.lines = lines;
    this.clock = clock;
    this.connection = connection;
  }

  @Override
  public HubSpotObjectType at(ConnectionContext connection) {
    return new HubSpotDealType(pipelines, lines, clock, connection);
  }

  @Override
  public String canonicalType() {
    return CANONICAL;
  }

  @Override
  public String vendorType() {
    return VENDOR_TYPE;
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public String lastModifiedProperty() {
    return MAPPING.lastModifiedProperty();
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    return MAPPING.readProperties(Map.of());
  }

  /**
   * Each field from the properties its rule reads, but the pipeline from its own property alone (the stage is as new
   * as either: a stage id means nothing without its pipeline); the lines are dated by their read ({@link #complete}).
   */
  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    Map<String, List<String>> out = MAPPING.fieldSources(Map.of());
    out.put(PIPELINE_FIELD, List.of(STAGE.vendor().get(1)));
    out.remove(HubSpotDealLines.LINES);
    return out;
  }

  /** A deal's contacts and its companies. */
  @Override
  public List<String> associatedTypes() {
    return List.of("contacts", "companies");
  }

  /** A stage is written with its pipeline: a stage id means nothing without it, and a lone one moves the deal. */
  @Override
  public List<java.util.Set<String>> fieldGroups() {
    return List.of(java.util.Set.copyOf(STAGE.canonical()));
  }

  /** A deal's line items are its {@code lines}: one added to or removed from it is a change of the deal. */
  @Override
  public List<String> childTypes() {
    return List.of(HubSpotLineItemType.PATH);
  }

  private ConnectionContext bound() {
    if (connection == null) {
      throw new IllegalStateException("hubspot deals map per connection: use at(connection)");
    }
    return connection;
  }

  @Override
  public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
    ConnectionContext c = bound();
    JsonNode p = object.path("properties");
    // the portal's currency is looked up only for a deal that carries an amount
    String currency = p.has(AMOUNT.vendor().get(0)) ? pipelines.of(c).currency() : null;
    return new CanonicalRecord(CANONICAL, mapping(c, currency).toFields(p, Map.of()));
  }

  /** The amount is written without its currency: {@link #refusal} has checked it is the portal's. */
  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    try {
      return mapping(bound(), null).toProperties(desired, Map.of());
    } catch (MappingValueException e) {
      throw new IllegalStateException(CANONICAL + " " + e.code() + " was checked by refusal()", e);
    }
  }

  /** The file's mapping with the connection's stages (looked up when a stage is mapped) and its currency. */
  private HubSpotFileMapping mapping(ConnectionContext c, @Nullable String currency) {
    return MAPPING.bind(t -> switch (t) {
      case PipelineStageTransform stages -> stages.bind(new PipelineStageTransform.Stages() {
        @Override
        public @Nullable String canonical(String pipeline, String stage) {
          return pipelines.canonicalStage(c, pipeline, stage);
        }

        @Override
        public Optional<String> stage(String pipeline, String canonical) {
          return pipelines.stageId(c, pipeline, canonical);
        }
      });
      case PortalMoneyTransform money -> money.bind(currency);
      default -> t;
    });
  }

  /** Pipeline, stage and currency checked against the portal before any call. */
  @Override
  public WriteResult.@Nullable Rejected refusal(WriteRequest w) {
    CanonicalRecord d = w.desired();
    ConnectionContext c = bound();
    String pipeline = pipelineOf(d);
    if ((d.has(PIPELINE_FIELD) || d.has(STAGE_FIELD)) && pipelines.pipeline(c, pipeline, null).isEmpty()) {
      return new WriteResult.Rejected(w.ref(), "pipeline_unknown", PIPELINE_FIELD,
          "hubspot has no deal pipeline " + pipeline + " in this portal");
    }
    String stage = d.has(STAGE_FIELD) ? plain(d.fields().get(STAGE_FIELD)) : "";
    if (!stage.isEmpty() && pipelines.stageId(c, pipeline, stage).isEmpty()) {
      return new WriteResult.Rejected(w.ref(), "stage_unmapped", STAGE_FIELD,
          "hubspot pipeline " + pipeline + " has no stage for " + stage);
    }
    if (d.fields().get(AMOUNT_FIELD) instanceof Map<?, ?> m && m.get("currency") != null) {
      String portal = pipelines.of(c).currency();
      if (portal != null && !portal.equalsIgnoreCase(String.valueOf(m.get("currency")))) {
        return new WriteResult.Rejected(w.ref(), "currency_mismatch", AMOUNT_FIELD,
            "the hubspot portal keeps deal amounts in " + portal + ", not " + m.get("currency"));
      }
    }
    return null;
  }

  /**
   * Each deal's {@code lines} from its line items; dated by the time of this read, since removing a line item from a
   * deal does not change the deal's own modification time. A deal whose line items could not be told keeps the
   * record without {@code lines} (nothing is concluded about them).
   */
  @Override
  public List<SourceRecord> complete(ConnectionContext connection, List<SourceRecord> read) {
    if (read.isEmpty()) {
      return read;
    }
    Map<String, List<JsonNode>> items = lines.read(connection, read.stream().map(SourceRecord::externalId).toList());
    String portalCurrency = pipelines.of(connection).currency();
    Instant now = clock.instant();
    List<SourceRecord> out = new ArrayList<>();
    for (SourceRecord r : read) {
      List<JsonNode> mine = items.get(r.externalId());
      if (mine == null) {
        out.add(r);
        continue;
      }
      String currency = r.record().fields().get(AMOUNT_FIELD) instanceof Map<?, ?> m && m.get("currency") != null
          ? String.valueOf(m.get("currency")) : portalCurrency;
      Map<String, Object> fields = new LinkedHashMap<>(r.record().fields());
      List<Map<String, Object>> composed = HubSpotDealLines.compose(r.externalId(), mine, currency);
      fields.put(HubSpotDealLines.LINES, composed.isEmpty() ? "" : composed); // "" is the spine's "no value"
      Map<String, Instant> times = new HashMap<>(r.fieldModifiedAt() == null ? Map.of() : r.fieldModifiedAt());
      times.put(HubSpotDealLines.LINES, now);
      out.add(new SourceRecord(r.objectType(), r.externalId(), r.modifiedAt(), new CanonicalRecord(CANONICAL, fields),
          r.associations(), times, r.derived(), r.createKey()));
    }
    return out;
  }

  /** The written deals' line items made their golden lines; a deal with a line refused is answered refused (its code). */
  @Override
  public List<WriteResult> afterWrite(ConnectionContext connection, List<WriteRequest> batch,
      List<WriteResult> results) {
    Map<String, List<?>> golden = new LinkedHashMap<>();
    Map<String, List<?>> held = new LinkedHashMap<>();
    Map<Long, String> dealByRef = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest w = batch.get(i);
      if (results.get(i) instanceof WriteResult.Written written && w.desired().has(HubSpotDealLines.LINES)) {
        Object l = w.desired().fields().get(HubSpotDealLines.LINES);
        golden.put(written.externalId(), l instanceof List<?> list ? list : List.of());
        dealByRef.put(w.ref(), written.externalId());
        if (w.held() != null && w.held().get(HubSpotDealLines.LINES) instanceof List<?> was) {
          held.put(written.externalId(), was);
        }
      }
    }
    Map<String, HubSpotDealLines.@Nullable Refusal> refused = lines.write(connection, golden, held);
    return results.stream().map(r -> {
      String deal = dealByRef.get(r.ref());
      HubSpotDealLines.Refusal why = deal == null ? null : refused.get(deal);
      return why == null ? r : new WriteResult.Rejected(r.ref(), why.code(), HubSpotDealLines.LINES, why.message());
    }).toList();
  }

  /** The deal's pipeline: its own, or the file's default pipeline. */
  private static String pipelineOf(CanonicalRecord d) {
    return ((PipelineStageTransform) STAGE.transform()).pipelineOf(d.has(PIPELINE_FIELD)
        ? d.fields().get(PIPELINE_FIELD) : null);
  }

  private static String plain(@Nullable Object v) {
    return v == null ? "" : String.valueOf(v).trim();
  }
}
