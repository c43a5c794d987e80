package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.ConnectionContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * The properties a tenant's mapping names that the portal does not have yet: created as single-line text
 * ({@code type string}, {@code fieldType text}: what a custom field's value is in the spine) in the {@code switchboard}
 * property group, next to {@code switchboard_id}. Looked up first, so a repeated save creates nothing; a 409 (someone
 * made it meanwhile) counts as there.
 */
final class HubSpotCustomProperties {
  private final HubSpotClient client;

  HubSpotCustomProperties(HubSpotClient client) {
    this.client = client;
  }

  /**
   * Creates property {@code name} of {@code type} ({@code contacts}) unless it exists.
   *
   * @return true when this call created it
   * @throws dev.switchboard.app.connectors.VendorException when HubSpot refuses (an invalid name: 400) or cannot be
   *     asked
   */
  boolean ensure(ConnectionContext connection, String type, String name, String label) {
    if (client.getProperty(connection, type, name).isPresent()) {
      return false;
    }
    ObjectNode group = HubSpotClient.JSON.createObjectNode().put("name", HubSpotKeyProperty.GROUP)
        .put("label", "Switchboard");
    client.createPropertyGroup(connection, type, group);
    ObjectNode property = HubSpotClient.JSON.createObjectNode()
        .put("name", name)
        .put("label", label)
        .put("description", "Created by Switchboard for a field mapping.")
        .put("groupName", HubSpotKeyProperty.GROUP)
        .put("type", "string")
        .put("fieldType", "text")
        .put("formField", false);
    return client.createProperty(connection, type, property);
  }
}
