package dev.switchboard.app.sync;

import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.TimestampCapability;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The inputs of {@link Merge} that do not come with a record: what each system's times are worth for a type (as its
 * connector declares, {@link Connector#timestamps}; the upsert API {@code api} and unknown systems have millisecond
 * record times) and the configured {@link FieldPriority}. Also turns what a source said about time into the
 * {@link Merge.Stamp} the merge uses. Stateless apart from configuration; thread-safe.
 */
@Component
@EnableConfigurationProperties(MergeProperties.class)
class MergePolicies {
  private final ConnectorRegistry connectors;
  private final FieldPriority priority;

  @Autowired
  MergePolicies(ConnectorRegistry connectors, MergeProperties properties) {
    this(connectors, properties.toFieldPriority());
  }

  MergePolicies(ConnectorRegistry connectors, FieldPriority priority) {
    this.connectors = connectors;
    this.priority = priority;
  }

  /** Every registered system's capability for {@code objectType}, and the field priority. */
  Merge.Policy forType(String objectType) {
    Map<String, TimestampCapability> capabilities = new LinkedHashMap<>();
    for (Connector c : connectors.all()) {
      capabilities.put(c.system(), c.timestamps(c.vendorTypeFor(objectType).orElse(objectType)));
    }
    return new Merge.Policy(capabilities, priority);
  }

  /** {@code system}'s capability for {@code objectType}. */
  TimestampCapability capabilityOf(String system, String objectType) {
    return connectors.find(system).map(c -> c.timestamps(c.vendorTypeFor(objectType).orElse(objectType)))
        .orElse(TimestampCapability.DEFAULT);
  }

  /**
   * The stamp of a record read from {@code system}. Per-field times count only from a source declaring
   * {@link TimestampCapability.Kind#PER_FIELD}. {@code changedAfter}: the values to merge differ from what the source
   * was known to hold at that instant (the link's snapshot) in a read that started later, so they changed after it —
   * every time is raised to just past it (a vendor with coarse times would otherwise lose to a change made earlier
   * within the same tick elsewhere). Null when nothing is known.
   */
  Merge.Stamp stamp(String system, String objectType, Instant recordTime, @Nullable Map<String, Instant> fieldTimes,
      @Nullable Instant changedAfter) {
    TimestampCapability capability = capabilityOf(system, objectType);
    Map<String, Instant> fields = new LinkedHashMap<>();
    if (fieldTimes != null && capability.kind() == TimestampCapability.Kind.PER_FIELD) {
      fields.putAll(fieldTimes);
    }
    Instant record = recordTime;
    if (changedAfter != null && capability.timed()) {
      Instant floor = changedAfter.plusMillis(1);
      record = later(record, floor);
      fields.replaceAll((f, t) -> later(t, floor));
    }
    return new Merge.Stamp(system, capability, record, fields);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
