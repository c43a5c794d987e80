package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import dev.switchboard.app.canonical.model.CanonicalType;
import dev.switchboard.app.canonical.model.CanonicalTypes;
import dev.switchboard.app.canonical.model.FieldDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's record filter: taken from the API ({@code {field, operator, values}}), validated against the canonical
 * type, and carried to egress in the connection setting {@code filter.<vendorType>} (the way an override's fields are
 * carried in {@code mapping.<vendorType>}, {@link MappingOverride}), layered over the mapping file's filter: no setting, the
 * file's filter applies; a setting, it replaces the file's ({@code all} lifts it).
 */
public final class RecordFilters {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SETTING_PREFIX = "filter.";

  private RecordFilters() {}

  /** A filter as the API takes it; {@code operator} one of {@code all, present, in, not_in}. */
  public record Spec(@Nullable String field, @Nullable String operator, @Nullable List<String> values) {}

  /** The connection setting that carries the filter of {@code vendorType}. */
  public static String settingKey(String vendorType) {
    return SETTING_PREFIX + vendorType;
  }

  /**
   * Validates {@code spec} for records of {@code canonicalType}.
   *
   * @throws MappingOverride.Refused {@code invalid_filter} (an unknown or missing operator, values missing, not taken,
   *     blank or not codes of an enumerated field), {@code missing_field} (no field), {@code unknown_field} (a field the
   *     type does not have); the field is {@code filter.<key>}
   */
  public static RecordFilter parse(String canonicalType, Spec spec) {
    RecordFilter.Operator op = RecordFilter.Operator.of(spec.operator()).orElseThrow(() -> new MappingOverride.Refused(
        "invalid_filter", "filter.operator", "operator is one of all, present, in, not_in"));
    List<String> values = spec.values() == null ? List.of() : spec.values();
    if (op == RecordFilter.Operator.ALL) {
      if (spec.field() != null || !values.isEmpty()) {
        throw new MappingOverride.Refused("invalid_filter", spec.field() != null ? "filter.field" : "filter.values",
            "all lets every record through: it names no field and no values");
      }
      return RecordFilter.ALL;
    }
    if (spec.field() == null || spec.field().isBlank()) {
      throw new MappingOverride.Refused("missing_field", "filter.field", "field is required");
    }
    String field = spec.field().trim();
    CanonicalType type = CanonicalTypes.standard().find(canonicalType).orElseThrow();
    FieldDef def = type.field(field).orElseThrow(() -> new MappingOverride.Refused("unknown_field", "filter.field",
        canonicalType + " has no field " + field));
    if (op == RecordFilter.Operator.PRESENT && !values.isEmpty()) {
      throw new MappingOverride.Refused("invalid_filter", "filter.values", "present takes no values");
    }
    if (op != RecordFilter.Operator.PRESENT && values.isEmpty()) {
      throw new MappingOverride.Refused("invalid_filter", "filter.values", op.apiName() + " needs values");
    }
    List<String> trimmed = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (v == null || v.isBlank()) {
        throw new MappingOverride.Refused("invalid_filter", "filter.values[" + i + "]", "a value is not blank");
      }
      Optional<String> bad = badValue(def, v.trim());
      if (bad.isPresent()) {
        throw new MappingOverride.Refused("invalid_filter", "filter.values[" + i + "]", bad.get());
      }
      trimmed.add(v.trim());
    }
    return new RecordFilter(field, op, trimmed);
  }

  /** Why {@code value} can never be a value of {@code def}, if it cannot (not a code of an enumerated field). */
  static Optional<String> badValue(FieldDef def, String value) {
    if (def.type() instanceof ValueType.EnumType e && !e.codes().contains(value)) {
      return Optional.of("'" + value + "' is not a code of " + def.name() + " (" + String.join(", ", e.codes()) + ")");
    }
    return Optional.empty();
  }

  /** The filter as the API shows it: {@code {field, operator, values}}. */
  public static Map<String, Object> shown(RecordFilter f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("field", f.field());
    m.put("operator", f.operator().apiName());
    m.put("values", f.values());
    return m;
  }

  /** The setting's value carrying {@code f}. */
  public static String toSetting(RecordFilter f) {
    return JSON.writeValueAsString(shown(f));
  }

  /**
   * The filter a setting carries; empty when there is none or it cannot be read (set by hand through the settings
   * API): then the file's filter applies, as a binding ignores a malformed override pair.
   */
  public static Optional<RecordFilter> fromSetting(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      Spec spec = JSON.readValue(value, Spec.class);
      RecordFilter.Operator op = RecordFilter.Operator.of(spec.operator()).orElse(null);
      if (op == null) {
        return Optional.empty();
      }
      return Optional.of(new RecordFilter(spec.field(), op, spec.values() == null ? List.of() : spec.values()));
    } catch (JacksonException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The filter that applies: the setting's when there is one, else the file's, else every record passes. */
  public static RecordFilter effective(MappingFile file, Map<String, String> settings) {
    return fromSetting(settings.get(settingKey(file.vendorType())))
        .orElse(file.filter() == null ? RecordFilter.ALL : file.filter());
  }
}
