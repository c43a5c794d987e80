package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HubSpot companies ({@code /crm/v3/objects/companies}) ⇄ the canonical company, as {@code mappings/hubspot/company.yaml}
 * maps them ({@link HubSpotFileMapping}). See docs/integrations/hubspot_mapping.md.
 *
 * <p>HubSpot keeps the postal address in six flat properties; the canonical {@code address} is one structured value
 * ({@code lines, city, region, postalCode, country}) that the spine cleans (country names become ISO codes). It is
 * absent when the read carried none of the six, and {@code ""} (cleared) when all were empty. A write sets all six, so
 * a component the golden address lacks is cleared at HubSpot rather than left over from an older address. The
 * employee count is HubSpot's number property; it maps to the integer {@code employeeCount}.
 */
final class HubSpotCompanyType implements HubSpotObjectType {
  static final String CANONICAL = "company";
  static final String VENDOR_TYPE = "company";
  static final HubSpotFileMapping MAPPING = HubSpotFileMapping.of(VENDOR_TYPE);
  static final String LAST_MODIFIED = MAPPING.lastModifiedProperty();
  /** After the mapping it maps by. */
  static final HubSpotCompanyType INSTANCE = new HubSpotCompanyType();

  private final HubSpotFileMapping mapping;

  private HubSpotCompanyType() {
    this(MAPPING);
  }

  private HubSpotCompanyType(HubSpotFileMapping mapping) {
    this.mapping = mapping;
  }

  /** Companies as the connection maps them: the file with the connection's override layered over it. */
  @Override
  public HubSpotObjectType at(ConnectionContext connection) {
    HubSpotFileMapping own = mapping.at(connection);
    return own == mapping ? this : new HubSpotCompanyType(own);
  }

  @Override
  public String canonicalType() {
    return CANONICAL;
  }

  @Override
  public String vendorType() {
    return VENDOR_TYPE;
  }

  @Override
  public String path() {
    return "companies";
  }

  @Override
  public Map<String, String> customWrites() {
    return mapping.customWrites();
  }

  @Override
  public String lastModifiedProperty() {
    return LAST_MODIFIED;
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    return mapping.readProperties(Map.of());
  }

  /** The address is read from six properties: it is as new as the newest of them. */
  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    return mapping.fieldSources(Map.of());
  }

  @Override
  public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
    return new CanonicalRecord(CANONICAL, mapping.toFields(object.path("properties"), Map.of()));
  }

  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    return mapping.toProperties(desired, Map.of());
  }
}
