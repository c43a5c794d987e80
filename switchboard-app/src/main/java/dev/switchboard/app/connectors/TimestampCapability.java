package dev.switchboard.app.connectors;

import java.time.Duration;
import java.util.Objects;

/**
 * What a connector's modification times are worth for one object type, as its binding declares it
 * ({@link BindingCapabilities#timestamps()}, answered by {@link Connector#timestamps}). The merge trusts a source's
 * times only as far as this says.
 *
 * <p>A time {@code t} declared with precision {@code p} stands for the interval {@code [t, t + p)}: the vendor
 * truncates (Mailchimp's {@code last_changed} has whole seconds). Two times whose intervals overlap cannot be ordered
 * and are a tie; for two sources of the same precision that is {@code |Δt| < p}.
 *
 * @param kind      how the times are given
 * @param precision the resolution of the times; {@link Duration#ZERO} for {@link Kind#NONE}
 */
public record TimestampCapability(Kind kind, Duration precision) {

  /** How a source dates its values. */
  public enum Kind {
    /**
     * Each value may carry its own modified time ({@link SourceRecord#fieldModifiedAt}: HubSpot's
     * {@code propertiesWithHistory}); a value read without one is dated by the record's time.
     */
    PER_FIELD,
    /** One modified time per record (HubSpot {@code updatedAt}, Mailchimp {@code last_changed}). */
    PER_RECORD,
    /** Only the time of the webhook event that reported the change ({@code occurredAt}); used as a record time. */
    EVENT_TIME,
    /** No usable time (Stripe objects have no updated-at): the source never wins by recency. */
    NONE
  }

  /** Millisecond record times: what a connector that declares nothing gets. */
  public static final TimestampCapability DEFAULT = perRecord(Duration.ofMillis(1));
  /** No usable time. */
  public static final TimestampCapability UNTIMED = new TimestampCapability(Kind.NONE, Duration.ZERO);

  public TimestampCapability {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(precision, "precision");
    if (kind == Kind.NONE ? !precision.isZero() : !precision.isPositive()) {
      throw new IllegalArgumentException("precision must be positive, or zero for NONE");
    }
  }

  public static TimestampCapability perField(Duration precision) {
    return new TimestampCapability(Kind.PER_FIELD, precision);
  }

  public static TimestampCapability perRecord(Duration precision) {
    return new TimestampCapability(Kind.PER_RECORD, precision);
  }

  public static TimestampCapability eventTime(Duration precision) {
    return new TimestampCapability(Kind.EVENT_TIME, precision);
  }

  /** Whether the source's times can order its changes against others' at all. */
  public boolean timed() {
    return kind != Kind.NONE;
  }
}
