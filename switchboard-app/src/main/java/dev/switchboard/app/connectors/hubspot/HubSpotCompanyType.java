package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HubSpot companies ({@code /crm/v3/objects/companies}) ⇄ the canonical company. See
 * docs/integrations/hubspot_mapping.md.
 *
 * <p>HubSpot keeps the postal address in six flat properties ({@code address}, {@code address2}, {@code city},
 * {@code state}, {@code zip}, {@code country}); the canonical {@code address} is one structured value
 * ({@code lines, city, region, postalCode, country}) that the spine cleans (country names become ISO codes). It is
 * absent when the read carried none of the six, and {@code ""} (cleared) when all were empty. A write sets all six, so
 * a component the golden address lacks is cleared at HubSpot rather than left over from an older address.
 * {@code numberofemployees} is HubSpot's number property; it maps to the integer {@code employeeCount}.
 */
final class HubSpotCompanyType implements HubSpotObjectType {
  static final HubSpotCompanyType INSTANCE = new HubSpotCompanyType();
  static final String CANONICAL = "company";
  static final String LAST_MODIFIED = "hs_lastmodifieddate";

  /** HubSpot property → canonical field, for the single-valued fields. */
  static final Map<String, String> PLAIN = orderedMap("name", "name", "domain", "domain", "website", "website",
      "phone", "phone", "industry", "industry", "description", "description", "numberofemployees", "employeeCount",
      HubSpotOwners.PROPERTY, HubSpotOwners.FIELD); // the owner's id, made its e-mail by HubSpotOwners
  static final List<String> ADDRESS = List.of("address", "address2", "city", "state", "zip", "country");

  @Override
  public String canonicalType() {
    return CANONICAL;
  }

  @Override
  public String vendorType() {
    return "company";
  }

  @Override
  public String path() {
    return "companies";
  }

  @Override
  public String lastModifiedProperty() {
    return LAST_MODIFIED;
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    List<String> props = new ArrayList<>(PLAIN.keySet());
    props.addAll(ADDRESS);
    props.add(LAST_MODIFIED);
    return props;
  }

  /** The address is read from six properties: it is as new as the newest of them. */
  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    PLAIN.forEach((hs, canonical) -> out.put(canonical, List.of(hs)));
    out.put("address", ADDRESS);
    return out;
  }

  @Override
  public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
    JsonNode props = object.path("properties");
    Map<String, Object> fields = new LinkedHashMap<>();
    PLAIN.forEach((hs, canonical) -> {
      if (props.has(hs)) {
        fields.put(canonical, HubSpotMapper.text(props.get(hs)));
      }
    });
    if (ADDRESS.stream().anyMatch(props::has)) {
      Map<String, Object> address = new LinkedHashMap<>();
      List<String> lines = new ArrayList<>();
      for (String line : List.of("address", "address2")) {
        String v = HubSpotMapper.text(props.get(line));
        if (!v.isEmpty()) {
          lines.add(v);
        }
      }
      if (!lines.isEmpty()) {
        address.put("lines", lines);
      }
      putText(address, "city", props.get("city"));
      putText(address, "region", props.get("state"));
      putText(address, "postalCode", props.get("zip"));
      putText(address, "country", props.get("country"));
      fields.put("address", address.isEmpty() ? "" : address);
    }
    return new CanonicalRecord(CANONICAL, fields);
  }

  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    ObjectNode props = HubSpotClient.JSON.createObjectNode();
    PLAIN.forEach((hs, canonical) -> {
      if (desired.has(canonical)) {
        Object v = desired.fields().get(canonical);
        props.put(hs, v == null ? "" : String.valueOf(v).trim());
      }
    });
    if (desired.has("address")) {
      Map<?, ?> a = desired.fields().get("address") instanceof Map<?, ?> m ? m : Map.of();
      // HubSpot has two street lines: a third one goes with the second rather than being lost
      dev.switchboard.app.connectors.AddressLines.writeTwoLines(a, props::put, "address", "address2", "city", "state",
          "zip", "country");
    }
    return props;
  }

  private static void putText(Map<String, Object> out, String key, JsonNode value) {
    String v = HubSpotMapper.text(value);
    if (!v.isEmpty()) {
      out.put(key, v);
    }
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
