package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.SourceRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pure HubSpot contact ⇄ canonical functions; the fields, properties and transforms are those of
 * {@code mappings/hubspot/contact.yaml} ({@link HubSpotFileMapping}). See docs/integrations/hubspot_mapping.md.
 *
 * <p>A property HubSpot returns with {@code null} or {@code ""} maps to {@code ""} (HubSpot carries the field
 * and it is empty); a property not in the response is absent. Values are only trimmed.
 */
final class HubSpotMapper {
  static final HubSpotFileMapping MAPPING = HubSpotFileMapping.of(HubSpotContactType.VENDOR_TYPE);

  /** HubSpot property → canonical field, for the one-to-one fields of the mapping. */
  static final Map<String, String> STANDARD = MAPPING.canonicalByProperty();

  /** Dates a contact when {@code updatedAt} is missing; searches filter and sort by it. */
  static final String LAST_MODIFIED = MAPPING.lastModifiedProperty();

  static final List<String> READ_PROPERTIES = List.copyOf(MAPPING.readProperties(Map.of()));

  private HubSpotMapper() {}

  /** Properties to request for reads: the mapped ones plus the mapped custom properties. */
  static List<String> readProperties(Map<String, String> custom) {
    return MAPPING.readProperties(custom);
  }

  /** Canonical field → the contact properties it is read from ({@code marketingStatus} from the opt-out). */
  static Map<String, List<String>> fieldSources(Map<String, String> custom) {
    return MAPPING.fieldSources(custom);
  }

  /**
   * A HubSpot contact object ({@code {id, properties, createdAt, updatedAt, archived}}) → canonical. The opt-out reads
   * as {@code unsubscribed} only when set: not opted out says nothing about a Mailchimp subscription.
   */
  static CanonicalRecord toCanonical(JsonNode contact, Map<String, String> custom) {
    return CanonicalRecord.contact(MAPPING.toFields(contact.path("properties"), custom));
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
   * Canonical → HubSpot {@code properties} for a write: only fields present in {@code desired} that the mapping
   * writes. {@code marketingStatus} (the opt-out is read-only) and {@code tags} (contacts have none) are never
   * written. An empty string clears the property.
   */
  static ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    return MAPPING.toProperties(desired, custom);
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
}
