package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A contact's marketing opt-in, as HubSpot records it: its e-mail subscription status for the one subscription type
 * the connection maps to marketing audiences (setting {@value #SETTING}, the type's name as HubSpot shows it, default
 * {@value #DEFAULT}, HubSpot's default marketing type; {@value #NONE} reads none, for a portal whose contacts reach no
 * audience).
 *
 * <p>The status becomes the contact's {@code marketingStatus}, dated by the status's own {@code timestamp} (the
 * record's per-field time): {@code SUBSCRIBED} is a recorded opt-in ({@code subscribed}, which the audience consent
 * rule sends as such), {@code UNSUBSCRIBED} an opt-out ({@code unsubscribed}); {@code NOT_SPECIFIED} leaves the field
 * as the contact's properties read it. A contact opted out of all e-mail ({@code hs_email_optout}, read as
 * {@code unsubscribed} by the mapping) stays so whatever its status for the type.
 *
 * <p>Read in batches: one {@code POST /communication-preferences/v4/statuses/batch/read?channel=EMAIL} (or the
 * connection's date version) per {@value #MAX_BATCH} distinct addresses of the records read together (a backfill or
 * poll page of 100 contacts costs one call), never one per contact. The subscription type's id is read from the
 * portal's definitions and kept per connection for {@link #TTL} by the injected clock.
 *
 * <p>A portal without the named type, or whose opt-ins HubSpot refuses (a token without the scopes
 * {@code communication_preferences.read}, {@code communication_preferences.statuses.batch.read}: 403; any other
 * permanent 4xx but 401), yields no opt-ins: the contacts are read as before and carry no recorded opt-in (so a
 * consent-gated audience does not get them as {@code subscribed}); it is logged (naming the connection, not a person)
 * and counted ({@code switchboard.hubspot.optins_unread}), and a refused connection is not asked again for
 * {@link #TTL}. A 401, a rate limit or an outage is thrown, failing the read (it is retried).
 */
final class HubSpotOptIns {
  /** The HubSpot connection setting naming the subscription type. */
  static final String SETTING = "optInSubscription";
  static final String DEFAULT = "Marketing Information";
  /** The setting's value for a connection whose contacts reach no audience: no opt-ins are read (no calls). */
  static final String NONE = "none";
  static final Duration TTL = Duration.ofMinutes(10);
  static final int MAX_BATCH = 100;
  private static final Logger log = LoggerFactory.getLogger(HubSpotOptIns.class);

  /** The subscription type's id found for a name, or null when the portal has none of that name. */
  private record Resolved(String name, @Nullable Long id, Instant readAt) {}

  private final HubSpotClient client;
  private final Clock clock;
  private final Map<String, Resolved> types = new ConcurrentHashMap<>();
  /** Connection id → until when its opt-ins are not asked for again after HubSpot refused them. */
  private final Map<String, Instant> refusedUntil = new ConcurrentHashMap<>();

  HubSpotOptIns(HubSpotClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The subscription type name the connection maps to marketing audiences. */
  static String typeName(ConnectionContext connection) {
    String v = connection.setting(SETTING);
    return v == null || v.isBlank() ? DEFAULT : v.trim();
  }

  /** {@code read} with each contact's opt-in for the connection's subscription type; same order and ids. */
  List<SourceRecord> complete(ConnectionContext connection, List<SourceRecord> read) {
    if (NONE.equalsIgnoreCase(typeName(connection))) {
      return read;
    }
    Instant refused = refusedUntil.get(connection.connectionId());
    if (refused != null && clock.instant().isBefore(refused)) {
      return read;
    }
    Set<String> emails = new LinkedHashSet<>();
    for (SourceRecord r : read) {
      String email = email(r);
      if (!email.isEmpty()) {
        emails.add(email);
      }
    }
    if (emails.isEmpty()) {
      return read;
    }
    Map<String, JsonNode> statuses;
    try {
      Optional<Long> type = typeId(connection);
      if (type.isEmpty()) {
        unread(connection, "no_such_type");
        return read;
      }
      statuses = statuses(connection, new ArrayList<>(emails), type.get());
    } catch (VendorException e) {
      if (e.retryable() || e.status() < 400 || e.status() == 401) {
        throw e; // a rate limit, an outage or a credential: the read is retried, as every read's
      }
      // refused (403 without the scopes, 404 where the API is not offered): asked again after TTL, not per page
      refusedUntil.put(connection.connectionId(), clock.instant().plus(TTL));
      unread(connection, e.status() == 403 ? "missing_scope" : "refused_" + e.status());
      return read;
    }
    List<SourceRecord> out = new ArrayList<>(read.size());
    for (SourceRecord r : read) {
      JsonNode status = statuses.get(email(r));
      out.add(status == null ? r : withStatus(r, status));
    }
    return out;
  }

  /** One batch read per {@link #MAX_BATCH} addresses: address (lower-cased) → its status for type {@code typeId}. */
  private Map<String, JsonNode> statuses(ConnectionContext connection, List<String> emails, long typeId) {
    Map<String, JsonNode> out = new HashMap<>();
    for (int from = 0; from < emails.size(); from += MAX_BATCH) {
      JsonNode answer = client.subscriptionStatuses(connection,
          emails.subList(from, Math.min(emails.size(), from + MAX_BATCH)));
      for (JsonNode result : answer.path("results")) {
        for (JsonNode s : result.path("statuses")) {
          if (s.path("subscriptionId").asLong(-1) == typeId && "EMAIL".equals(s.path("channel").asString("EMAIL"))) {
            out.put(HubSpotMapper.text(result.path("subscriberIdString")).toLowerCase(Locale.ROOT), s);
          }
        }
      }
    }
    return out;
  }

  /**
   * {@code r} with {@code marketingStatus} from {@code status} and dated by its timestamp; {@code r} itself for
   * {@code NOT_SPECIFIED}, an unknown status, an opt-in without a timestamp, or a contact opted out of all e-mail. An
   * opt-out without a timestamp is dated by the contact (an opt-out is never held back).
   */
  static SourceRecord withStatus(SourceRecord r, JsonNode status) {
    String value = switch (HubSpotMapper.text(status.path("status"))) {
      case "SUBSCRIBED" -> "subscribed";
      case "UNSUBSCRIBED" -> "unsubscribed";
      default -> null;
    };
    if (value == null || "unsubscribed".equals(r.record().fields().get(ContactField.MARKETING_STATUS))) {
      return r;
    }
    Instant at = HubSpotMapper.instant(status.path("timestamp"));
    if (at == null && value.equals("subscribed")) {
      // an opt-in HubSpot does not date is no recorded opt-in: dated by the contact's last change instead, any later
      // edit in HubSpot would make it newer than an unsubscribe made since in another system
      return r;
    }
    Map<String, Object> fields = new LinkedHashMap<>(r.record().fields());
    fields.put(ContactField.MARKETING_STATUS, value);
    Map<String, Instant> times = r.fieldModifiedAt() == null ? new HashMap<>() : new HashMap<>(r.fieldModifiedAt());
    if (at != null) {
      times.put(ContactField.MARKETING_STATUS, at);
    } else {
      times.remove(ContactField.MARKETING_STATUS); // dated by the record then
    }
    return new SourceRecord(r.objectType(), r.externalId(), r.modifiedAt(),
        new CanonicalRecord(r.record().type(), fields), r.associations(), times.isEmpty() ? null : times, r.derived(),
        r.createKey());
  }

  /** The id of the connection's subscription type, read from the portal's definitions at most once per TTL. */
  Optional<Long> typeId(ConnectionContext connection) {
    String name = typeName(connection);
    Resolved known = types.get(connection.connectionId());
    if (known != null && known.name().equals(name) && clock.instant().isBefore(known.readAt().plus(TTL))) {
      return Optional.ofNullable(known.id());
    }
    Long id = client.subscriptionTypeIds(connection).get(name.toLowerCase(Locale.ROOT));
    types.put(connection.connectionId(), new Resolved(name, id, clock.instant()));
    return Optional.ofNullable(id);
  }

  private static String email(SourceRecord r) {
    Object e = r.record().fields().get(ContactField.EMAIL);
    return e == null ? "" : String.valueOf(e).trim().toLowerCase(Locale.ROOT);
  }

  private static void unread(ConnectionContext connection, String reason) {
    Metrics.counter("switchboard.hubspot.optins_unread", "reason", reason).increment();
    log.warn("hubspot connection {}: marketing opt-ins not read ({}); its contacts carry no recorded opt-in",
        connection.connectionId(), reason);
  }
}
