package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector.EnsuredField;
import dev.switchboard.app.mapping.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The properties a tenant's mapping names that the portal does not have yet: created in the {@code switchboard}
 * property group, next to {@code switchboard_id}, as HubSpot's {@code type}/{@code fieldType} pair for the wanted
 * {@link FieldSpec}: {@code string/text}, {@code number/number}, {@code date/date}, {@code datetime/date},
 * {@code bool/booleancheckbox} (with HubSpot's two options {@code true}/{@code false}) and
 * {@code enumeration/select} with the options ({@code label}, {@code value}, {@code displayOrder}). Looked up first,
 * so a repeated save creates nothing and a property that is there keeps its type; a 409 (someone made it meanwhile)
 * counts as there.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/properties/guide
 */
final class HubSpotCustomProperties {
  private final HubSpotClient client;

  HubSpotCustomProperties(HubSpotClient client) {
    this.client = client;
  }

  /**
   * Creates property {@code name} of {@code type} ({@code contacts}) unless it exists.
   *
   * @throws dev.switchboard.app.connectors.VendorException when HubSpot refuses (an invalid name: 400) or cannot be
   *     asked
   */
  EnsuredField ensure(ConnectionContext connection, String type, String name, String label, FieldSpec spec) {
    Optional<JsonNode> there = client.getProperty(connection, type, name);
    if (there.isPresent()) {
      return new EnsuredField(false, spec(there.get()));
    }
    ObjectNode group = HubSpotClient.JSON.createObjectNode().put("name", HubSpotKeyProperty.GROUP)
        .put("label", "Switchboard");
    client.createPropertyGroup(connection, type, group);
    if (client.createProperty(connection, type, property(name, label, spec))) {
      return new EnsuredField(true, null);
    }
    // made meanwhile: what it is now
    return new EnsuredField(false, client.getProperty(connection, type, name).map(HubSpotCustomProperties::spec)
        .orElse(null));
  }

  /** Property {@code name} of {@code type} in {@link FieldSpec} terms, if the portal has it. */
  Optional<FieldSpec> describe(ConnectionContext connection, String type, String name) {
    return client.getProperty(connection, type, name).map(HubSpotCustomProperties::spec);
  }

  /** The {@code PropertyCreate} for {@code spec}. */
  static ObjectNode property(String name, String label, FieldSpec spec) {
    ObjectNode property = HubSpotClient.JSON.createObjectNode()
        .put("name", name)
        .put("label", label)
        .put("description", "Created by Switchboard for a field mapping.")
        .put("groupName", HubSpotKeyProperty.GROUP)
        .put("formField", false);
    List<FieldSpec.Option> options = new ArrayList<>();
    switch (spec.kind()) {
      case FieldSpec.NUMBER -> property.put("type", "number").put("fieldType", "number");
      case FieldSpec.DATE -> property.put("type", "date").put("fieldType", "date");
      case FieldSpec.DATETIME -> property.put("type", "datetime").put("fieldType", "date");
      case FieldSpec.BOOL -> {
        property.put("type", "bool").put("fieldType", "booleancheckbox");
        // HubSpot's own checkbox options: the values a bool property stores
        options.add(new FieldSpec.Option("true", "Yes"));
        options.add(new FieldSpec.Option("false", "No"));
      }
      case FieldSpec.ENUMERATION -> {
        property.put("type", "enumeration").put("fieldType", "select");
        options.addAll(spec.choices());
      }
      default -> property.put("type", "string").put("fieldType", "text");
    }
    if (!options.isEmpty()) {
      ArrayNode out = property.putArray("options");
      for (int i = 0; i < options.size(); i++) {
        out.addObject().put("label", options.get(i).label()).put("value", options.get(i).value())
            .put("displayOrder", i).put("hidden", false);
      }
    }
    return property;
  }

  /**
   * A property definition in {@link FieldSpec} terms: {@code number}, {@code date}, {@code datetime}, {@code bool}
   * and {@code enumeration} (with its visible options, a multiple checkbox too) as they are; {@code string},
   * {@code phone_number} and anything else text.
   */
  static FieldSpec spec(JsonNode property) {
    String type = property.path("type").asString("");
    return switch (type) {
      case "number" -> FieldSpec.of(FieldSpec.NUMBER);
      case "date" -> FieldSpec.of(FieldSpec.DATE);
      case "datetime" -> FieldSpec.of(FieldSpec.DATETIME);
      case "bool" -> FieldSpec.of(FieldSpec.BOOL);
      case "enumeration" -> {
        List<FieldSpec.Option> options = new ArrayList<>();
        for (JsonNode o : property.path("options")) {
          if (!o.path("hidden").asBoolean(false) && !o.path("value").asString("").isEmpty()) {
            options.add(new FieldSpec.Option(o.path("value").asString(), o.path("label").asString("")));
          }
        }
        yield FieldSpec.enumeration(options);
      }
      default -> FieldSpec.text();
    };
  }
}
