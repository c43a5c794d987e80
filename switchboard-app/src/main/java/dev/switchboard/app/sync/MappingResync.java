package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.mapping.RecordFilter;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Re-sends the records a mapping change affects, through the normal outbox, to the one connection whose mapping it is:
 * the records of the type with a value in one of the fields whose mapping changed, and those the change of the record
 * filter lets in or keeps out. Only those the new filter lets in are sent: one it keeps out gets no write (egress would
 * skip it), and one neither filter lets in, or without a value in a changed field whose filter outcome is the same,
 * would be written as before. Call inside the transaction that saves the change.
 */
@Service
public class MappingResync {
  static final int PAGE = 500;

  private final GoldenRecords golden;
  private final Outbox outbox;
  private final EdgeFanOut edgeFanOut;
  private final Connections connections;
  private final Links links;
  private final Clock clock;

  MappingResync(GoldenRecords golden, Outbox outbox, EdgeFanOut edgeFanOut, Connections connections, Links links,
      Clock clock) {
    this.edgeFanOut = edgeFanOut;
    this.connections = connections;
    this.golden = golden;
    this.outbox = outbox;
    this.links = links;
    this.clock = clock;
  }

  /**
   * How many records the change affects (their write changes, or they are let in or kept out by the filter), and how
   * many writes were enqueued for them (those let in).
   */
  public record Result(int affected, int enqueued) {}

  /** As {@link #resend(String, String, String, Set, RecordFilter, RecordFilter)} with the filter unchanged. */
  public Result resend(String tenantId, String connectionId, String objectType, Set<String> fields) {
    return resend(tenantId, connectionId, objectType, fields, RecordFilter.ALL, RecordFilter.ALL);
  }

  /**
   * @param fields the canonical fields whose mapping changed
   * @param before the record filter that applied before the change
   * @param after  the record filter that applies after it
   */
  public Result resend(String tenantId, String connectionId, String objectType, Set<String> fields,
      RecordFilter before, RecordFilter after) {
    if (fields.isEmpty() && before.equals(after)) {
      return new Result(0, 0);
    }
    int affected = 0;
    int enqueued = 0;
    String from = null;
    Connection target = connections.find(tenantId, connectionId).orElse(null);
    while (true) {
      List<GoldenRecords.Golden> page = golden.page(tenantId, objectType, from, PAGE);
      for (GoldenRecords.Golden g : page) {
        Map<String, Object> values = new HashMap<>();
        g.fields().forEach((f, v) -> values.put(f, v.value()));
        boolean wasIn = before.matches(values);
        boolean isIn = after.matches(values);
        boolean changedValue = (wasIn || isIn) && fields.stream().anyMatch(f -> hasValue(g.fields().get(f)));
        if (wasIn == isIn && !changedValue) {
          continue;
        }
        affected++;
        if (isIn) {
          if (changedValue) {
            // the target holds these fields as the old mapping wrote them: egress must not take them as held
            links.forgetFields(tenantId, connectionId, g.id(), fields);
          }
          outbox.enqueue(tenantId, connectionId, g.id(), objectType, g.version(), clock.instant(), null);
          enqueued++;
          if (!wasIn && target != null) {
            // its edge changes while the filter kept it out were dropped there: owed now
            edgeFanOut.letIn(target, g.id(), clock.instant(), null);
          }
        }
      }
      if (page.size() < PAGE) {
        return new Result(affected, enqueued);
      }
      from = page.get(page.size() - 1).id();
    }
  }

  private static boolean hasValue(FieldValue v) {
    if (v == null || v.value() == null) {
      return false;
    }
    Object o = v.value();
    return !(o instanceof String s && s.isBlank()) && !(o instanceof Collection<?> c && c.isEmpty())
        && !(o instanceof Map<?, ?> m && m.isEmpty());
  }
}
