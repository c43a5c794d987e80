package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The canonical fields each target system receives, per canonical type: those the system's mapping files write
 * ({@link MappingCatalog}). A system that maps no field of a type does not sync that type (Mailchimp has no companies:
 * a member carries its company's name and address as derived fields, see {@link DerivedFields}).
 */
@Component
public class FieldMappings {
  public static final String COMPANY = "company";
  public static final String ACTIVITY = "activity";
  /** The e-mail of the user a record is assigned to (HubSpot's owner). */
  public static final String OWNER = "owner";

  /** Contact fields written to {@code system}: see {@link #fieldsFor(String, String, Map)}. */
  public Set<String> fieldsFor(String system, Map<String, String> settings) {
    return fieldsFor(system, CanonicalRecord.CONTACT, settings);
  }

  /**
   * Fields of {@code type} written to {@code system}; empty when the system does not sync the type. Those of its mapping
   * files as the connection's override changes them ({@link EffectiveMapping}: a custom field it maps, a field it maps
   * read-only no longer written), and the type's subtype field (an activity's {@code kind}) when a file reads it: each
   * vendor type holds one subtype (a HubSpot call is an activity of kind {@code call}), and a new record is created as
   * the vendor type of its subtype ({@code Connector#vendorTypeFor(type, values)}), so its values carry it.
   */
  public Set<String> fieldsFor(String system, String type, Map<String, String> settings) {
    Set<String> fromFiles = new LinkedHashSet<>();
    List<MappingFile> files = MappingCatalog.defaults().forCanonical(system, type);
    files.forEach(f -> fromFiles.addAll(EffectiveMapping.of(f, settings).writtenFields()));
    if (!fromFiles.isEmpty()) {
      dev.switchboard.app.canonical.model.CanonicalTypes.standard().find(type)
          .flatMap(dev.switchboard.app.canonical.model.CanonicalType::subtypeField)
          .filter(sub -> files.stream().anyMatch(f -> f.readRules().stream().anyMatch(r -> r.canonical().contains(sub))))
          .ifPresent(fromFiles::add);
      return fromFiles;
    }
    // a system without mapping files takes the standard contact fields (a connector whose files are still to come);
    // of any other type, the system syncs only what its files map
    return CanonicalRecord.CONTACT.equals(type) ? new LinkedHashSet<>(ContactField.STANDARD) : Set.of();
  }

  /**
   * The filter deciding which records of {@code type} {@code system} receives as {@code vendorType} (null: as the one
   * vendor type the system maps {@code type} to): the connection's override ({@link RecordFilters}) over the mapping
   * file's. {@link RecordFilter#ALL} where neither has one, or no file maps the type.
   */
  public RecordFilter filterFor(String system, String type, @Nullable String vendorType, Map<String, String> settings) {
    List<MappingFile> files = MappingCatalog.defaults().forCanonical(system, type);
    MappingFile file = files.stream().filter(f -> f.vendorType().equals(vendorType)).findFirst()
        .orElse(files.size() == 1 ? files.getFirst() : null);
    return file == null ? RecordFilter.ALL : RecordFilters.effective(file, settings);
  }

  /** The canonical fields whose change can change whether a record of {@code type} passes {@code system}'s filters. */
  public Set<String> filterFields(String system, String type, Map<String, String> settings) {
    Set<String> out = new LinkedHashSet<>();
    for (MappingFile f : MappingCatalog.defaults().forCanonical(system, type)) {
      String field = RecordFilters.effective(f, settings).field();
      if (field != null) {
        out.add(field);
      }
    }
    return out;
  }

  /**
   * Whether a record needs an e-mail to be created in {@code system}: a Mailchimp member is its e-mail. HubSpot
   * contacts are created by the Switchboard key instead, so a phone-only contact reaches HubSpot.
   */
  public boolean requiresEmail(String system) {
    return system.equals("mailchimp");
  }
}
