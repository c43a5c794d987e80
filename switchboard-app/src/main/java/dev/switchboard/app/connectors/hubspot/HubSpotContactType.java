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
  private final HubSpotFileMapping mapping;

  HubSpotContactType(@Nullable HubSpotOptIns optIns) {
    this(optIns, HubSpotMapper.MAPPING);
  }

  private HubSpotContactType(@Nullable HubSpotOptIns optIns, HubSpotFileMapping mapping) {
    this.optIns = optIns;
    this.mapping = mapping;
  }

  /**
   * Contacts as the connection maps them: the file with the connection's override layered over it (custom properties,
   * a field mapped to another property, one way or through a transform).
   */
  @Override
  public HubSpotObjectType at(ConnectionContext connection) {
    HubSpotFileMapping own = mapping.at(connection);
    return own == mapping ? this : new HubSpotContactType(optIns, own);
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

  @Override
  public Map<String, String> customWrites() {
    return mapping.customWrites();
  }

  @Override
  public String lastModifiedProperty() {
    return HubSpotMapper.LAST_MODIFIED;
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    return mapping.readProperties(custom);
  }

  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    return mapping.fieldSources(custom);
  }

  @Override
  public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
    return CanonicalRecord.contact(mapping.toFields(object.path("properties"), custom));
  }

  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    return mapping.toProperties(desired, custom);
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
