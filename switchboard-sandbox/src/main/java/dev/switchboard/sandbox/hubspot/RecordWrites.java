package dev.switchboard.sandbox.hubspot;

import java.util.List;
import java.util.Map;

/**
 * Creating a record together with the associations its create input names ({@code SimplePublicObjectInputForCreate}:
 * {@code properties} and {@code associations[{to:{id}, types:[{associationCategory, associationTypeId}]}]}), all or
 * nothing: an association to an unknown record or with a type id that does not start at this object type fails the
 * create (400/404), as in HubSpot. The target's object type is the one the association type id leads to.
 */
final class RecordWrites {

  private RecordWrites() {}

  @SuppressWarnings("unchecked")
  static CrmObject create(CrmData crm, ObjectType type, Map<String, Object> input, Map<String, Object> props, String source) {
    return crm.journal.atomically(() -> {
      CrmObject c = crm.store(type).create(props, source);
      for (Map<String, Object> a : CrmBodies.associations(input)) {
        Object to = a.get("to") instanceof Map<?, ?> m ? m.get("id") : null;
        List<Map<String, Object>> types = a.get("types") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        if (to == null || types.isEmpty()) {
          throw HubSpotException.validation("Each association needs to.id and at least one type.");
        }
        Object typeId = types.getFirst().get("associationTypeId");
        ObjectType target = typeId instanceof Number n ? crm.labels.target(type, n.intValue()) : null;
        if (target == null) {
          throw HubSpotException.validation("associationTypeId " + typeId + " is not a valid association type from "
              + type.plural + ".");
        }
        crm.associations.associate(new Associations.End(type, c.id), crm.associations.live(target, to.toString()), types,
            source);
      }
      return c;
    });
  }

  static CrmObject create(CrmData crm, ObjectType type, Map<String, Object> input, String source) {
    return create(crm, type, input, CrmBodies.props(input), source);
  }
}
