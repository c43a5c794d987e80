package dev.switchboard.sandbox.pipedrive;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhook bodies. v2 (https://pipedrive.readme.io/docs/guide-for-webhooks-v2):
 * {@code {meta:{action, entity, entity_id, id, timestamp, version:"2.0", correlation_id, attempt, …}, data, previous}}
 * where {@code previous} holds only the changed fields' old values (null on create; the whole object on delete,
 * when {@code data} is null). v1 (https://pipedrive.readme.io/docs/guide-for-webhooks):
 * {@code {v:1, meta:{action:"added"|"updated"|"deleted", object, id, …}, current, previous, event, retry}}.
 * {@code company_id}, {@code user_id} and {@code host} are those of the company whose object changed.
 */
final class PipedrivePayloads {

  private PipedrivePayloads() {}

  static Map<String, Object> v2(PipedriveCompany s, PipedriveWebhook h, String action, String entity, long entityId,
      Map<String, Object> data, Map<String, Object> previous, String source, String correlationId, String eventId,
      String timestamp, int attempt) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("action", action);
    meta.put("change_source", source);
    meta.put("company_id", Long.toString(s.companyId));
    meta.put("correlation_id", correlationId);
    meta.put("entity", entity);
    meta.put("entity_id", Long.toString(entityId));
    meta.put("host", s.domain + ".pipedrive.com");
    meta.put("id", eventId);
    meta.put("is_bulk_edit", false);
    meta.put("permitted_user_ids", List.of(Long.toString(s.userId)));
    meta.put("timestamp", timestamp);
    meta.put("type", "general");
    meta.put("user_id", Long.toString(s.userId));
    meta.put("version", "2.0");
    meta.put("webhook_id", Long.toString(h.id));
    meta.put("webhook_owner_id", Long.toString(s.userId));
    meta.put("attempt", attempt);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", data);
    m.put("previous", previous);
    m.put("meta", meta);
    return m;
  }

  static Map<String, Object> v1(PipedriveCompany s, PipedriveWebhook h, String action, String entity, long entityId,
      Map<String, Object> data, Map<String, Object> previous, String source, int attempt) {
    String legacy = switch (action) {
      case "create" -> "added";
      case "change" -> "updated";
      default -> "deleted";
    };
    Instant now = Instant.now();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("v", 1);
    meta.put("action", legacy);
    meta.put("object", entity);
    meta.put("id", entityId);
    meta.put("company_id", s.companyId);
    meta.put("user_id", s.userId);
    meta.put("host", s.domain + ".pipedrive.com");
    meta.put("timestamp", now.getEpochSecond());
    meta.put("timestamp_micro", now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
    meta.put("permitted_user_ids", List.of(s.userId));
    meta.put("change_source", source);
    meta.put("is_bulk_update", false);
    meta.put("webhook_id", Long.toString(h.id));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("v", 1);
    m.put("matches_filters", Map.of("current", List.of()));
    m.put("meta", meta);
    m.put("current", data);
    m.put("previous", action.equals("delete") ? previous : previous == null ? null : data == null ? previous : merged(data, previous));
    m.put("event", legacy + "." + entity);
    m.put("retry", attempt - 1);
    return m;
  }

  /** v1 {@code previous} is the whole object as it was: current values overlaid with the old ones. */
  private static Map<String, Object> merged(Map<String, Object> current, Map<String, Object> changed) {
    Map<String, Object> m = new LinkedHashMap<>(current);
    m.putAll(changed);
    return m;
  }
}
