package dev.switchboard.app.sync;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Re-sends the records a mapping change affects, through the normal outbox: the records of the type with a value in
 * one of the fields whose mapping changed, to the one connection whose mapping it is. A record without a value in them
 * would be written the same as before, so it is not sent. Call inside the transaction that saves the change.
 */
@Service
public class MappingResync {
  static final int PAGE = 500;

  private final GoldenRecords golden;
  private final Outbox outbox;
  private final Clock clock;

  MappingResync(GoldenRecords golden, Outbox outbox, Clock clock) {
    this.golden = golden;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** How many records had a value in a changed field, and how many writes were enqueued for them. */
  public record Result(int affected, int enqueued) {}

  public Result resend(String tenantId, String connectionId, String objectType, Set<String> fields) {
    if (fields.isEmpty()) {
      return new Result(0, 0);
    }
    int affected = 0;
    String after = null;
    while (true) {
      List<GoldenRecords.Golden> page = golden.page(tenantId, objectType, after, PAGE);
      for (GoldenRecords.Golden g : page) {
        if (fields.stream().anyMatch(f -> hasValue(g.fields().get(f)))) {
          outbox.enqueue(tenantId, connectionId, g.id(), objectType, g.version(), clock.instant(), null);
          affected++;
        }
      }
      if (page.size() < PAGE) {
        return new Result(affected, affected);
      }
      after = page.get(page.size() - 1).id();
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
