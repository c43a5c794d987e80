package dev.switchboard.app.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The mapping of one vendor type of one system to a canonical type, as read from
 * {@code mappings/<system>/<vendorType>.yaml}: its field rules in file order, the fields a read asks for besides the
 * mapped ones, and the filter deciding which records sync with the system at all.
 *
 * @param resource the file, for messages ({@code mappings/hubspot/contact.yaml})
 * @param alsoRead   vendor fields a read asks for that map to no canonical field (the last-modified time)
 * @param modifiedAt the vendor field that dates a record (searches filter and sort by it), or null
 * @param filter   null: every record of the type syncs
 * @param requiredAtCreate vendor fields the vendor requires of every new record, which a record may lack (HubSpot's
 *                   {@code hs_timestamp} of an engagement): the binding supplies them on a create
 */
public record MappingFile(String resource, String system, String vendorType, String canonicalType,
    List<FieldRule> rules, List<String> alsoRead, @Nullable String modifiedAt, @Nullable RecordFilter filter,
    List<String> requiredAtCreate) {
  public MappingFile {
    rules = List.copyOf(rules);
    alsoRead = List.copyOf(alsoRead);
    requiredAtCreate = List.copyOf(requiredAtCreate);
  }

  /** A file that requires nothing of a create. */
  public MappingFile(String resource, String system, String vendorType, String canonicalType, List<FieldRule> rules,
      List<String> alsoRead, @Nullable String modifiedAt, @Nullable RecordFilter filter) {
    this(resource, system, vendorType, canonicalType, rules, alsoRead, modifiedAt, filter, List.of());
  }

  /** The rules that read the vendor's values into the record. */
  public List<FieldRule> readRules() {
    return rules.stream().filter(r -> r.direction().reads() && !r.canonical().isEmpty()).toList();
  }

  /** The rules that write values to the vendor. */
  public List<FieldRule> writeRules() {
    return rules.stream().filter(r -> r.direction().writes() && !r.vendor().isEmpty()).toList();
  }

  /** The canonical fields the system receives, in file order: a change to any other field causes no write there. */
  public Set<String> writtenFields() {
    Set<String> out = new LinkedHashSet<>();
    writeRules().forEach(r -> out.addAll(r.canonical()));
    return out;
  }

  /**
   * The vendor fields a read asks for: those of the reading rules (but not child objects), then {@link #alsoRead};
   * each once.
   */
  public List<String> readVendorFields() {
    Set<String> out = new LinkedHashSet<>();
    // child objects are read by their own calls, not as fields of the record
    readRules().stream().filter(r -> !(r.transform() instanceof ChildrenTransform)).forEach(r -> out.addAll(r.vendor()));
    out.addAll(alsoRead);
    return new ArrayList<>(out);
  }

  /** Every vendor field the file names, reading or writing. */
  public Set<String> vendorFields() {
    Set<String> out = new LinkedHashSet<>();
    rules.forEach(r -> out.addAll(r.vendor()));
    out.addAll(alsoRead);
    out.addAll(requiredAtCreate);
    return out;
  }

  /**
   * The vendor field of a one-to-one rule for {@code canonicalField} (the natural key's property).
   *
   * @throws IllegalStateException when the file maps it otherwise or not at all
   */
  public String vendorFieldOf(String canonicalField) {
    return rule(canonicalField).orElseThrow(() -> new IllegalStateException(resource + " does not map "
        + canonicalField)).vendorField();
  }

  /** The rule mapping {@code canonicalField}, if any (the first one that names it). */
  public Optional<FieldRule> rule(String canonicalField) {
    return rules.stream().filter(r -> r.canonical().contains(canonicalField)).findFirst();
  }

  /** The rule of a one-field mapping to {@code vendorField}, if any. */
  public Optional<FieldRule> ruleForVendor(String vendorField) {
    return rules.stream().filter(r -> r.vendor().contains(vendorField)).findFirst();
  }
}
