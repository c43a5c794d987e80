package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * HubSpot deals ({@code /crm/v3/objects/deals}) ⇄ the canonical deal. See docs/integrations/hubspot_mapping.md.
 *
 * <p>{@code dealname} ⇄ name, {@code description} ⇄ description, {@code amount} ⇄ amount (money in the deal's
 * {@code deal_currency_code} where the portal has multiple currencies, else the portal's {@code companyCurrency}),
 * {@code closedate} ⇄ closeDate (a date: HubSpot's datetime at midnight UTC), {@code pipeline} ⇄ pipeline (HubSpot's
 * pipeline id), {@code dealstage} ⇄ stage by the pipeline's stages ({@link HubSpotPipelines}), and the deal's line
 * items ⇄ lines ({@link HubSpotDealLines}). Its contacts (plain) and companies (the primary one marked) are edges.
 *
 * <p>What depends on the portal (stages, currency) is mapped by the view {@link #at} binds to a connection; the
 * unbound type only declares. A write is refused before any call when its stage has no stage in the deal's pipeline
 * ({@code stage_unmapped}), its pipeline is not one of the portal's ({@code pipeline_unknown}) or its amount is in
 * another currency than the portal's ({@code currency_mismatch}; the deal currency property is not written).
 */
final class HubSpotDealType implements HubSpotObjectType {
  static final String PATH = "deals";
  static final String CANONICAL = "deal";
  static final String CURRENCY = "deal_currency_code";
  static final List<String> READ = List.of("dealname", "description", "amount", CURRENCY, "closedate", "pipeline",
      "dealstage", HubSpotCompanyType.LAST_MODIFIED);

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
    return "deal";
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public String lastModifiedProperty() {
    return HubSpotCompanyType.LAST_MODIFIED;
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    return READ;
  }

  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("name", List.of("dealname"));
    out.put("description", List.of("description"));
    out.put("amount", List.of("amount", CURRENCY));
    out.put("closeDate", List.of("closedate"));
    out.put("pipeline", List.of("pipeline"));
    out.put("stage", List.of("dealstage", "pipeline"));
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
    return List.of(java.util.Set.of("stage", "pipeline"));
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
    Map<String, Object> f = new LinkedHashMap<>();
    text(p, "dealname").ifPresent(v -> f.put("name", v));
    text(p, "description").ifPresent(v -> f.put("description", v));
    text(p, "amount").ifPresent(v -> {
      String currency = text(p, CURRENCY).filter(x -> !x.isEmpty()).orElse(pipelines.of(c).currency());
      if (v.isEmpty()) {
        f.put("amount", "");
      } else if (currency != null) {
        f.put("amount", Map.of("amount", v, "currency", currency));
      }
    });
    text(p, "closedate").ifPresent(v -> f.put("closeDate", v.isEmpty() ? "" : date(p.path("closedate"))));
    Optional<String> pipeline = text(p, "pipeline");
    pipeline.ifPresent(v -> f.put("pipeline", v));
    text(p, "dealstage").ifPresent(stage -> {
      if (stage.isEmpty()) {
        f.put("stage", "");
      } else {
        String canonical = pipelines.canonicalStage(c, pipeline.filter(x -> !x.isEmpty())
            .orElse(HubSpotPipelines.DEFAULT_PIPELINE), stage);
        if (canonical != null) {
          f.put("stage", canonical);
        }
      }
    });
    return new CanonicalRecord(CANONICAL, f);
  }

  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    ObjectNode props = HubSpotClient.JSON.createObjectNode();
    Map<String, Object> f = desired.fields();
    if (desired.has("name")) {
      props.put("dealname", plain(f.get("name")));
    }
    if (desired.has("description")) {
      props.put("description", plain(f.get("description")));
    }
    if (desired.has("amount")) {
      props.put("amount", f.get("amount") instanceof Map<?, ?> m ? plain(m.get("amount")) : plain(f.get("amount")));
    }
    if (desired.has("closeDate")) {
      String d = plain(f.get("closeDate"));
      props.put("closedate", d.isEmpty() ? "" : LocalDate.parse(d).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    }
    String pipeline = pipelineOf(desired);
    if (desired.has("pipeline") || desired.has("stage")) {
      props.put("pipeline", pipeline);
    }
    if (desired.has("stage")) {
      String stage = plain(f.get("stage"));
      props.put("dealstage", stage.isEmpty() ? "" : pipelines.stageId(bound(), pipeline, stage).orElseThrow(
          () -> new IllegalStateException("stage " + stage + " was checked by refusal()")));
    }
    return props;
  }

  /** Pipeline, stage and currency checked against the portal before any call. */
  @Override
  public WriteResult.@Nullable Rejected refusal(WriteRequest w) {
    CanonicalRecord d = w.desired();
    ConnectionContext c = bound();
    String pipeline = pipelineOf(d);
    if ((d.has("pipeline") || d.has("stage")) && pipelines.pipeline(c, pipeline, null).isEmpty()) {
      return new WriteResult.Rejected(w.ref(), "pipeline_unknown", "pipeline",
          "hubspot has no deal pipeline " + pipeline + " in this portal");
    }
    String stage = d.has("stage") ? plain(d.fields().get("stage")) : "";
    if (!stage.isEmpty() && pipelines.stageId(c, pipeline, stage).isEmpty()) {
      return new WriteResult.Rejected(w.ref(), "stage_unmapped", "stage",
          "hubspot pipeline " + pipeline + " has no stage for " + stage);
    }
    if (d.fields().get("amount") instanceof Map<?, ?> m && m.get("currency") != null) {
      String portal = pipelines.of(c).currency();
      if (portal != null && !portal.equalsIgnoreCase(String.valueOf(m.get("currency")))) {
        return new WriteResult.Rejected(w.ref(), "currency_mismatch", "amount",
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
      String currency = r.record().fields().get("amount") instanceof Map<?, ?> m && m.get("currency") != null
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

  private static String pipelineOf(CanonicalRecord d) {
    String p = d.has("pipeline") ? plain(d.fields().get("pipeline")) : "";
    return p.isEmpty() ? HubSpotPipelines.DEFAULT_PIPELINE : p;
  }

  /** The property's text, when the object carries the property at all (empty for a cleared one). */
  private static Optional<String> text(JsonNode props, String name) {
    return props.has(name) ? Optional.of(HubSpotMapper.text(props.get(name))) : Optional.empty();
  }

  /** HubSpot's datetime ({@code 2026-03-01T00:00:00Z}, milliseconds, or a bare date) as its UTC date. */
  static String date(JsonNode value) {
    Instant t = HubSpotMapper.instant(value);
    if (t != null) {
      return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
    }
    String s = HubSpotMapper.text(value);
    return s.length() >= 10 ? s.substring(0, 10) : s;
  }

  private static String plain(@Nullable Object v) {
    return v == null ? "" : String.valueOf(v).trim();
  }
}
