package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.WebhookRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a HubSpot webhook delivery: a JSON array of events, each with {@code subscriptionType}, {@code eventId},
 * {@code objectId}, {@code portalId} and {@code occurredAt} (epoch milliseconds).
 * https://developers.hubspot.com/docs/api/webhooks and, for the generic {@code object.*} event types of newer apps
 * (which name the object type by {@code objectTypeId}, {@code 0-47} for meetings),
 * https://developers.hubspot.com/docs/guides/webhooks/create-generic-webhook-subscriptions
 *
 * <p>Event types: the legacy {@code contact.*}, {@code company.*}, {@code deal.*}, {@code line_item.*},
 * {@code product.*} and the generic {@code object.*} for every type of {@link HubSpotObjectKind}, each
 * {@code creation}, {@code propertyChange}, {@code restore} (a change: the read revives the tombstoned link),
 * {@code deletion}, {@code privacyDeletion}, {@code merge} and {@code associationChange}. Only events of the vendor
 * types the connector binds become inbound events; the others (a type HubSpot has and we do not sync, a ticket, a
 * custom object) are acknowledged and dropped, counted by {@code switchboard.hubspot.webhook_events_ignored} and
 * logged by their subscription type and object type id only (never ids or values).
 *
 * <p>The whole delivery is refused (an {@link IllegalArgumentException}, answered 400, nothing stored) when the
 * body is not such an array or any event of a bound type in it lacks one of those fields or carries it with the
 * wrong type or out of range (an id that is not a positive integer, an {@code occurredAt} that is not an integer
 * between 1970 and 9999), or is an {@code object.*} event without an {@code objectTypeId}. HubSpot retries and gives up
 * on whole deliveries, never single events, so keeping the valid part would not save the bad one; the reconciliation
 * poll picks up whatever a refused delivery held. Events of other objects are skipped after a check that they are
 * objects with a {@code subscriptionType}.
 */
final class HubSpotWebhookParser {
  /** 9999-12-31T23:59:59.999Z: later instants do not fit the database's timestamps. */
  static final long MAX_EPOCH_MS = 253_402_300_799_999L;
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HubSpotWebhookParser.class);

  /** An object type id ({@code 0-47}) → the vendor type ({@code meeting}), by {@link HubSpotObjectKind}; null if none. */
  private static @Nullable String byTypeId(String objectTypeId) {
    return HubSpotObjectKind.byObjectTypeId(objectTypeId).map(k -> k.vendorType).orElse(null);
  }

  /**
   * A legacy event prefix or {@code associationType} end ({@code contact}, {@code line_item}) → the vendor type (the
   * same name: HubSpot's singular name, lower-cased); null for a type not in {@link HubSpotObjectKind}.
   */
  private static @Nullable String byName(String name) {
    return HubSpotObjectKind.byVendorType(name).map(k -> k.vendorType).orElse(null);
  }

  /**
   * What the connector binds: its vendor types, per vendor type the vendor types whose associations with it it keeps
   * as edges (a contact: companies; an engagement: contacts, companies, deals) or holds in its own fields (a deal: its
   * line items), and the part types whose own events are changes of their owners ({@link
   * dev.switchboard.app.connectors.Connector#partTypes()}: line items).
   */
  record Bound(java.util.Set<String> vendorTypes, java.util.Map<String, java.util.Set<String>> associated,
      java.util.Map<String, java.util.Set<String>> children, java.util.Set<String> parts) {

    /** Without child or part types. */
    Bound(java.util.Set<String> vendorTypes, java.util.Map<String, java.util.Set<String>> associated) {
      this(vendorTypes, associated, java.util.Map.of(), java.util.Set.of());
    }

    /** Without part types. */
    Bound(java.util.Set<String> vendorTypes, java.util.Map<String, java.util.Set<String>> associated,
        java.util.Map<String, java.util.Set<String>> children) {
      this(vendorTypes, associated, children, java.util.Set.of());
    }

    boolean keeps(String from, String to) {
      return associated.getOrDefault(from, java.util.Set.of()).contains(to);
    }

    /** Whether {@code from}'s objects of {@code to} are part of its own fields (a deal's line items). */
    boolean owns(String from, String to) {
      return children.getOrDefault(from, java.util.Set.of()).contains(to);
    }
  }

  private HubSpotWebhookParser() {}

  /**
   * Events of bound types as thin events: deletion → DELETED, privacy deletion → ERASED; creation, propertyChange
   * and restore → CHANGED; merge → CHANGED for the survivor ({@code primaryObjectId}) and MERGED for each id in {@code
   * mergedObjectIds}. An {@code associationChange} (HubSpot sends one per end and association type) is an
   * ASSOCIATIONS_CHANGED of each end whose type keeps associations with the other end's type (a contact ↔ company
   * change: the contact; a meeting ↔ contact change: the meeting), whose read then brings them, and a CHANGED of an
   * end whose fields hold the other end's objects ({@link HubSpotObjectType#childTypes()}: a line item added to or
   * removed from a deal changes the deal); an association no bound end keeps is skipped.
   *
   * @throws IllegalArgumentException when the delivery is malformed (see the class comment); the message names
   *     the event's position and field, never a value
   */
  static List<InboundEvent> parse(WebhookRequest request, Bound bound) {
    JsonNode events;
    try {
      events = HubSpotClient.JSON.readTree(request.body());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("hubspot webhook body is not JSON");
    }
    if (events == null || !events.isArray()) {
      throw new IllegalArgumentException("hubspot webhook body is not a JSON array of events");
    }
    List<InboundEvent> out = new ArrayList<>();
    int position = 0;
    for (JsonNode e : events) {
      String where = "hubspot webhook event " + position++;
      JsonNode typeNode = e.path("subscriptionType");
      if (!e.isObject() || !typeNode.isString() || typeNode.asString().isBlank()) {
        throw new IllegalArgumentException(where + " is not an object with a subscriptionType");
      }
      String type = typeNode.asString();
      int dot = type.indexOf('.');
      if (dot < 0) {
        ignored(type, null, "unknown_type");
        continue;
      }
      String prefix = type.substring(0, dot);
      String action = type.substring(dot + 1);
      String objectType;
      String typeId = null;
      if (prefix.equals("object")) {
        JsonNode id = e.path("objectTypeId");
        if (action.equals("associationChange") && (!id.isString() || id.asString().isBlank())
            && e.path("fromObjectTypeId").isString() && e.path("toObjectTypeId").isString()) {
          // an association change names its two ends' types; HubSpot documents objectTypeId for the other events
          typeId = e.path("fromObjectTypeId").asString();
          objectType = byTypeId(typeId);
          association(e, where, type, typeId, objectType == null ? "" : objectType, bound, out);
          continue;
        }
        if (!id.isString() || id.asString().isBlank()) {
          throw new IllegalArgumentException(where + " is an object.* event without an objectTypeId");
        }
        typeId = id.asString();
        objectType = byTypeId(typeId);
      } else {
        objectType = byName(prefix);
      }
      if (action.equals("associationChange")) {
        if (objectType == null) {
          ignored(type, typeId, "unknown_type");
          continue;
        }
        association(e, where, type, typeId, objectType, bound, out);
        continue;
      }
      if (objectType != null && bound.parts().contains(objectType)) {
        // a part of another object (a deal's line item) is not linked: its creation, change, deletion or restore is a
        // change of its owner, which the engine finds (Connector#ownersOf; a deleted one's from the lines it last
        // knew); a merge of parts reaches the owner as its own association change
        if (!action.equals("creation") && !action.equals("propertyChange") && !action.equals("restore")
            && !action.equals("deletion")) {
          ignored(type, typeId, "part_action");
          continue;
        }
      } else if (objectType == null || !bound.vendorTypes().contains(objectType)) {
        ignored(type, typeId, objectType == null ? "unknown_type" : "unbound_type");
        continue;
      }
      String eventId = required(e, "eventId", where, 0);
      String objectId = required(e, "objectId", where, 1);
      String portalId = required(e, "portalId", where, 1);
      Instant at = occurredAt(e, where);
      InboundEvent.Kind kind = action.equals("privacyDeletion") ? InboundEvent.Kind.ERASED
          : action.equals("deletion") ? InboundEvent.Kind.DELETED : InboundEvent.Kind.CHANGED;
      if (action.equals("merge")) {
        // the survivor is read as a change; each merged-away id folds into it
        String survivor = e.has("primaryObjectId") ? required(e, "primaryObjectId", where, 1) : objectId;
        out.add(new InboundEvent(eventId, objectType, survivor, InboundEvent.Kind.CHANGED, null, at, portalId));
        for (String merged : mergedIds(e.path("mergedObjectIds"), where)) {
          if (!merged.equals(survivor)) {
            out.add(InboundEvent.merged(eventId + ":merged:" + merged, objectType, merged, survivor, at, portalId));
          }
        }
        continue;
      }
      out.add(new InboundEvent(eventId, objectType, objectId, kind, null, at, portalId));
    }
    return out;
  }

  /**
   * An association change as ASSOCIATIONS_CHANGED of each end that keeps it: the ends' types from the generic
   * event's {@code fromObjectTypeId}/{@code toObjectTypeId}, else from the legacy {@code associationType}
   * ({@code CONTACT_TO_COMPANY}, {@code LINE_ITEM_TO_DEAL}). The first end's event keeps HubSpot's event id, the
   * second's adds {@code :to}.
   */
  private static void association(JsonNode e, String where, String type, @Nullable String typeId, String objectType,
      Bound bound, List<InboundEvent> out) {
    String from = byTypeId(e.path("fromObjectTypeId").asString(""));
    String to = byTypeId(e.path("toObjectTypeId").asString(""));
    if (from == null || to == null) {
      String pair = e.path("associationType").asString("");
      int split = pair.indexOf("_TO_");
      from = split < 0 ? null : byName(pair.substring(0, split).toLowerCase(java.util.Locale.ROOT));
      to = split < 0 ? null : byName(pair.substring(split + 4).toLowerCase(java.util.Locale.ROOT));
    }
    boolean fromKeeps = from != null && to != null && bound.vendorTypes().contains(from)
        && (bound.keeps(from, to) || bound.owns(from, to));
    boolean toKeeps = from != null && to != null && bound.vendorTypes().contains(to)
        && (bound.keeps(to, from) || bound.owns(to, from));
    if (!fromKeeps && !toKeeps) {
      ignored(type, typeId, "association_not_kept");
      return;
    }
    String eventId = required(e, "eventId", where, 0);
    String portalId = required(e, "portalId", where, 1);
    Instant at = occurredAt(e, where);
    // an owned child added or removed (a deal's line item) changes the owner's fields: a plain change, read in full
    if (fromKeeps) {
      out.add(new InboundEvent(eventId, from, required(e, "fromObjectId", where, 1), bound.owns(from, to)
          ? InboundEvent.Kind.CHANGED : InboundEvent.Kind.ASSOCIATIONS_CHANGED, null, at, portalId));
    }
    if (toKeeps) {
      out.add(new InboundEvent(fromKeeps ? eventId + ":to" : eventId, to, required(e, "toObjectId", where, 1),
          bound.owns(to, from) ? InboundEvent.Kind.CHANGED : InboundEvent.Kind.ASSOCIATIONS_CHANGED, null, at,
          portalId));
    }
  }

  /** An event acknowledged and dropped: counted and logged without ids or values. */
  private static void ignored(String subscriptionType, @Nullable String objectTypeId, String reason) {
    io.micrometer.core.instrument.Metrics.counter("switchboard.hubspot.webhook_events_ignored", "reason", reason)
        .increment();
    log.debug("hubspot webhook event {} (objectTypeId {}) ignored: {}", subscriptionType,
        objectTypeId == null ? "-" : objectTypeId, reason);
  }

  private static Instant occurredAt(JsonNode e, String where) {
    JsonNode occurred = e.path("occurredAt");
    if (!occurred.isIntegralNumber() || !occurred.canConvertToLong() || occurred.asLong() < 0
        || occurred.asLong() > MAX_EPOCH_MS) {
      throw new IllegalArgumentException(where + " has no valid occurredAt (epoch milliseconds)");
    }
    return Instant.ofEpochMilli(occurred.asLong());
  }

  private static List<String> mergedIds(JsonNode ids, String where) {
    if (ids.isMissingNode() || ids.isNull()) {
      return List.of();
    }
    if (!ids.isArray()) {
      throw new IllegalArgumentException(where + " has no valid mergedObjectIds");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : ids) {
      String id = id(n);
      if (id == null) {
        throw new IllegalArgumentException(where + " has no valid mergedObjectIds");
      }
      out.add(id);
    }
    return out;
  }

  private static String required(JsonNode event, String field, String where, long min) {
    String id = id(event.path(field));
    if (id == null || Long.parseLong(id) < min) {
      throw new IllegalArgumentException(where + " has no valid " + field);
    }
    return id;
  }

  /**
   * A HubSpot id as text: an integral JSON number or a string of digits that fits a long, without sign or
   * leading zeros; null for anything else (objects, fractions, huge numbers, text).
   */
  static @Nullable String id(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() && node.asLong() >= 0 ? Long.toString(node.asLong()) : null;
    }
    if (node.isString() && DIGITS.matcher(node.asString()).matches()) {
      return Long.toString(Long.parseLong(node.asString()));
    }
    return null;
  }
}
