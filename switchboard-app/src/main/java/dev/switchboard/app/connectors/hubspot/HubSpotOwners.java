package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.SourceRecord;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A portal's owners (the users records are assigned to through {@code hubspot_owner_id}), mapped by e-mail: the
 * canonical {@code owner} of contacts, companies and engagements is the owner's e-mail, HubSpot holds the owner's id.
 *
 * <p>Read with {@code GET /crm/v3/owners} (https://developers.hubspot.com/docs/api-reference/crm-owners-v3/guide),
 * every page (500 a page), the active owners and the deactivated ones ({@code archived=true}: a record may still name
 * an owner who has left), per connection, and kept for {@link #TTL} by the injected clock. An id or e-mail the cached
 * directory does not know reads it again at once (a new user is known at their first record), but not more than once
 * per {@link #MISS_REFRESH}, so that records naming an owner the portal does not have cost no read each.
 *
 * <p>Reading: an owner id that is empty, or that the portal does not know, is no owner value (the field is left out:
 * an owner we cannot name is not a cleared owner, and a value we could not write is not taken for one cleared at
 * HubSpot). Writing: an e-mail no active owner has is not written — the property is left as HubSpot holds it and the
 * reason is recorded (a log line naming the write, not the e-mail, and the counter
 * {@code switchboard.hubspot.owner_unresolved}); the rest of the record is written. An empty owner clears the property.
 *
 * <p>{@link #emailOf} and {@link #idOf} are the package's API for every binding that assigns owners (deals later).
 * Thread-safe; two threads missing the cache at once may both read it.
 */
final class HubSpotOwners {
  static final String PROPERTY = "hubspot_owner_id";
  static final String FIELD = "owner";
  /** How long a read directory is used before it is read again. */
  static final Duration TTL = Duration.ofMinutes(10);
  /** The least time between two reads caused by an unknown id or e-mail. */
  static final Duration MISS_REFRESH = Duration.ofMinutes(1);
  static final int PAGE = 500;
  private static final Logger log = LoggerFactory.getLogger(HubSpotOwners.class);

  /**
   * One portal's owners as read at {@code readAt}.
   *
   * @param emailById every owner id (active or not) → the owner's e-mail, lower-cased
   * @param activeIdByEmail the active owners' e-mails, lower-cased → id
   */
  record Directory(Map<String, String> emailById, Map<String, String> activeIdByEmail, Instant readAt) {}

  private final HubSpotClient client;
  private final Clock clock;
  private final Map<String, Directory> cache = new ConcurrentHashMap<>();

  HubSpotOwners(HubSpotClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The e-mail of owner {@code ownerId} in the connection's portal, empty when the portal has no such owner. */
  Optional<String> emailOf(ConnectionContext connection, String ownerId) {
    String found = directory(connection).emailById().get(ownerId);
    if (found == null && refreshOnMiss(connection)) {
      found = directory(connection).emailById().get(ownerId);
    }
    return Optional.ofNullable(found);
  }

  /** The id of the active owner with {@code email} (case-insensitive), empty when no active owner has it. */
  Optional<String> idOf(ConnectionContext connection, String email) {
    String key = email.trim().toLowerCase(Locale.ROOT);
    String found = directory(connection).activeIdByEmail().get(key);
    if (found == null && refreshOnMiss(connection)) {
      found = directory(connection).activeIdByEmail().get(key);
    }
    return Optional.ofNullable(found);
  }

  /**
   * {@code r} with its {@code owner} (read as HubSpot's owner id) as the owner's e-mail; without it (and its time)
   * when the id is empty or unknown. {@code r} unchanged when it carries no owner.
   */
  SourceRecord resolve(ConnectionContext connection, SourceRecord r) {
    Object raw = r.record().fields().get(FIELD);
    if (raw == null && !r.record().has(FIELD)) {
      return r;
    }
    String id = raw == null ? "" : String.valueOf(raw).trim();
    Optional<String> email = id.isEmpty() ? Optional.empty() : emailOf(connection, id);
    if (email.isEmpty() && !id.isEmpty()) {
      unresolved("read");
    }
    Map<String, Object> fields = new LinkedHashMap<>(r.record().fields());
    Map<String, Instant> times = r.fieldModifiedAt() == null ? null : new HashMap<>(r.fieldModifiedAt());
    if (email.isPresent()) {
      fields.put(FIELD, email.get());
    } else {
      fields.remove(FIELD);
      if (times != null) {
        times.remove(FIELD);
      }
    }
    return new SourceRecord(r.objectType(), r.externalId(), r.modifiedAt(),
        new dev.switchboard.app.canonical.CanonicalRecord(r.record().type(), fields), r.associations(), times,
        r.derived(), r.createKey());
  }

  /**
   * Turns the owner e-mail a mapping put into {@code properties} into the owner's id. An e-mail no active owner has
   * is removed from {@code properties} (HubSpot keeps what it holds) and the reason recorded; returns false then.
   *
   * @param ref the write's reference, named in the recorded reason instead of the e-mail
   */
  boolean toIds(ConnectionContext connection, ObjectNode properties, long ref) {
    if (!properties.has(PROPERTY)) {
      return true;
    }
    String email = HubSpotMapper.text(properties.get(PROPERTY));
    if (email.isEmpty()) {
      return true; // clears the owner
    }
    Optional<String> id = idOf(connection, email);
    if (id.isPresent()) {
      properties.put(PROPERTY, id.get());
      return true;
    }
    properties.remove(PROPERTY);
    unresolved("write");
    log.info("hubspot write {} of connection {}: its owner is no active owner of the portal; {} left unset",
        ref, connection.connectionId(), PROPERTY);
    return false;
  }

  private static void unresolved(String direction) {
    Metrics.counter("switchboard.hubspot.owner_unresolved", "direction", direction).increment();
  }

  private Directory directory(ConnectionContext connection) {
    Directory d = cache.get(connection.connectionId());
    if (d == null || !clock.instant().isBefore(d.readAt().plus(TTL))) {
      d = read(connection);
      cache.put(connection.connectionId(), d);
    }
    return d;
  }

  /** Reads the directory again when the cached one is older than {@link #MISS_REFRESH}; true when it did. */
  private boolean refreshOnMiss(ConnectionContext connection) {
    Directory d = cache.get(connection.connectionId());
    if (d != null && clock.instant().isBefore(d.readAt().plus(MISS_REFRESH))) {
      return false;
    }
    cache.put(connection.connectionId(), read(connection));
    return true;
  }

  private Directory read(ConnectionContext connection) {
    Instant at = clock.instant();
    Map<String, String> emailById = new HashMap<>();
    Map<String, String> activeIdByEmail = new HashMap<>();
    for (boolean archived : new boolean[] {false, true}) {
      String after = null;
      for (int page = 0; page < 1000; page++) {
        JsonNode answer = client.owners(connection, after, PAGE, archived);
        for (JsonNode o : answer.path("results")) {
          String id = HubSpotMapper.text(o.path("id"));
          String email = HubSpotMapper.text(o.path("email")).toLowerCase(Locale.ROOT);
          if (id.isEmpty() || email.isEmpty()) {
            continue; // a queue or team owner without an e-mail cannot be named by one
          }
          emailById.put(id, email);
          if (!archived) {
            activeIdByEmail.put(email, id);
          }
        }
        after = answer.path("paging").path("next").path("after").asString(null);
        if (after == null || after.isEmpty()) {
          break;
        }
      }
    }
    return new Directory(Map.copyOf(emailById), Map.copyOf(activeIdByEmail), at);
  }

  /** The cached directory of a connection, if any (tests). */
  @Nullable Directory cached(ConnectionContext connection) {
    return cache.get(connection.connectionId());
  }
}
