package dev.switchboard.sandbox.hubspot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One portal's association labels: HubSpot's own ({@link AssociationTypes}) and the {@code USER_DEFINED} ones
 * created through the associations schema API. A user-defined label is created for a pair of object types and
 * gets two type ids, one per direction ({@code label} from → to, {@code inverseLabel}, or the same label, to →
 * from), as HubSpot's {@code POST .../labels} answers both. Thread-safe.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/associations/associations-schema/guide
 */
final class AssociationLabels {

  /** A user-defined type of one direction. */
  record Label(ObjectType from, ObjectType to, int id, String name, String label, int inverse) {}

  /** Where user-defined type ids start: above every HubSpot-defined id, so the two never meet. */
  static final int FIRST_USER_ID = 2001;

  private final Map<Integer, Label> labels = new LinkedHashMap<>();
  private int nextId = FIRST_USER_ID;

  /** The category of a type id valid from → to ({@code HUBSPOT_DEFINED}, {@code USER_DEFINED}), or null if invalid. */
  synchronized String category(ObjectType from, ObjectType to, int typeId) {
    AssociationTypes.Type t = AssociationTypes.byId(typeId);
    if (t != null) {
      return t.from() == from && t.to() == to ? "HUBSPOT_DEFINED" : null;
    }
    Label l = labels.get(typeId);
    return l != null && l.from() == from && l.to() == to ? "USER_DEFINED" : null;
  }

  /** The object type a type id leads to from {@code from}, or null when it is no type from {@code from}. */
  synchronized ObjectType target(ObjectType from, int typeId) {
    AssociationTypes.Type t = AssociationTypes.byId(typeId);
    if (t != null) {
      return t.from() == from ? t.to() : null;
    }
    Label l = labels.get(typeId);
    return l != null && l.from() == from ? l.to() : null;
  }

  /** The label of a type id (null for unlabeled types). */
  synchronized String label(int typeId) {
    AssociationTypes.Type t = AssociationTypes.byId(typeId);
    if (t != null) {
      return t.label();
    }
    Label l = labels.get(typeId);
    return l == null ? null : l.label();
  }

  /** The type id of the other direction, or null. */
  synchronized Integer inverse(int typeId) {
    Integer hubspot = AssociationTypes.inverse(typeId);
    if (hubspot != null) {
      return hubspot;
    }
    Label l = labels.get(typeId);
    return l == null ? null : l.inverse();
  }

  /** Whether the type id stands for a primary association (a contact's or deal's primary company, and back). */
  static boolean primary(int typeId) {
    AssociationTypes.Type t = AssociationTypes.byId(typeId);
    return t != null && t.primary();
  }

  /** The v3 {@code associations[].type} of a type id: HubSpot's name, or the id itself for a user-defined label. */
  static String v3Name(int typeId) {
    AssociationTypes.Type t = AssociationTypes.byId(typeId);
    return t == null ? Integer.toString(typeId) : t.v3Name();
  }

  /** Every type from → to as {@code AssociationSpecWithLabel} ({@code category, typeId, label}). */
  synchronized List<Map<String, Object>> all(ObjectType from, ObjectType to) {
    List<Map<String, Object>> out = new ArrayList<>();
    AssociationTypes.between(from, to).forEach(t -> out.add(spec("HUBSPOT_DEFINED", t.id(), t.label())));
    labels.values().stream().filter(l -> l.from() == from && l.to() == to)
        .forEach(l -> out.add(spec("USER_DEFINED", l.id(), l.label())));
    return out;
  }

  static Map<String, Object> spec(String category, int typeId, String label) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("category", category);
    m.put("typeId", typeId);
    m.put("label", label);
    return m;
  }

  /**
   * Creates a label from → to ({@code PublicAssociationDefinitionCreateRequest}: label and name required,
   * inverseLabel optional); answers both directions' types. 400 when HubSpot defines no association between the
   * types, 409 when the name is taken for the pair.
   */
  synchronized List<Map<String, Object>> create(ObjectType from, ObjectType to, Map<String, Object> body) {
    if (!(body.get("label") instanceof String label) || label.isBlank() || !(body.get("name") instanceof String name)
        || name.isBlank()) {
      throw HubSpotException.validation("label and name are required");
    }
    if (AssociationTypes.defaultType(from, to) == null) {
      throw HubSpotException.validation("Associations between " + from.plural + " and " + to.plural + " are not supported.");
    }
    if (labels.values().stream().anyMatch(l -> l.name().equals(name) && (l.from() == from && l.to() == to
        || l.from() == to && l.to() == from))) {
      throw new HubSpotException(409, "CONFLICT", "An association label named " + name + " already exists.");
    }
    String inverseLabel = body.get("inverseLabel") instanceof String s && !s.isBlank() ? s : label;
    int forward = nextId++;
    int backward = nextId++;
    labels.put(forward, new Label(from, to, forward, name, label, backward));
    labels.put(backward, new Label(to, from, backward, name, inverseLabel, forward));
    return List.of(spec("USER_DEFINED", forward, label), spec("USER_DEFINED", backward, inverseLabel));
  }

  /** Renames a user-defined label ({@code associationTypeId, label, inverseLabel}); 404 if it is not one from → to. */
  synchronized void update(ObjectType from, ObjectType to, Map<String, Object> body) {
    if (!(body.get("associationTypeId") instanceof Number id) || !(body.get("label") instanceof String label)) {
      throw HubSpotException.validation("associationTypeId and label are required");
    }
    Label l = userLabel(from, to, id.intValue());
    labels.put(l.id(), new Label(from, to, l.id(), l.name(), label, l.inverse()));
    if (body.get("inverseLabel") instanceof String inv && !inv.isBlank()) {
      Label back = labels.get(l.inverse());
      labels.put(back.id(), new Label(back.from(), back.to(), back.id(), back.name(), inv, back.inverse()));
    }
  }

  /** Deletes a user-defined label, both directions; returns the two type ids. 404 if it is not one from → to. */
  synchronized List<Integer> delete(ObjectType from, ObjectType to, int typeId) {
    Label l = userLabel(from, to, typeId);
    labels.remove(l.id());
    labels.remove(l.inverse());
    return List.of(l.id(), l.inverse());
  }

  private Label userLabel(ObjectType from, ObjectType to, int typeId) {
    Label l = labels.get(typeId);
    if (l == null || l.from() != from || l.to() != to) {
      throw HubSpotException.notFound();
    }
    return l;
  }

  synchronized void reset() {
    labels.clear();
    nextId = FIRST_USER_ID;
  }
}
