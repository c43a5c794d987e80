package dev.switchboard.sandbox.hubspot;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One stored contact. Mutated only under the {@link ContactStore} lock; reads use {@link #copy()}. */
final class Contact {
  final long id;
  final Map<String, String> props = new TreeMap<>();
  Instant createdAt;
  Instant updatedAt;
  boolean archived;
  Instant archivedAt;

  Contact(long id) {
    this.id = id;
  }

  Contact copy() {
    Contact c = new Contact(id);
    c.props.putAll(props);
    c.createdAt = createdAt;
    c.updatedAt = updatedAt;
    c.archived = archived;
    c.archivedAt = archivedAt;
    return c;
  }

  String email() {
    return props.get("email");
  }
}
