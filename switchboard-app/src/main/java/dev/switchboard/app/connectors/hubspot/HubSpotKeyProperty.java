package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.VendorException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The property {@code switchboard_id} (in the property group {@code switchboard}) of each object type Switchboard creates
 * (contacts, companies) that holds each object's Switchboard create key: unique values, so it can be the
 * {@code idProperty} of a batch upsert, and a create repeated after a crash updates the object the first attempt made
 * instead of making a second one.
 *
 * <p>Set up idempotently: at every connection check, and before the first create of a connection this process has
 * not set up yet. A 409 (another node or an earlier check made it) is success once the property is seen to have
 * unique values; one without them cannot key an upsert and fails with {@code switchboard_id_not_unique}.
 */
final class HubSpotKeyProperty {
  static final String GROUP = "switchboard";
  static final String NAME = "switchboard_id";

  private final HubSpotClient client;
  /** (connection, object type) pairs set up by this process: the setup costs two calls, once. */
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  HubSpotKeyProperty(HubSpotClient client) {
    this.client = client;
  }

  /** Creates the group and the property of {@code type} ({@code contacts}) unless they exist. */
  void ensure(ConnectionContext connection, String type) {
    ObjectNode group = HubSpotClient.JSON.createObjectNode().put("name", GROUP).put("label", "Switchboard");
    client.createPropertyGroup(connection, type, group);
    ObjectNode property = HubSpotClient.JSON.createObjectNode()
        .put("name", NAME)
        .put("label", "Switchboard ID")
        .put("description", "Set by Switchboard when it creates the record, so that a retried create never makes a "
            + "duplicate. Do not edit.")
        .put("groupName", GROUP)
        .put("type", "string")
        .put("fieldType", "text")
        .put("hasUniqueValue", true)
        .put("formField", false); // not offered on forms: only Switchboard writes it
    if (!client.createProperty(connection, type, property)) {
      JsonNode existing = client.getProperty(connection, type, NAME).orElse(null);
      if (existing == null || !existing.path("hasUniqueValue").asBoolean(false)) {
        throw new VendorException(0, false, null, "switchboard_id_not_unique", "the hubspot " + type + " property "
            + NAME + " exists without unique values (or is archived); delete it so Switchboard can create it");
      }
    }
    ready.add(connection.connectionId() + "|" + type);
  }

  /** The create key an object carries (its {@code switchboard_id}), null when none. */
  static @org.jspecify.annotations.Nullable String of(JsonNode object) {
    String key = HubSpotMapper.text(object.path("properties").path(NAME));
    return key.isBlank() ? null : key;
  }

  /** {@link #ensure} unless this process set the connection's {@code type} up already. */
  void ensureOnce(ConnectionContext connection, String type) {
    if (!ready.contains(connection.connectionId() + "|" + type)) {
      ensure(connection, type);
    }
  }
}
