package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.ConnectionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A portal's deal pipelines and their stages, read from the pipelines API
 * ({@code GET /crm/v3/pipelines/deals},
 * https://developers.hubspot.com/docs/api-reference/latest/crm/pipelines/guide) and the portal's currency (account
 * details' {@code companyCurrency}), cached per connection for {@link #TTL} by the injected clock and read again
 * when a deal names a pipeline or stage the cached copy does not have and the copy is older than
 * {@link #MISS_REFRESH} (a stage added in HubSpot is seen within a minute; a deal in an archived stage costs no call).
 *
 * <p><b>Stage ⇄ canonical stage.</b> The canonical deal stage is HubSpot's default pipeline's vocabulary
 * ({@code appointment_scheduled} … {@code closed_won}, {@code closed_lost}). One rule per stage, first match wins:
 * <ol>
 *   <li>a stage of the {@code default} pipeline whose id is one of HubSpot's seven internal ids
 *       ({@code appointmentscheduled} … {@code closedlost}) is the canonical stage of that id;</li>
 *   <li>a closed stage ({@code metadata.isClosed} true) with {@code metadata.probability} 1.0 is {@code closed_won},
 *       one with probability 0.0 {@code closed_lost};</li>
 *   <li>an open stage whose label, lower-cased with every run of other characters made one {@code _}, is an open
 *       canonical stage ("Qualified To Buy", "Decision maker bought-in") is that stage;</li>
 *   <li>anything else (a closed stage with another probability, an open stage of another name) has no canonical
 *       stage: a read leaves the deal's {@code stage} out (the other fields sync; logged with the ids) and a write of
 *       a canonical stage the pipeline has no stage for is refused ({@code stage_unmapped}) — never a guess.</li>
 * </ol>
 * A canonical stage is written as the first stage of the deal's pipeline, in display order, that maps to it.
 * This is the per-portal table of the {@code pipelineStage} rule of {@code mappings/hubspot/deal.yaml}, which
 * {@link HubSpotDealType} binds to it. Thread-safe; two threads missing the cache at once may both read it.
 */
final class HubSpotPipelines {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HubSpotPipelines.class);

  /** How long a read catalogue is used before it is read again. */
  static final Duration TTL = Duration.ofMinutes(10);
  /**
   * A miss (a pipeline or stage the cached copy lacks) reads the pipelines again only when the copy is older than
   * this: deals in an archived stage must not cost a call each.
   */
  static final Duration MISS_REFRESH = Duration.ofMinutes(1);
  static final String DEFAULT_PIPELINE = "default";
  /** HubSpot's internal ids of the default pipeline's stages → canonical stage, in pipeline order. */
  static final Map<String, String> DEFAULT_STAGES = ordered("appointmentscheduled", "appointment_scheduled",
      "qualifiedtobuy", "qualified_to_buy", "presentationscheduled", "presentation_scheduled",
      "decisionmakerboughtin", "decision_maker_bought_in", "contractsent", "contract_sent", "closedwon", "closed_won",
      "closedlost", "closed_lost");
  static final String CLOSED_WON = "closed_won";
  static final String CLOSED_LOST = "closed_lost";

  /** One stage: {@code probability} null when the metadata has none (or not a number). */
  record Stage(String id, String label, boolean closed, @Nullable Double probability) {}

  /** One pipeline, its live stages in display order. */
  record Pipeline(String id, String label, List<Stage> stages) {
    Optional<Stage> stage(String stageId) {
      return stages.stream().filter(s -> s.id().equals(stageId)).findFirst();
    }
  }

  /** A portal's pipelines by id, and its currency (ISO 4217, null when account details name none). */
  record Portal(Map<String, Pipeline> pipelines, @Nullable String currency) {}

  private record Entry(Portal portal, Instant expires) {}

  private final HubSpotClient client;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  HubSpotPipelines(HubSpotClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The connection's portal: cached for {@link #TTL}, else read (two calls). */
  Portal of(ConnectionContext connection) {
    Entry e = cache.get(connection.connectionId());
    return e != null && clock.instant().isBefore(e.expires()) ? e.portal() : refresh(connection);
  }

  /** Reads the portal's pipelines and currency now and caches them; expired entries are dropped on the way. */
  Portal refresh(ConnectionContext connection) {
    Portal p = new Portal(parse(client.pipelines(connection, "deals")),
        textOrNull(client.accountDetails(connection).path("companyCurrency")));
    Instant now = clock.instant();
    cache.values().removeIf(x -> !now.isBefore(x.expires()));
    cache.put(connection.connectionId(), new Entry(p, now.plus(TTL)));
    return p;
  }

  /**
   * The pipeline, read afresh when the cached copy lacks it or lacks {@code stageId} (when not null) and is older than
   * {@link #MISS_REFRESH}.
   */
  Optional<Pipeline> pipeline(ConnectionContext connection, String pipelineId, @Nullable String stageId) {
    Pipeline p = of(connection).pipelines().get(pipelineId);
    if ((p == null || (stageId != null && p.stage(stageId).isEmpty())) && staleForMiss(connection)) {
      p = refresh(connection).pipelines().get(pipelineId);
    }
    return Optional.ofNullable(p);
  }

  private boolean staleForMiss(ConnectionContext connection) {
    Entry e = cache.get(connection.connectionId());
    return e == null || !clock.instant().isBefore(e.expires().minus(TTL).plus(MISS_REFRESH));
  }

  /**
   * The canonical stage of a deal's HubSpot stage, or null when there is none (see the class rule); an unknown
   * pipeline or stage (after one fresh read) is null too. Logged with the ids only.
   */
  @Nullable String canonicalStage(ConnectionContext connection, String pipelineId, String stageId) {
    String canonical = pipeline(connection, pipelineId, stageId)
        .flatMap(p -> p.stage(stageId).map(s -> canonical(p, s))).orElse(null);
    if (canonical == null) {
      log.warn("hubspot deal stage {} of pipeline {} (connection {}) maps to no canonical stage; stage left out",
          stageId, pipelineId, connection.connectionId());
    }
    return canonical;
  }

  /**
   * The HubSpot stage id of {@code canonical} in the pipeline, or empty when none maps to it (after one fresh read,
   * for a stage added since the cached copy).
   */
  Optional<String> stageId(ConnectionContext connection, String pipelineId, String canonical) {
    Optional<String> found = Optional.ofNullable(of(connection).pipelines().get(pipelineId))
        .flatMap(p -> stageOf(p, canonical));
    return found.isPresent() || !staleForMiss(connection) ? found
        : Optional.ofNullable(refresh(connection).pipelines().get(pipelineId)).flatMap(p -> stageOf(p, canonical));
  }

  /** The canonical stage of {@code stage} in {@code pipeline}: the class rule, or null. */
  static @Nullable String canonical(Pipeline pipeline, Stage stage) {
    if (DEFAULT_PIPELINE.equals(pipeline.id()) && DEFAULT_STAGES.containsKey(stage.id())) {
      return DEFAULT_STAGES.get(stage.id());
    }
    if (stage.closed()) {
      if (stage.probability() != null && stage.probability() == 1.0) {
        return CLOSED_WON;
      }
      if (stage.probability() != null && stage.probability() == 0.0) {
        return CLOSED_LOST;
      }
      return null;
    }
    String byLabel = stage.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    return DEFAULT_STAGES.containsValue(byLabel) && !byLabel.startsWith("closed_") ? byLabel : null;
  }

  /** The first stage of the pipeline, in display order, that maps to {@code canonical}. */
  static Optional<String> stageOf(Pipeline pipeline, String canonical) {
    return pipeline.stages().stream().filter(s -> canonical.equals(canonical(pipeline, s))).map(Stage::id)
        .findFirst();
  }

  /** Pipelines of a pipelines answer ({@code {results: [{id, label, displayOrder, stages: [...]}]}}). */
  static Map<String, Pipeline> parse(JsonNode answer) {
    Map<String, Pipeline> out = new LinkedHashMap<>();
    for (JsonNode p : answer.path("results")) {
      if (p.path("archived").asBoolean(false)) {
        continue;
      }
      List<JsonNode> stages = new ArrayList<>();
      p.path("stages").forEach(stages::add);
      stages.sort(java.util.Comparator.comparingInt(s -> s.path("displayOrder").asInt(0)));
      List<Stage> live = new ArrayList<>();
      for (JsonNode s : stages) {
        if (s.path("archived").asBoolean(false)) {
          continue;
        }
        JsonNode meta = s.path("metadata");
        live.add(new Stage(s.path("id").asString(""), s.path("label").asString(""),
            "true".equalsIgnoreCase(meta.path("isClosed").asString("false")), number(meta.path("probability"))));
      }
      String id = p.path("id").asString("");
      out.put(id, new Pipeline(id, p.path("label").asString(""), List.copyOf(live)));
    }
    return out;
  }

  private static @Nullable Double number(JsonNode n) {
    try {
      return n.isNumber() ? n.asDouble() : n.isString() ? Double.valueOf(n.asString()) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable String textOrNull(JsonNode n) {
    String s = n.isString() ? n.asString().trim() : "";
    return s.isEmpty() ? null : s;
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
