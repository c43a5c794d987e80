package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ContactField;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The canonical fields each target system receives. */
@Component
public class FieldMappings {

  private static final Map<String, List<String>> DEFAULTS = Map.of(
      "hubspot", List.of(ContactField.EMAIL, ContactField.FIRST_NAME, ContactField.LAST_NAME, ContactField.PHONE,
          ContactField.COMPANY, ContactField.LIFECYCLE_STAGE),
      "mailchimp", List.of(ContactField.EMAIL, ContactField.FIRST_NAME, ContactField.LAST_NAME, ContactField.PHONE,
          ContactField.COMPANY, ContactField.MARKETING_STATUS, ContactField.TAGS));

  /**
   * Fields written to {@code system} for contacts: its defaults plus custom fields named in the connection's
   * {@code customProperties} (HubSpot) or {@code mergeFields} (Mailchimp) settings, given as
   * {@code canonicalKey=vendorName} pairs separated by commas.
   */
  public Set<String> fieldsFor(String system, Map<String, String> settings) {
    Set<String> fields = new LinkedHashSet<>(DEFAULTS.getOrDefault(system, ContactField.STANDARD));
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
