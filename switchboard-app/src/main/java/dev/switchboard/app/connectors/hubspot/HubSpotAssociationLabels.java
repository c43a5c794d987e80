package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.VendorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A portal's association label catalogue for one pair of object types, which says what the association type ids
 * mean: the {@code HUBSPOT_DEFINED} type without a label is the plain association (contacts → companies: 279, deals →
 * contacts: 3), the {@code HUBSPOT_DEFINED} type labelled "Primary" the primary one (contacts → companies: 1, deals →
 * companies: 5; only those two pairs have one). The connector reads and writes edges by the
 * ids the catalogue names, never by literals. {@code USER_DEFINED} and {@code INTEGRATOR_DEFINED} labels (and other
 * labelled HubSpot types) get portal-specific ids and are outside the edge model for now: kept in
 * {@link Catalogue#others()} so that a read can tell them apart, and never written.
 *
 * <p>Read with {@code GET /crm/v4/associations/{from}/{to}/labels}
 * (https://developers.hubspot.com/docs/api-reference/crm-associations-schema-v4/definitions/get-crm-v4-associations-fromObjectType-toObjectType-labels),
 * lazily on first need, and cached per connection and pair for {@link #TTL} by the injected clock (a label a portal
 * adds is seen within that time; the HubSpot-defined ids do not change). {@code check} reads it afresh
 * ({@link #refresh}) so that a token missing the scope, or a catalogue without the expected types, fails at connect
 * time. Thread-safe; two threads missing the cache at once may both read it.
 */
final class HubSpotAssociationLabels {

  /** How long a read catalogue is used before it is read again. */
  static final Duration TTL = Duration.ofMinutes(10);
  static final String HUBSPOT_DEFINED = "HUBSPOT_DEFINED";
  static final String PRIMARY_LABEL = "Primary";

  /**
   * One pair's catalogue.
   *
   * @param plain   the unlabeled HubSpot-defined type id, or null when the catalogue names none
   * @param primary the HubSpot-defined "Primary" type id, or null when the catalogue names none
   * @param others  every other type id of the catalogue (user-defined labels): not edges
   */
  record Catalogue(String from, String to, @Nullable Integer plain, @Nullable Integer primary, Set<Integer> others) {

    /** Whether an association type of a v4 read is the plain one. */
    boolean isPlain(String category, int typeId) {
      return HUBSPOT_DEFINED.equals(category) && plain != null && plain == typeId;
    }

    /** Whether an association type of a v4 read is the primary one. */
    boolean isPrimary(String category, int typeId) {
      return HUBSPOT_DEFINED.equals(category) && primary != null && primary == typeId;
    }

    /**
     * What is missing for the edge model ({@code "unlabeled"}, or {@code "Primary"} for a pair HubSpot has a Primary
     * label for: {@link HubSpotObjectKind#hasPrimary}), or null when nothing is.
     */
    @Nullable String missing() {
      return plain == null ? "unlabeled" : primary == null && primaryExpected() ? PRIMARY_LABEL : null;
    }

    /** Whether HubSpot defines a Primary label for this pair (an unknown pair expects none). */
    boolean primaryExpected() {
      var f = HubSpotObjectKind.byPath(from);
      var t = HubSpotObjectKind.byPath(to);
      return f.isPresent() && t.isPresent() && f.get().hasPrimary(t.get());
    }

    /** Why a write or read cannot go on without a type the catalogue lacks. */
    String lacks(String what) {
      return "hubspot's association label catalogue " + from + " -> " + to + " has no HUBSPOT_DEFINED " + what
          + " type";
    }

    /** {@link #missing()} as a permanent {@link VendorException} (reads cannot tell primary from plain without it). */
    Catalogue requireComplete() {
      String m = missing();
      if (m != null) {
        throw new VendorException(0, false, null, "association_labels_incomplete", lacks(m));
      }
      return this;
    }
  }

  private record Key(String connectionId, String from, String to) {}

  private record Entry(Catalogue catalogue, Instant expires) {}

  private final HubSpotClient client;
  private final Clock clock;
  private final Map<Key, Entry> cache = new ConcurrentHashMap<>();

  HubSpotAssociationLabels(HubSpotClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The pair's catalogue: cached for {@link #TTL}, else read (one call). A refused read is a VendorException. */
  Catalogue of(ConnectionContext connection, String from, String to) {
    Entry e = cache.get(new Key(connection.connectionId(), from, to));
    return e != null && clock.instant().isBefore(e.expires()) ? e.catalogue() : refresh(connection, from, to);
  }

  /** Reads the pair's catalogue now and caches it; expired entries of every connection are dropped on the way. */
  Catalogue refresh(ConnectionContext connection, String from, String to) {
    Catalogue c = parse(from, to, client.associationLabels(connection, from, to));
    Instant now = clock.instant();
    cache.values().removeIf(e -> !now.isBefore(e.expires()));
    cache.put(new Key(connection.connectionId(), from, to), new Entry(c, now.plus(TTL)));
    return c;
  }

  /** The catalogue in a labels answer ({@code {results: [{category, typeId, label}]}}). */
  static Catalogue parse(String from, String to, JsonNode answer) {
    Integer plain = null;
    Integer primary = null;
    Set<Integer> others = new LinkedHashSet<>();
    for (JsonNode t : answer.path("results")) {
      if (!t.path("typeId").canConvertToInt()) {
        continue;
      }
      int id = t.path("typeId").asInt();
      String label = t.path("label").isString() ? t.path("label").asString().trim() : "";
      boolean hubspot = HUBSPOT_DEFINED.equals(t.path("category").asString(""));
      if (hubspot && label.isEmpty() && plain == null) {
        plain = id;
      } else if (hubspot && PRIMARY_LABEL.equalsIgnoreCase(label) && primary == null) {
        primary = id;
      } else {
        others.add(id);
      }
    }
    return new Catalogue(from, to, plain, primary, Set.copyOf(others));
  }
}
