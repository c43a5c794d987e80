package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One portal's deal pipelines: HubSpot's default "Sales Pipeline" ({@code default}) with its seven stages, plus
 * pipelines and stages created through the pipelines API. Archived pipelines and stages are kept (their ids stay
 * taken) but are no longer options for a deal. Rendered as the pipelines spec's {@code Pipeline} and
 * {@code PipelineStage}; stage {@code metadata} values are strings, as there ({@code isClosed}, {@code probability}).
 * Thread-safe. https://developers.hubspot.com/docs/api-reference/latest/crm/pipelines/guide
 */
final class Pipelines {

  static final String DEFAULT_ID = "default";

  /** HubSpot's default deal stages: id, label, probability, isClosed. */
  static final List<String[]> DEFAULT_STAGES = List.of(
      new String[] {"appointmentscheduled", "Appointment Scheduled", "0.2", "false"},
      new String[] {"qualifiedtobuy", "Qualified To Buy", "0.4", "false"},
      new String[] {"presentationscheduled", "Presentation Scheduled", "0.6", "false"},
      new String[] {"decisionmakerboughtin", "Decision Maker Bought-In", "0.8", "false"},
      new String[] {"contractsent", "Contract Sent", "0.9", "false"},
      new String[] {"closedwon", "Closed Won", "1.0", "true"},
      new String[] {"closedlost", "Closed Lost", "0.0", "true"});

  /** A pipeline or a stage: the fields both share, plus a pipeline's stages or a stage's metadata. */
  static final class Entry {
    final String id;
    String label;
    int displayOrder;
    boolean archived;
    Instant createdAt;
    Instant updatedAt;
    Instant archivedAt;
    final Map<String, String> metadata = new LinkedHashMap<>();
    final Map<String, Entry> stages = new LinkedHashMap<>();

    Entry(String id) {
      this.id = id;
    }
  }

  private final ChangeClock clock;
  private final long idBase;
  private final Map<String, Entry> pipelines = new LinkedHashMap<>();
  private long nextId;

  /** Generated ids count up from {@code idBase + 1} (the portal's id × 1000, so portals never share one). */
  Pipelines(ChangeClock clock, long idBase) {
    this.clock = clock;
    this.idBase = idBase;
    reset();
  }

  synchronized void reset() {
    pipelines.clear();
    nextId = idBase + 1;
    Instant now = clock.now();
    Entry p = entry(DEFAULT_ID, "Sales Pipeline", 0, now);
    for (int i = 0; i < DEFAULT_STAGES.size(); i++) {
      String[] s = DEFAULT_STAGES.get(i);
      Entry stage = entry(s[0], s[1], i, now);
      stage.metadata.put("isClosed", s[3]);
      stage.metadata.put("probability", s[2]);
      p.stages.put(stage.id, stage);
    }
    pipelines.put(p.id, p);
  }

  private static Entry entry(String id, String label, int displayOrder, Instant at) {
    Entry e = new Entry(id);
    e.label = label;
    e.displayOrder = displayOrder;
    e.createdAt = at;
    e.updatedAt = at;
    return e;
  }

  /** Live stage ids of a live pipeline, in display order; null when there is no such live pipeline. */
  synchronized List<String> stageIds(String pipelineId) {
    Entry p = pipelines.get(pipelineId);
    return p == null || p.archived ? null : live(p.stages).stream().map(s -> s.id).toList();
  }

  synchronized List<String> pipelineIds() {
    return live(pipelines).stream().map(p -> p.id).toList();
  }

  private static List<Entry> live(Map<String, Entry> m) {
    return m.values().stream().filter(e -> !e.archived).sorted(java.util.Comparator.comparingInt(e -> e.displayOrder)).toList();
  }

  synchronized List<Map<String, Object>> all() {
    return live(pipelines).stream().map(Pipelines::render).toList();
  }

  synchronized Map<String, Object> get(String id) {
    return render(pipeline(id));
  }

  synchronized List<Map<String, Object>> stages(String pipelineId) {
    return live(pipeline(pipelineId).stages).stream().map(Pipelines::renderStage).toList();
  }

  synchronized Map<String, Object> stage(String pipelineId, String stageId) {
    return renderStage(stage(pipeline(pipelineId), stageId));
  }

  /** Creates a pipeline ({@code PipelineInput}: label, displayOrder, stages required; pipelineId optional); 409 if the id is taken. */
  @SuppressWarnings("unchecked")
  synchronized Map<String, Object> create(Map<String, Object> body) {
    if (body.get("label") == null || !(body.get("displayOrder") instanceof Number) || !(body.get("stages") instanceof List<?>)) {
      throw HubSpotException.validation("label, displayOrder and stages are required");
    }
    String id = body.get("pipelineId") == null ? Long.toString(nextId++) : String.valueOf(body.get("pipelineId"));
    if (pipelines.containsKey(id)) {
      throw new HubSpotException(409, "CONFLICT", "A pipeline with id " + id + " already exists.");
    }
    Instant now = clock.now();
    Entry p = entry(id, String.valueOf(body.get("label")), ((Number) body.get("displayOrder")).intValue(), now);
    for (Object s : (List<Object>) body.get("stages")) {
      Entry stage = newStage(p, (Map<String, Object>) s, now);
      p.stages.put(stage.id, stage);
    }
    pipelines.put(id, p);
    return render(p);
  }

  /** Replaces a pipeline's label, order and stages ({@code PipelineReplaceInput}); stages not named are archived. */
  @SuppressWarnings("unchecked")
  synchronized Map<String, Object> replace(String id, Map<String, Object> body) {
    Entry p = pipeline(id);
    if (body.get("label") == null || !(body.get("displayOrder") instanceof Number) || !(body.get("stages") instanceof List<?>)) {
      throw HubSpotException.validation("label, displayOrder and stages are required");
    }
    Instant now = clock.now();
    p.stages.values().forEach(s -> archiveEntry(s, now));
    for (Object s : (List<Object>) body.get("stages")) {
      Map<String, Object> in = (Map<String, Object>) s;
      Entry existing = in.get("stageId") == null ? null : p.stages.get(String.valueOf(in.get("stageId")));
      if (existing != null) {
        existing.archived = false;
        existing.archivedAt = null;
        applyStage(existing, in, true, now);
      } else {
        Entry stage = newStage(p, in, now);
        p.stages.put(stage.id, stage);
      }
    }
    p.label = String.valueOf(body.get("label"));
    p.displayOrder = ((Number) body.get("displayOrder")).intValue();
    p.updatedAt = now;
    return render(p);
  }

  /** Patches a pipeline's label, display order or archived flag ({@code PipelinePatchInput}). */
  synchronized Map<String, Object> patch(String id, Map<String, Object> body) {
    Entry p = pipelines.get(id);
    if (p == null || (p.archived && !Boolean.FALSE.equals(body.get("archived")))) {
      throw HubSpotException.notFound();
    }
    Instant now = clock.now();
    if (body.get("label") != null) {
      p.label = String.valueOf(body.get("label"));
    }
    if (body.get("displayOrder") instanceof Number n) {
      p.displayOrder = n.intValue();
    }
    if (body.get("archived") instanceof Boolean b) {
      if (b) {
        archiveEntry(p, now);
      } else {
        p.archived = false;
        p.archivedAt = null;
      }
    }
    p.updatedAt = now;
    return render(p);
  }

  synchronized void archive(String id) {
    archiveEntry(pipeline(id), clock.now());
  }

  synchronized Map<String, Object> createStage(String pipelineId, Map<String, Object> body) {
    Entry p = pipeline(pipelineId);
    Entry stage = newStage(p, body, clock.now());
    p.stages.put(stage.id, stage);
    return renderStage(stage);
  }

  /** Replaces ({@code full}) or patches one stage's label, display order and metadata. */
  synchronized Map<String, Object> updateStage(String pipelineId, String stageId, Map<String, Object> body, boolean full) {
    Entry s = stage(pipeline(pipelineId), stageId);
    if (full && (body.get("label") == null || !(body.get("displayOrder") instanceof Number) || body.get("metadata") == null)) {
      throw HubSpotException.validation("label, displayOrder and metadata are required");
    }
    applyStage(s, body, full, clock.now());
    if (Boolean.TRUE.equals(body.get("archived"))) {
      archiveEntry(s, clock.now());
    }
    return renderStage(s);
  }

  synchronized void archiveStage(String pipelineId, String stageId) {
    archiveEntry(stage(pipeline(pipelineId), stageId), clock.now());
  }

  private Entry pipeline(String id) {
    Entry p = pipelines.get(id);
    if (p == null || p.archived) {
      throw HubSpotException.notFound();
    }
    return p;
  }

  private static Entry stage(Entry pipeline, String stageId) {
    Entry s = pipeline.stages.get(stageId);
    if (s == null || s.archived) {
      throw HubSpotException.notFound();
    }
    return s;
  }

  /** A stage from a {@code PipelineStageInput}: label, displayOrder, metadata with a deal stage's probability. */
  private Entry newStage(Entry pipeline, Map<String, Object> in, Instant now) {
    if (in.get("label") == null || !(in.get("displayOrder") instanceof Number) || !(in.get("metadata") instanceof Map<?, ?>)) {
      throw HubSpotException.validation("Each stage needs label, displayOrder and metadata");
    }
    String id = in.get("stageId") == null ? Long.toString(nextId++) : String.valueOf(in.get("stageId"));
    if (pipeline.stages.containsKey(id)) {
      throw new HubSpotException(409, "CONFLICT", "A stage with id " + id + " already exists in pipeline " + pipeline.id + ".");
    }
    Entry s = entry(id, "", 0, now);
    s.metadata.put("isClosed", "false");
    applyStage(s, in, true, now);
    return s;
  }

  private static void applyStage(Entry s, Map<String, Object> in, boolean full, Instant now) {
    if (in.get("label") != null) {
      s.label = String.valueOf(in.get("label"));
    }
    if (in.get("displayOrder") instanceof Number n) {
      s.displayOrder = n.intValue();
    }
    if (in.get("metadata") instanceof Map<?, ?> m) {
      if (full) {
        s.metadata.clear();
        s.metadata.put("isClosed", "false");
      }
      m.forEach((k, v) -> s.metadata.put(String.valueOf(k), String.valueOf(v)));
    }
    // deal stages carry a win probability between 0 and 1 (HubSpot refuses deal stages without one)
    String probability = s.metadata.get("probability");
    Double p = probability == null ? null : parse(probability);
    if (p == null || p < 0 || p > 1) {
      throw HubSpotException.validation("Deal stages need metadata.probability between 0.0 and 1.0");
    }
    s.updatedAt = now;
  }

  private static Double parse(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void archiveEntry(Entry e, Instant now) {
    if (!e.archived) {
      e.archived = true;
      e.archivedAt = now;
      e.updatedAt = now;
    }
  }

  private static Map<String, Object> render(Entry p) {
    Map<String, Object> m = common(p);
    List<Map<String, Object>> stages = new ArrayList<>();
    live(p.stages).forEach(s -> stages.add(renderStage(s)));
    m.put("stages", stages);
    return m;
  }

  private static Map<String, Object> renderStage(Entry s) {
    Map<String, Object> m = common(s);
    m.put("metadata", new LinkedHashMap<>(s.metadata));
    m.put("writePermissions", "CRM_PERMISSIONS_ENFORCEMENT"); // required by the 2026-03 spec, allowed by v3
    return m;
  }

  private static Map<String, Object> common(Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id);
    m.put("label", e.label);
    m.put("displayOrder", e.displayOrder);
    m.put("createdAt", HubSpotJson.ts(e.createdAt));
    m.put("updatedAt", HubSpotJson.ts(e.updatedAt));
    m.put("archived", e.archived);
    if (e.archivedAt != null) {
      m.put("archivedAt", HubSpotJson.ts(e.archivedAt));
    }
    return m;
  }
}
