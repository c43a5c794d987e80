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
 * https://developers.hubspot.com/docs/api/webhooks
 *
 * <p>The whole delivery is refused (an {@link IllegalArgumentException}, answered 400, nothing stored) when the
 * body is not such an array or any {@code contact.*} or {@code company.*} event in it lacks one of those fields or carries it with the
 * wrong type or out of range (an id that is not a positive integer, an {@code occurredAt} that is not an integer
 * between 1970 and 9999). HubSpot retries and gives up on whole deliveries, never single events, so keeping the
 * valid part would not save the bad one; the reconciliation poll picks up whatever a refused delivery held.
 * Events of other objects are skipped after a check that they are objects with a {@code subscriptionType}.
 */
final class HubSpotWebhookParser {
  /** 9999-12-31T23:59:59.999Z: later instants do not fit the database's timestamps. */
  static final long MAX_EPOCH_MS = 253_402_300_799_999L;
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  private HubSpotWebhookParser() {}

  /** HubSpot's legacy event prefix → the canonical type its object is. */
  /** The subscription type's object name → the vendor type its events are of. */
  private static final java.util.Map<String, String> TYPES = java.util.Map.of(
      "contact", HubSpotContactType.INSTANCE.vendorType(), "company", HubSpotCompanyType.INSTANCE.vendorType(),
      "deal", HubSpotDealType.CANONICAL, "product", HubSpotProductType.CANONICAL,
      "line_item", HubSpotLineItemType.INSTANCE.vendorType());

  /**
   * {@code associationType} of an {@code associationChange} → (vendor type, which end, kind) of the event it is: the
   * change of the end that keeps the association as an edge, read again with its associations; a deal's line items
   * are part of the deal's fields ({@code lines}), so a line item added to or removed from a deal is a change of the
   * deal. HubSpot sends one event per end: both map to the same object, and the second read costs nothing new.
   */
  private static final java.util.Map<String, String[]> ASSOCIATIONS = java.util.Map.of(
      "CONTACT_TO_COMPANY", new String[] {"contact", "fromObjectId", "ASSOCIATIONS_CHANGED"},
      "COMPANY_TO_CONTACT", new String[] {"contact", "toObjectId", "ASSOCIATIONS_CHANGED"},
      "DEAL_TO_CONTACT", new String[] {"deal", "fromObjectId", "ASSOCIATIONS_CHANGED"},
      "CONTACT_TO_DEAL", new String[] {"deal", "toObjectId", "ASSOCIATIONS_CHANGED"},
      "DEAL_TO_COMPANY", new String[] {"deal", "fromObjectId", "ASSOCIATIONS_CHANGED"},
      "COMPANY_TO_DEAL", new String[] {"deal", "toObjectId", "ASSOCIATIONS_CHANGED"},
      "DEAL_TO_LINE_ITEM", new String[] {"deal", "fromObjectId", "CHANGED"},
      "LINE_ITEM_TO_DEAL", new String[] {"deal", "toObjectId", "CHANGED"});

  /**
   * Contact, company, deal and product events as thin events (and a line item's creation, property change and
   * restore as a CHANGED of the line item, a part of its deal: {@link HubSpotConnector#ownersOf}): deletion → DELETED, privacy deletion → ERASED; creation, propertyChange
   * and restore → CHANGED; merge → CHANGED for the survivor ({@code primaryObjectId}) and MERGED for each id in {@code
   * mergedObjectIds}. An {@code associationChange} is the change of the end that keeps it ({@link #ASSOCIATIONS}: a
   * contact's companies, a deal's contacts and companies as ASSOCIATIONS_CHANGED, a deal's line items as CHANGED of
   * the deal); other association changes are skipped.
   *
   * @throws IllegalArgumentException when the delivery is malformed (see the class comment); the message names
   *     the event's position and field, never a value
   */
  static List<InboundEvent> parse(WebhookRequest request) {
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
      if (dot > 0 && type.substring(dot + 1).equals("associationChange")) {
        association(e, where).ifPresent(out::add); // line_item.associationChange too: a change of its deal
        continue;
      }
      String objectType = dot < 0 ? null : TYPES.get(type.substring(0, dot));
      if (objectType == null) {
        continue;
      }
      String action = type.substring(dot + 1);
      if (objectType.equals(HubSpotLineItemType.INSTANCE.vendorType()) && !action.equals("creation")
          && !action.equals("propertyChange") && !action.equals("restore")) {
        continue; // a line item deleted or merged leaves its deal with a deal.associationChange of its own
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

  /** An association change as the change of the end that keeps it ({@link #ASSOCIATIONS}); empty for other pairs. */
  private static java.util.Optional<InboundEvent> association(JsonNode e, String where) {
    String[] to = ASSOCIATIONS.get(e.path("associationType").asString(""));
    if (to == null) {
      return java.util.Optional.empty();
    }
    String eventId = required(e, "eventId", where, 0);
    String portalId = required(e, "portalId", where, 1);
    String id = required(e, to[1], where, 1);
    return java.util.Optional.of(new InboundEvent(eventId, to[0], id, InboundEvent.Kind.valueOf(to[2]), null,
        occurredAt(e, where), portalId));
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
