package dev.switchboard.sandbox.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stored CRM record of any {@link ObjectType}: its property values (strings, as HubSpot's API has them), its
 * timestamps, archive state and each property's history (newest first, what {@code propertiesWithHistory}
 * returns). Mutated only under its portal's lock (see {@link ObjectStore}); reads use {@link #copy()}.
 */
final class CrmObject {

  /** One past value of a property ({@code ValueWithTimestamp}: value, timestamp, sourceType). */
  record Version(String value, Instant timestamp, String sourceType) {}

  final ObjectType type;
  final long id;
  final Map<String, String> props = new TreeMap<>();
  final Map<String, List<Version>> history = new TreeMap<>();
  Instant createdAt;
  Instant updatedAt;
  boolean archived;
  Instant archivedAt;

  CrmObject(ObjectType type, long id) {
    this.type = type;
    this.id = id;
  }

  CrmObject copy() {
    CrmObject c = new CrmObject(type, id);
    c.props.putAll(props);
    history.forEach((k, v) -> c.history.put(k, List.copyOf(v)));
    c.createdAt = createdAt;
    c.updatedAt = updatedAt;
    c.archived = archived;
    c.archivedAt = archivedAt;
    return c;
  }

  /** Sets (or, for an empty value, clears) a property and records the change in its history. */
  void set(String name, String value, Instant at, String sourceType) {
    if (value.isEmpty()) {
      props.remove(name);
    } else {
      props.put(name, value);
    }
    List<Version> h = new ArrayList<>(history.getOrDefault(name, List.of()));
    h.addFirst(new Version(value, at, sourceType));
    history.put(name, h);
  }

  String email() {
    return props.get("email");
  }
}
