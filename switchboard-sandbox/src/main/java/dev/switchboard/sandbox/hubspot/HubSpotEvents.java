package dev.switchboard.sandbox.hubspot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CRM change as HubSpot's webhooks report it, before it is matched to subscriptions: the action
 * ({@code creation}, {@code propertyChange}, {@code deletion}, {@code privacyDeletion}, {@code merge},
 * {@code restore}, {@code associationChange}), the object type and record, the property for a property change,
 * and the action's own payload fields. {@link #payload} renders it for one subscription: the legacy
 * {@code <type>.<action>} event or the generic {@code object.<action>} one, which also names the
 * {@code objectTypeId} (and, for an association change, both ends' type ids, the association type id and category).
 *
 * <p>Payload fields: https://developers.hubspot.com/docs/api-reference/latest/webhooks/guide (common fields,
 * {@code changeFlag}, {@code propertyName}/{@code propertyValue});
 * https://developers.hubspot.com/changelog/new-subscription-types-for-webhooks (merge: {@code primaryObjectId},
 * {@code mergedObjectIds}, {@code newObjectId}, {@code numberOfPropertiesMoved}; association change:
 * {@code associationType}, {@code fromObjectId}, {@code toObjectId}, {@code associationRemoved},
 * {@code isPrimaryAssociation}; restore: no new fields);
 * https://developers.hubspot.com/changelog/public-beta-generic-webhook-subscriptions ({@code object.*} with
 * {@code objectTypeId}).
 */
record HubSpotEvents(String action, ObjectType type, Long objectId, String property, Instant at, String source,
    Map<String, Object> fields, Map<String, Object> genericFields) {

  static HubSpotEvents creation(ObjectType type, long id, Instant at, String source) {
    return new HubSpotEvents("creation", type, id, null, at, source, Map.of("changeFlag", "NEW"), Map.of());
  }

  static HubSpotEvents propertyChange(ObjectType type, long id, String name, String value, Instant at, String source) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("propertyName", name);
    f.put("propertyValue", value);
    return new HubSpotEvents("propertyChange", type, id, name, at, source, f, Map.of());
  }

  static HubSpotEvents deletion(ObjectType type, long id, Instant at, String source) {
    return new HubSpotEvents("deletion", type, id, null, at, source, Map.of("changeFlag", "DELETED"), Map.of());
  }

  static HubSpotEvents privacyDeletion(ObjectType type, long id, Instant at, String source) {
    return new HubSpotEvents("privacyDeletion", type, id, null, at, source, Map.of(), Map.of());
  }

  static HubSpotEvents restore(ObjectType type, long id, Instant at, String source) {
    return new HubSpotEvents("restore", type, id, null, at, source, Map.of(), Map.of());
  }

  static HubSpotEvents merge(ObjectType type, long primaryId, List<Long> mergedIds, int moved, Instant at, String source) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("primaryObjectId", primaryId);
    f.put("mergedObjectIds", mergedIds);
    f.put("newObjectId", primaryId); // the primary keeps its id, so the record the merge leaves is the primary
    f.put("numberOfPropertiesMoved", moved);
    return new HubSpotEvents("merge", type, primaryId, null, at, source, f, Map.of());
  }

  /** One association type added or removed from → to (the other direction is an event of its own). */
  static HubSpotEvents associationChange(Associations.End from, Associations.End to, int typeId, String category,
      boolean removed, Instant at, String source) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("associationType", from.type().upper() + "_TO_" + to.type().upper());
    f.put("fromObjectId", from.id());
    f.put("toObjectId", to.id());
    f.put("associationRemoved", removed);
    f.put("isPrimaryAssociation", AssociationLabels.primary(typeId));
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("fromObjectTypeId", from.type().typeId);
    g.put("toObjectTypeId", to.type().typeId);
    g.put("associationTypeId", typeId);
    g.put("associationCategory", category);
    return new HubSpotEvents("associationChange", from.type(), null, null, at, source, f, g);
  }

  /** The legacy event type ({@code contact.creation}); the webhooks v3 enum decides whether it exists. */
  String legacyType() {
    return type.singular + "." + action;
  }

  String genericType() {
    return "object." + action;
  }

  /**
   * The event as delivered for one subscription ({@code subscriptionType} legacy or generic). {@code eventId}s are
   * unique per delivery; {@code attemptNumber} is set per attempt by the publisher.
   */
  Map<String, Object> payload(long eventId, Object subscriptionId, long portalId, long appId, String subscriptionType) {
    boolean generic = subscriptionType.startsWith("object.");
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("eventId", eventId);
    e.put("subscriptionId", subscriptionId);
    e.put("portalId", portalId);
    e.put("appId", appId);
    e.put("occurredAt", at.toEpochMilli());
    e.put("subscriptionType", subscriptionType);
    e.put("attemptNumber", 0);
    if (generic) {
      e.put("objectTypeId", type.typeId);
    }
    if (objectId != null) {
      e.put("objectId", objectId);
    }
    e.put("changeSource", source);
    e.putAll(fields);
    if (generic) {
      e.putAll(genericFields);
    }
    return e;
  }
}
