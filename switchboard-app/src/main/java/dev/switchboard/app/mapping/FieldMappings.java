package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The canonical fields each target system receives, per canonical type: those the system's mapping files write
 * ({@link MappingCatalog}), else the declarations below for the types not yet mapped by files. A system that maps no
 * field of a type does not sync that type (Mailchimp has no companies: a member carries its company's name and address as derived fields, see
 * {@link DerivedFields}).
 */
@Component
public class FieldMappings {
  public static final String COMPANY = "company";
  public static final String ACTIVITY = "activity";
  /** The e-mail of the user a record is assigned to (HubSpot's owner). */
  public static final String OWNER = "owner";

  /** Types whose fields no mapping file declares yet (deals, products, activities). */
  private static final Map<String, Map<String, List<String>>> DECLARED = Map.of(
      // a deal's lines are its line items at HubSpot; its contacts and company are edges, not fields
      "deal", Map.of(
          "hubspot", List.of("name", "amount", "stage", "pipeline", "closeDate", "description", "lines")),
      "product", Map.of(
          "hubspot", List.of("name", "sku", "description", "price", "billingInterval", "billingIntervalCount")),
      ACTIVITY, Map.of(
          "hubspot", List.of("kind", "subject", "body", "direction", "startAt", "endAt", "dueAt", "location", "status",
              "priority", OWNER)));

  /**
   * Contact fields written to {@code system}: its defaults plus custom fields named in the connection's
   * {@code customProperties} (HubSpot) or {@code mergeFields} (Mailchimp) settings, given as
   * {@code canonicalKey=vendorName} pairs separated by commas.
   */
  public Set<String> fieldsFor(String system, Map<String, String> settings) {
    return fieldsFor(system, CanonicalRecord.CONTACT, settings);
  }

  /** Fields of {@code type} written to {@code system}; empty when the system does not sync the type. */
  public Set<String> fieldsFor(String system, String type, Map<String, String> settings) {
    Set<String> fromFiles = new LinkedHashSet<>();
    MappingCatalog.defaults().forCanonical(system, type).forEach(f -> fromFiles.addAll(f.writtenFields()));
    if (!CanonicalRecord.CONTACT.equals(type)) {
      if (!fromFiles.isEmpty()) {
        return Set.copyOf(fromFiles);
      }
      Map<String, List<String>> bySystem = DECLARED.get(type);
      return bySystem == null ? Set.of() : Set.copyOf(bySystem.getOrDefault(system, List.of()));
    }
    Set<String> fields = fromFiles.isEmpty() ? new LinkedHashSet<>(ContactField.STANDARD) : fromFiles;
    for (String key : List.of("customProperties", "mergeFields")) {
      String spec = settings.get(key);
      if (spec == null || spec.isBlank()) {
        continue;
      }
      for (String pair : spec.split(",")) {
        String canonical = pair.split("=", 2)[0].trim();
        if (canonical.isEmpty()) {
          continue;
        }
        fields.add(canonical.startsWith(ContactField.CUSTOM_PREFIX) || ContactField.STANDARD.contains(canonical)
            ? canonical : ContactField.CUSTOM_PREFIX + canonical);
      }
    }
    return fields;
  }

  /**
   * Whether a record needs an e-mail to be created in {@code system}: a Mailchimp member is its e-mail. HubSpot
   * contacts are created by the Switchboard key instead, so a phone-only contact reaches HubSpot.
   */
  public boolean requiresEmail(String system) {
    return system.equals("mailchimp");
  }
}
