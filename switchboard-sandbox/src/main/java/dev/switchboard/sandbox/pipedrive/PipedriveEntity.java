package dev.switchboard.sandbox.pipedrive;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** One stored Pipedrive object (person, organization, deal or activity) in its v2 API shape. */
final class PipedriveEntity {

  /** Pipedrive v2 timestamps: RFC 3339, seconds, UTC ({@code 2026-01-02T03:04:05Z}). */
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  final String type;
  final long id;
  final Instant added;
  Instant updated;
  final Map<String, Object> fields = new LinkedHashMap<>();

  PipedriveEntity(String type, long id, Instant added) {
    this.type = type;
    this.id = id;
    this.added = added;
    this.updated = added;
  }

  /** The v2 JSON object: {@code id}, the fields, {@code add_time}, {@code update_time}. */
  Map<String, Object> render() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.putAll(fields);
    m.put("add_time", TIME.format(added));
    m.put("update_time", TIME.format(updated));
    return m;
  }
}
