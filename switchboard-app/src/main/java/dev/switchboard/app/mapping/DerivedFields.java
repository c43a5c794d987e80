package dev.switchboard.app.mapping;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Cross-record fields: values a target receives on one record that live on another, reached through an edge. A
 * Mailchimp member has no company object, so its {@code COMPANY} and {@code ADDRESS} merge fields carry the name and
 * address of the contact's primary company. The declarations are the {@code lookup}s of the mapping files
 * ({@link Lookup}); each names its dependency (edge label and source field), so a change of the source field enqueues
 * a write of every dependent record ({@code sync} module), in batches.
 */
@Component
public class DerivedFields {

  /**
   * One derived field.
   *
   * @param field       the field of the dependent record the target receives ({@code company})
   * @param edgeLabel   the edge from the dependent to the source record ({@code company}: its primary company)
   * @param sourceType  the source record's type
   * @param sourceField the source record's field whose value is sent ({@code name})
   * @param fallback    true: only when the dependent has no value of its own (a contact's own address wins over its
   *                    company's); false: the source's value wins whenever the edge exists
   */
  public record Derived(String field, String edgeLabel, String sourceType, String sourceField, boolean fallback) {}

  private static final Map<String, Map<String, List<Derived>>> DEFAULTS = fromFiles(MappingCatalog.defaults());

  /** System → canonical type → the lookups of its files' written rules, in file order. */
  static Map<String, Map<String, List<Derived>>> fromFiles(MappingCatalog catalog) {
    Map<String, Map<String, List<Derived>>> out = new java.util.LinkedHashMap<>();
    for (MappingFile f : catalog.all()) {
      for (FieldRule r : f.writeRules()) {
        Lookup l = r.lookup();
        if (l != null) {
          out.computeIfAbsent(f.system(), k -> new java.util.LinkedHashMap<>())
              .computeIfAbsent(f.canonicalType(), k -> new java.util.ArrayList<>())
              .add(new Derived(r.canonicalField(), l.edge(), l.type(), l.field(), l.fallback()));
        }
      }
    }
    return out;
  }

  /** The derived fields {@code system} receives on records of {@code type}. */
  public List<Derived> of(String system, String type) {
    return DEFAULTS.getOrDefault(system, Map.of()).getOrDefault(type, List.of());
  }

  /**
   * Who must be written again when {@code changedFields} of a record of {@code sourceType} change: per system, the
   * dependent type and the edge label leading from dependents to the record.
   */
  public Set<Dependency> dependingOn(String sourceType, Set<String> changedFields) {
    Set<Dependency> out = new java.util.LinkedHashSet<>();
    DEFAULTS.forEach((system, byType) -> byType.forEach((type, list) -> list.stream()
        .filter(d -> d.sourceType().equals(sourceType) && changedFields.contains(d.sourceField()))
        .forEach(d -> out.add(new Dependency(system, type, d.edgeLabel())))));
    return out;
  }

  /** Whether {@code system} derives fields of {@code type} through edges labelled {@code edgeLabel}. */
  public boolean derivesThrough(String system, String type, String edgeLabel) {
    return of(system, type).stream().anyMatch(d -> d.edgeLabel().equals(edgeLabel));
  }

  /** Records of {@code dependentType} in {@code system} take values through their {@code edgeLabel} edges. */
  public record Dependency(String system, String dependentType, String edgeLabel) {}
}
