package dev.switchboard.sandbox.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Time source for the emulators. {@link #nextChange()} returns strictly increasing millisecond
 * instants (never equal for two changes), even when the wall clock stands still.
 */
@Component
public class ChangeClock {

  /** HubSpot style: {@code 2026-01-02T03:04:05.678Z}. */
  public static final DateTimeFormatter MILLIS_Z =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Mailchimp style: {@code 2026-01-02T03:04:05+00:00}. */
  public static final DateTimeFormatter SECONDS_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final AtomicLong last = new AtomicLong();
  /** Set while {@link #sameInstant} runs on this thread: every change stamp is this one. */
  private final ThreadLocal<Instant> held = new ThreadLocal<>();


  ChangeClock(Clock clock) {
    this.clock = clock;
  }

  /** Current time, as-is. */
  public Instant now() {
    return clock.instant();
  }

  /** A change timestamp strictly greater than every one handed out before. */
  public Instant nextChange() {
    Instant h = held.get();
    if (h != null) {
      return h;
    }
    long now = clock.millis();

    return Instant.ofEpochMilli(last.updateAndGet(prev -> Math.max(prev + 1, now)));
  }

  /**
   * Runs {@code work} with one change stamp for every change it makes on this thread, as a vendor's bulk import
   * stamps its records alike (a seed control, never an API path); stamps handed out afterwards are later still.
   */
  public <T> T sameInstant(java.util.function.Supplier<T> work) {
    held.set(nextChange());
    try {
      return work.get();
    } finally {
      held.remove();
    }
  }
}
