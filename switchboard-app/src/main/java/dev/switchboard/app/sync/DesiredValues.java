package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.mapping.DerivedFields;
import dev.switchboard.app.mapping.FieldMappings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The values a target connection should hold for a record: the golden fields it maps, plus the derived fields it
 * receives through the record's edges (a Mailchimp member's company name and address, from its primary company), less
 * any value the target cannot hold. What egress writes and what the engine compares a source's values with: both
 * must agree, or a target would be written the same values again and again.
 */
@Component
class DesiredValues {
  private final GoldenRecords golden;
  private final Edges edges;
  private final FieldMappings mappings;
  private final DerivedFields derived;
  private final ConnectorRegistry connectors;

  DesiredValues(GoldenRecords golden, Edges edges, FieldMappings mappings, DerivedFields derived,
      ConnectorRegistry connectors) {
    this.golden = golden;
    this.edges = edges;
    this.mappings = mappings;
    this.derived = derived;
    this.connectors = connectors;
  }

  /** A cache of the source records read for one batch (a hundred members of one company read it once). */
  static Map<String, Optional<GoldenRecords.Golden>> cache() {
    return new HashMap<>();
  }

  /** The values {@code target} should hold for {@code record}. */
  Map<String, Object> of(Connection target, GoldenRecords.Golden record) {
    return of(target, record, cache());
  }

  /** As {@link #of(Connection, GoldenRecords.Golden)}, reading each source record once per {@code sources} cache. */
  Map<String, Object> of(Connection target, GoldenRecords.Golden record,
      Map<String, Optional<GoldenRecords.Golden>> sources) {
    return of(target, record, sources, null);
  }

  /**
   * As above, for an object of {@code vendorType} there (null: the vendor type the binding creates such records as):
   * what the vendor can hold and how it gives it back is the binding's of that type.
   */
  Map<String, Object> of(Connection target, GoldenRecords.Golden record,
      Map<String, Optional<GoldenRecords.Golden>> sources, @Nullable String vendorType) {
    Set<String> wanted = mappings.fieldsFor(target.system(), record.objectType(), target.settings());
    Map<String, Object> desired = new LinkedHashMap<>();
    record.fields().forEach((f, v) -> {
      if (wanted.contains(f)) {
        desired.put(f, v.value());
      }
    });
    Map<String, Optional<String>> targets = new HashMap<>(); // one edge lookup per label, not per derived field
    for (DerivedFields.Derived d : derived.of(target.system(), record.objectType())) {
      if (d.fallback() && !Merge.isEmpty(desired.get(d.field()))) {
        continue; // the record's own value wins
      }
      Optional<String> source = targets.computeIfAbsent(d.edgeLabel(),
          label -> edges.primaryTarget(record.tenantId(), record.id(), label));
      if (source.isEmpty()) {
        continue;
      }
      Object value = sources.computeIfAbsent(source.get(), id -> golden.find(record.tenantId(), id))
          .map(s -> s.fields().get(d.sourceField())).map(FieldValue::value).orElse(null);
      if (!Merge.isEmpty(value)) {
        desired.put(d.field(), value);
      }
    }
    Optional<Connector> connector = connectors.find(target.system());
    if (connector.isPresent()) {
      String type = vendorType != null ? vendorType
          : connector.get().vendorTypeFor(record.objectType()).orElse(record.objectType());
      desired.entrySet().removeIf(e -> !Merge.isEmpty(e.getValue())
          && !connector.get().accepts(type, e.getKey(), e.getValue()));
      // in the form the vendor gives back, so that the echo of a write is no change
      desired.replaceAll((field, v) -> Merge.isEmpty(v) ? v : connector.get().heldAs(type, field, v));
    }
    return desired;
  }

  /**
   * Why {@code target} does not take {@code record} at all (its record filter, {@link FieldMappings#filterFor}), in
   * words naming no value; empty when it does. {@code vendorType} as in {@link #of(Connection, GoldenRecords.Golden,
   * Map, String)}.
   */
  Optional<String> refusal(Connection target, GoldenRecords.Golden record, @Nullable String vendorType) {
    return refusal(target, record, vendorType, target.settings());
  }

  /** As above, with these settings for the connection's (a proposed mapping's). */
  Optional<String> refusal(Connection target, GoldenRecords.Golden record, @Nullable String vendorType,
      Map<String, String> settings) {
    String type = vendorType != null ? vendorType : connectors.find(target.system())
        .flatMap(c -> c.vendorTypeFor(record.objectType())).orElse(null);
    Map<String, Object> values = new HashMap<>();
    record.fields().forEach((f, v) -> values.put(f, v.value()));
    return mappings.filterFor(target.system(), record.objectType(), type, settings).refusal(values);
  }

  /** Whether {@code target}'s record filter keeps record {@code canonicalId} out (false when there is none). */
  boolean filteredOut(Connection target, String canonicalId, @Nullable String vendorType) {
    return golden.find(target.tenantId(), canonicalId)
        .filter(g -> refusal(target, g, vendorType).isPresent()).isPresent();
  }

  /** Whether {@code target} may hold values of {@code type} at all. */
  boolean syncs(Connection target, String type) {
    return !mappings.fieldsFor(target.system(), type, target.settings()).isEmpty();
  }
}
