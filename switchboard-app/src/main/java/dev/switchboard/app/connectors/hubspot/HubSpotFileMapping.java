package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.mapping.EffectiveMapping;
import dev.switchboard.app.mapping.FieldRule;
import dev.switchboard.app.mapping.MappingCatalog;
import dev.switchboard.app.mapping.MappingFile;
import dev.switchboard.app.mapping.Transform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A HubSpot object type mapped by its file ({@code mappings/hubspot/<vendorType>.yaml}): which properties a read asks
 * for, which properties date which field, and the rules' transforms between {@code properties} and canonical fields.
 * HubSpot properties are strings: a property HubSpot returns with {@code null} or {@code ""} reads as {@code ""}
 * (carried and empty), a property not in the response is absent; a write sends text, {@code ""} clearing.
 *
 * <p>{@code custom} is custom properties besides the file's (canonical key without {@code custom.} → property), read
 * and written as they are; a connection's own custom fields are rules of its effective mapping ({@link #at}).
 */
final class HubSpotFileMapping {
  private final MappingFile file;

  HubSpotFileMapping(MappingFile file) {
    this.file = file;
  }

  /** The default mapping of a HubSpot vendor type. */
  static HubSpotFileMapping of(String vendorType) {
    return new HubSpotFileMapping(MappingCatalog.defaults().file("hubspot", vendorType));
  }

  MappingFile file() {
    return file;
  }

  /**
   * This mapping with each rule's transform as {@code binding} answers it: what the file leaves to the connection (a
   * portal's deal stages, its currency) or to the binding's code ({@code computed}) bound in; a transform it returns
   * as it is stays.
   */
  HubSpotFileMapping bind(UnaryOperator<Transform> binding) {
    List<FieldRule> rules = file.rules().stream().map(r -> new FieldRule(r.canonical(), r.vendor(), r.direction(),
        binding.apply(r.transform()), r.lookup(), r.line())).toList();
    return new HubSpotFileMapping(new MappingFile(file.resource(), file.system(), file.vendorType(),
        file.canonicalType(), rules, file.alsoRead(), file.modifiedAt(), file.filter()));
  }

  /** The file's one rule whose transform is of {@code kind}. @throws IllegalStateException none or several */
  FieldRule ruleBy(Class<? extends Transform> kind) {
    List<FieldRule> found = file.rules().stream().filter(r -> kind.isInstance(r.transform())).toList();
    if (found.size() != 1) {
      throw new IllegalStateException(file.resource() + " has " + found.size() + " rules by " + kind.getSimpleName());
    }
    return found.getFirst();
  }

  /**
   * This mapping as the connection's override changes it ({@link EffectiveMapping}: the {@code mapping.<vendorType>}
   * setting, or the older {@code customProperties} of contacts); this one when it changes nothing.
   */
  HubSpotFileMapping at(ConnectionContext connection) {
    MappingFile effective = EffectiveMapping.of(file, connection.settings());
    return effective == file ? this : new HubSpotFileMapping(effective);
  }

  /**
   * Custom field (key without {@code custom.}) → the property a rule writes it to as it is (one field each way, no
   * transform): the custom values whose form the property's type decides ({@link HubSpotCustomValues}).
   */
  Map<String, String> customWrites() {
    Map<String, String> out = new LinkedHashMap<>();
    for (FieldRule r : file.writeRules()) {
      if (r.canonical().size() == 1 && r.vendor().size() == 1 && "none".equals(r.transform().name())
          && r.canonicalField().startsWith(ContactField.CUSTOM_PREFIX)) {
        out.put(r.canonicalField().substring(ContactField.CUSTOM_PREFIX.length()), r.vendorField());
      }
    }
    return out;
  }

  /** The property that dates the objects, which searches filter and sort by. */
  String lastModifiedProperty() {
    return Objects.requireNonNull(file.modifiedAt(), () -> file.resource() + " names no modifiedAt");
  }

  /** The properties a read asks for: the file's, then the custom ones. */
  List<String> readProperties(Map<String, String> custom) {
    List<String> props = new ArrayList<>(file.readVendorFields());
    for (String p : custom.values()) {
      if (!props.contains(p)) {
        props.add(p);
      }
    }
    return props;
  }

  /** Canonical field → the properties it is read from (their history dates the field). */
  Map<String, List<String>> fieldSources(Map<String, String> custom) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (FieldRule r : file.readRules()) {
      r.canonical().forEach(c -> out.put(c, r.vendor()));
    }
    custom.forEach((key, hs) -> out.put(ContactField.CUSTOM_PREFIX + key, List.of(hs)));
    return out;
  }

  /** Property → canonical field, for the one-to-one rules (a batch error naming a property names the field). */
  Map<String, String> canonicalByProperty() {
    Map<String, String> out = new LinkedHashMap<>();
    file.rules().stream().filter(r -> r.canonical().size() == 1 && r.vendor().size() == 1)
        .forEach(r -> out.putIfAbsent(r.vendorField(), r.canonicalField()));
    return out;
  }

  /** {@code properties} of an object → canonical fields, in the file's order, then the custom ones. */
  Map<String, Object> toFields(JsonNode props, Map<String, String> custom) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (FieldRule r : file.readRules()) {
      if (r.vendor().stream().noneMatch(props::has)) {
        continue; // not in the response: absent
      }
      List<@Nullable Object> in = new ArrayList<>();
      r.vendor().forEach(v -> in.add(props.has(v) ? HubSpotMapper.text(props.get(v)) : null));
      List<@Nullable Object> out = r.transform().read(in);
      for (int i = 0; i < r.canonical().size(); i++) {
        if (out.get(i) != null) {
          fields.put(r.canonical().get(i), out.get(i));
        }
      }
    }
    custom.forEach((key, hs) -> {
      if (props.has(hs)) {
        fields.put(ContactField.CUSTOM_PREFIX + key, HubSpotMapper.text(props.get(hs)));
      }
    });
    return fields;
  }

  /** Canonical → {@code properties} for a write: the rules whose fields {@code desired} carries, then custom ones. */
  ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    ObjectNode props = HubSpotClient.JSON.createObjectNode();
    for (FieldRule r : file.writeRules()) {
      if (!r.canonical().isEmpty() && r.canonical().stream().noneMatch(desired::has)) {
        continue;
      }
      List<@Nullable Object> in = new ArrayList<>();
      // a field the record carries without a value is cleared
      r.canonical().forEach(c -> in.add(desired.has(c) ? Objects.requireNonNullElse(desired.fields().get(c), "") : null));
      List<@Nullable Object> out = r.transform().write(in);
      for (int i = 0; i < r.vendor().size(); i++) {
        if (out.get(i) != null) {
          props.put(r.vendor().get(i), String.valueOf(out.get(i)).trim());
        }
      }
    }
    custom.forEach((key, hs) -> {
      String field = ContactField.CUSTOM_PREFIX + key;
      if (desired.has(field)) {
        String v = desired.string(field);
        props.put(hs, v == null ? "" : v.trim());
      }
    });
    return props;
  }
}
