package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Activities of one kind (HubSpot's meetings, calls, emails, tasks), told apart by a synthetic subject
 * ({@code tck-…}); the body is the field the tests change. Every record carries its {@code kind}. Times are instants
 * written and read in ISO-8601 UTC; statuses and directions are canonical codes.
 */
final class ActivitySamples implements RecordSamples {
  static final ActivitySamples MEETING = new ActivitySamples("meeting",
      List.of("subject", "body", "startAt", "endAt", "location", "status"));
  static final ActivitySamples CALL = new ActivitySamples("call",
      List.of("subject", "body", "startAt", "endAt", "direction", "status"));
  static final ActivitySamples EMAIL = new ActivitySamples("email",
      List.of("subject", "body", "startAt", "direction", "status"));
  static final ActivitySamples TASK = new ActivitySamples("task",
      List.of("subject", "body", "dueAt", "status", "priority"));

  final String kind;
  final List<String> writable;

  private ActivitySamples(String kind, List<String> writable) {
    this.kind = kind;
    this.writable = writable;
  }

  @Override
  public String type() {
    return "activity";
  }

  @Override
  public String tagField() {
    return "subject";
  }

  @Override
  public String tagValue(String tag) {
    return RecordSamples.unique(tag);
  }

  @Override
  public String changeField() {
    return "body";
  }

  @Override
  public CanonicalRecord record(Map<String, ?> fields) {
    Map<String, Object> all = new LinkedHashMap<>(fields);
    all.put("kind", kind);
    return new CanonicalRecord(type(), all);
  }

  @Override
  public CanonicalRecord roundTripCreate(String subject, Function<String, String> longest) {
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("subject", "  " + subject + " · Zoë & Ångström 李小龍 🙂  ");
    created.put("body", longest.apply("body"));
    put(created, "startAt", "2025-03-03T15:00:00Z");
    put(created, "endAt", "2025-03-03T15:30:00Z");
    put(created, "dueAt", "2025-03-10T17:00:00Z");
    put(created, "location", "  Zoom · Raum 3  ");
    put(created, "direction", "inbound");
    put(created, "priority", "high");
    put(created, "status", kind.equals("task") ? "in_progress" : "completed");
    return record(created);
  }

  /**
   * First the status and direction cleared by "" and the location by null, the times moved; then the status set
   * again and the priority cleared. The body (the longest value) is named by neither.
   */
  @Override
  public List<CanonicalRecord> roundTripUpdates(String subject) {
    Map<String, Object> first = new HashMap<>();
    first.put("subject", subject);
    first.put("status", "");
    put(first, "direction", "");
    put(first, "location", null);
    put(first, "startAt", "2025-04-01T08:00:00Z");
    put(first, "endAt", "2025-04-01T08:45:30Z");
    put(first, "dueAt", "2025-04-02T09:00:00Z");
    Map<String, Object> second = new HashMap<>();
    second.put("status", "planned");
    put(second, "priority", "");
    put(second, "direction", "outbound");
    return List.of(record(first), record(second));
  }

  @Override
  public String keptField() {
    return "body";
  }

  /** The value for a field this kind writes; others are left out. */
  private void put(Map<String, Object> out, String field, Object value) {
    if (writable.contains(field)) {
      out.put(field, value);
    }
  }
}
