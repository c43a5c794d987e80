package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.mapping.FieldRule;
import dev.switchboard.app.mapping.MappingCatalog;
import dev.switchboard.app.mapping.MappingFile;
import dev.switchboard.app.mapping.MappingValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One engagement type as its file maps it ({@code mappings/hubspot/<vendorType>.yaml}: {@code meeting.yaml}, …). What
 * differs from the other HubSpot types' files ({@link HubSpotFileMapping}, which it writes through): the {@code kind}
 * is a constant read with no property of its own; a value a rule cannot read (a status outside HubSpot's defaults, a
 * date HubSpot would not hold) is left out, never guessed, rather than failing the read; a field read from several
 * properties is dated only by those it is read from (a call's start by {@code hs_timestamp}, its end by that and the
 * duration); and the fields written through a table (status, direction, priority) hold only values the table has.
 */
final class HubSpotEngagementMapping {
  private final MappingFile file;
  private final HubSpotFileMapping writes;

  HubSpotEngagementMapping(MappingFile file) {
    this.file = file;
    this.writes = new HubSpotFileMapping(file);
  }

  /** The default mapping of an engagement vendor type. */
  static HubSpotEngagementMapping of(String vendorType) {
    return new HubSpotEngagementMapping(MappingCatalog.defaults().file("hubspot", vendorType));
  }

  MappingFile file() {
    return file;
  }

  String lastModifiedProperty() {
    return writes.lastModifiedProperty();
  }

  /** The properties a read asks for: those the file reads, then the last-modified one. */
  List<String> readProperties() {
    return writes.readProperties(Map.of());
  }

  /** Canonical field → the properties it is read from (a constant is read from none and is not listed). */
  Map<String, List<String>> fieldSources() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (FieldRule r : file.readRules()) {
      if (r.vendor().isEmpty()) {
        continue;
      }
      for (int i = 0; i < r.canonical().size(); i++) {
        out.put(r.canonical().get(i), r.transform().readFrom(i, r.vendor().size()).stream().map(r.vendor()::get)
            .toList());
      }
    }
    return out;
  }

  /** {@code properties} of an object → canonical fields, in the file's order. */
  Map<String, Object> toFields(JsonNode props) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (FieldRule r : file.readRules()) {
      if (!r.vendor().isEmpty() && r.vendor().stream().noneMatch(props::has)) {
        continue; // not in the response: absent
      }
      List<@Nullable Object> in = new ArrayList<>();
      r.vendor().forEach(v -> in.add(props.has(v) ? HubSpotMapper.text(props.get(v)) : null));
      List<@Nullable Object> out;
      try {
        out = r.transform().read(in);
      } catch (MappingValueException e) {
        continue; // a value the rule cannot read is left out, never guessed
      }
      for (int i = 0; i < r.canonical().size(); i++) {
        if (out.get(i) != null) {
          fields.put(r.canonical().get(i), Objects.requireNonNull(out.get(i)));
        }
      }
    }
    return fields;
  }

  /** Canonical → {@code properties}: the file's write rules whose fields {@code desired} carries. */
  ObjectNode toProperties(CanonicalRecord desired) {
    return writes.toProperties(desired, Map.of());
  }

  /**
   * Why {@code write} cannot be sent: a value of a field it carries that the file's rule cannot write (a date that is
   * none, a code a refusing table lacks), named by the field and the reason, never the value; null when every value
   * can be written.
   */
  dev.switchboard.app.connectors.WriteResult.@Nullable Rejected refusal(dev.switchboard.app.connectors.WriteRequest write) {
    CanonicalRecord desired = write.desired();
    for (FieldRule r : file.writeRules()) {
      if (r.canonical().isEmpty() || r.canonical().stream().noneMatch(desired::has)) {
        continue;
      }
      List<@Nullable Object> in = new ArrayList<>();
      r.canonical().forEach(c -> in.add(desired.has(c) ? Objects.requireNonNullElse(desired.fields().get(c), "") : null));
      try {
        r.transform().write(in);
      } catch (MappingValueException e) {
        String field = String.join(", ", r.canonical());
        return new dev.switchboard.app.connectors.WriteResult.Rejected(write.ref(), e.code(), field,
            "hubspot " + file.vendorType() + " cannot hold this " + field + ": " + e.getMessage());
      }
    }
    return null;
  }

  /** The properties HubSpot requires of a new object of the type ({@code hs_timestamp}). */
  List<String> requiredAtCreate() {
    return file.requiredAtCreate();
  }

  /** Fills the properties HubSpot requires that a create lacks (or carries empty) with the time of the write. */
  void completeCreate(ObjectNode properties, Instant now) {
    for (String p : file.requiredAtCreate()) {
      if (HubSpotMapper.text(properties.get(p)).isEmpty()) {
        properties.put(p, now.toString());
      }
    }
  }

  /**
   * Whether this type can hold {@code value} in {@code field}: for a field one of {@code all} writes through a table
   * ({@code tabled}), only when this type's file writes it and its table has a code for the value (a task has no
   * {@code cancelled}, a note no status at all); any other field, yes.
   */
  boolean accepts(String field, Object value, Set<String> tabled) {
    if (!tabled.contains(field)) {
      return true;
    }
    for (FieldRule r : file.writeRules()) {
      if (r.canonical().equals(List.of(field))) {
        List<@Nullable Object> in = new ArrayList<>();
        in.add(value);
        try {
          return r.transform().write(in).get(0) != null;
        } catch (MappingValueException e) {
          return false;
        }
      }
    }
    return false;
  }

  /** The canonical fields any of these mappings writes through an {@code enum} table. */
  static Set<String> tabled(Collection<HubSpotEngagementMapping> mappings) {
    Set<String> out = new LinkedHashSet<>();
    for (HubSpotEngagementMapping m : mappings) {
      m.file.writeRules().stream().filter(r -> r.transform().name().equals("enum") && r.canonical().size() == 1)
          .forEach(r -> out.add(r.canonicalField()));
    }
    return out;
  }
}
