package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.SourceRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pure HubSpot contact ⇄ canonical functions. See docs/integrations/hubspot_mapping.md.
 *
 * <p>A property HubSpot returns with {@code null} or {@code ""} maps to {@code ""} (HubSpot carries the field
 * and it is empty); a property not in the response is absent. Values are only trimmed.
 */
final class HubSpotMapper {

  /** HubSpot property → canonical field, for the standard fields we read and write. */
  static final Map<String, String> STANDARD = Map.of(
      "email", ContactField.EMAIL,
      "firstname", ContactField.FIRST_NAME,
      "lastname", ContactField.LAST_NAME,
      "phone", ContactField.PHONE,
      "company", ContactField.COMPANY,
      "lifecyclestage", ContactField.LIFECYCLE_STAGE,
      HubSpotOwners.PROPERTY, HubSpotOwners.FIELD); // the owner's id, made its e-mail by HubSpotOwners

  /** Read-only: {@code true} means opted out of all email. */
  static final String OPT_OUT = "hs_email_optout";
  static final String LAST_MODIFIED = "lastmodifieddate";

  static final List<String> READ_PROPERTIES = List.of("email", "firstname", "lastname", "phone", "company",
      "lifecyclestage", HubSpotOwners.PROPERTY, OPT_OUT, LAST_MODIFIED);

  private HubSpotMapper() {}

  /**
   * Parses the connection setting {@code customProperties}: {@code loyalty_tier=loyalty_tier,vip=hs_vip}
   * (canonical custom key = HubSpot property name). Returns canonical key (without {@code custom.}) →
   * HubSpot property, in order.
   */
  static Map<String, String> customProperties(@Nullable String setting) {
    Map<String, String> out = new LinkedHashMap<>();
    if (setting == null || setting.isBlank()) {
      return out;
    }
    for (String pair : setting.split(",")) {
      String p = pair.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String key = (eq < 0 ? p : p.substring(0, eq)).trim();
      String prop = (eq < 0 ? p : p.substring(eq + 1)).trim();
      if (key.startsWith(ContactField.CUSTOM_PREFIX)) {
        key = key.substring(ContactField.CUSTOM_PREFIX.length());
      }
      if (!key.isEmpty() && !prop.isEmpty()) {
        out.put(key, prop.toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }

  /** Properties to request for reads: the standard ones plus the mapped custom properties. */
  static List<String> readProperties(Map<String, String> custom) {
    List<String> props = new ArrayList<>(READ_PROPERTIES);
    for (String p : custom.values()) {
      if (!props.contains(p)) {
        props.add(p);
      }
    }
    return props;
  }

  /** Canonical field → the contact property it is read from ({@code marketingStatus} from {@code hs_email_optout}). */
  static Map<String, List<String>> fieldSources(Map<String, String> custom) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String hs : READ_PROPERTIES) { // in the order reads name them
      if (STANDARD.containsKey(hs)) {
        out.put(STANDARD.get(hs), List.of(hs));
      }
    }
    out.put(ContactField.MARKETING_STATUS, List.of(OPT_OUT));
    custom.forEach((key, hs) -> out.put(ContactField.CUSTOM_PREFIX + key, List.of(hs)));
    return out;
  }

  /** A HubSpot contact object ({@code {id, properties, createdAt, updatedAt, archived}}) → canonical. */
  static CanonicalRecord toCanonical(JsonNode contact, Map<String, String> custom) {
    JsonNode props = contact.path("properties");
    Map<String, Object> fields = new LinkedHashMap<>();
    STANDARD.forEach((hs, canonical) -> {
      if (props.has(hs)) {
        fields.put(canonical, text(props.get(hs)));
      }
    });
    if (props.has(OPT_OUT) && "true".equalsIgnoreCase(text(props.get(OPT_OUT)))) {
      // Opted out of all email: the only marketing status HubSpot knows for sure. "false" says nothing
      // about a Mailchimp subscription, so it stays absent.
      fields.put(ContactField.MARKETING_STATUS, "unsubscribed");
    }
    custom.forEach((key, hs) -> {
      if (props.has(hs)) {
        fields.put(ContactField.CUSTOM_PREFIX + key, text(props.get(hs)));
      }
    });
    return CanonicalRecord.contact(fields);
  }

  /** A contact object as the source record the spine applies. */
  static SourceRecord source(JsonNode contact, Map<String, String> custom) {
    Instant modified = modifiedAt(contact);
    return new SourceRecord(CanonicalRecord.CONTACT, contact.path("id").asString(),
        modified != null ? modified : Instant.EPOCH, toCanonical(contact, custom));
  }

  /** {@code updatedAt}, else {@code properties.lastmodifieddate}, else null. */
  static @Nullable Instant modifiedAt(JsonNode contact) {
    Instant t = instant(contact.path("updatedAt"));
    return t != null ? t : instant(contact.path("properties").path(LAST_MODIFIED));
  }

  /**
   * Canonical → HubSpot {@code properties} for a write: only fields present in {@code desired} that HubSpot
   * maps. {@code marketingStatus} (hs_email_optout is read-only) and {@code tags} (contacts have none) are
   * never written. An empty string clears the property.
   */
  static ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    ObjectNode props = HubSpotClient.JSON.createObjectNode();
    STANDARD.forEach((hs, canonical) -> {
      if (desired.has(canonical)) {
        props.put(hs, trim(desired.string(canonical)));
      }
    });
    custom.forEach((key, hs) -> {
      String field = ContactField.CUSTOM_PREFIX + key;
      if (desired.has(field)) {
        props.put(hs, trim(desired.string(field)));
      }
    });
    return props;
  }

  static String text(@Nullable JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode() || !n.isValueNode()) {
      return "";
    }
    return n.asString().trim();
  }

  static @Nullable Instant instant(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isNumber()) {
      return Instant.ofEpochMilli(n.asLong());
    }
    String s = n.asString().trim();
    if (s.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return Instant.ofEpochMilli(Long.parseLong(s));
      } catch (NumberFormatException e2) {
        return null;
      }
    }
  }

  private static String trim(@Nullable String s) {
    return s == null ? "" : s.trim();
  }
}
