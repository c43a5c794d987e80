package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.SourceRecord;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HubSpot contacts ({@code /crm/v3/objects/contacts}); the mapping is {@link HubSpotMapper}. Contacts read by a
 * connector carry their marketing opt-in ({@link HubSpotOptIns}); {@link #INSTANCE} (paths, names) reads none.
 */
final class HubSpotContactType implements HubSpotObjectType {
  static final String VENDOR_TYPE = "contact";
  static final HubSpotContactType INSTANCE = new HubSpotContactType(null);

  private final @Nullable HubSpotOptIns optIns;

  HubSpotContactType(@Nullable HubSpotOptIns optIns) {
    this.optIns = optIns;
  }

  /** Every read (one, a batch, a page) completes its contacts with their opt-ins in batched calls. */
  @Override
  public List<SourceRecord> complete(ConnectionContext connection, List<SourceRecord> read) {
    return optIns == null || read.isEmpty() ? read : optIns.complete(connection, read);
  }

  @Override
  public String canonicalType() {
    return CanonicalRecord.CONTACT;
  }

  @Override
  public String vendorType() {
    return VENDOR_TYPE;
  }

  @Override
  public String path() {
    return "contacts";
  }

  /** The connection's {@code customProperties} setting: custom properties are mapped for contacts only for now. */
  @Override
  public Map<String, String> custom(ConnectionContext connection) {
    return HubSpotMapper.customProperties(connection.setting("customProperties"));
  }

  @Override
  public String lastModifiedProperty() {
    return HubSpotMapper.LAST_MODIFIED;
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    return HubSpotMapper.readProperties(custom);
  }

  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    return HubSpotMapper.fieldSources(custom);
  }

  @Override
  public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
    return HubSpotMapper.toCanonical(object, custom);
  }

  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    return HubSpotMapper.toProperties(desired, custom);
  }

  /** A contact's companies: the company name and address a Mailchimp member carries come from its primary one. */
  @Override
  public List<String> associatedTypes() {
    return List.of(HubSpotCompanyType.INSTANCE.path());
  }

  @Override
  public String naturalKeyProperty() {
    return HubSpotMapper.MAPPING.file().vendorFieldOf(ContactField.EMAIL);
  }

  @Override
  public String naturalKeyField() {
    return ContactField.EMAIL;
  }
}
