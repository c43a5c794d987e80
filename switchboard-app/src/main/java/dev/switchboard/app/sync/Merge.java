package dev.switchboard.app.sync;

import dev.switchboard.app.connectors.TimestampCapability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Field-by-field last-modified-wins merge. Pure and deterministic.
 *
 * <p>An incoming value replaces the golden one when the golden record has no value for the field, or when the
 * incoming value's time is later, as far as both sources' declared {@link TimestampCapability} can tell (per-field
 * times where the source gives them, else its record time). Times that cannot be ordered within the sources'
 * precision, and values from a source without usable times, are decided by the field's {@link FieldPriority}, never
 * by which came last. An incoming value equal to the golden value never counts as a change (that is what makes
 * replays and echoes harmless), even if its timestamp is newer. Everything the merge depends on is an argument.
 */
public final class Merge {

  /** One field that changed. */
  public record Change(String field, Object oldValue, Object newValue) {}

  /** The merged fields and what changed. */
  public record Result(Map<String, FieldValue> fields, List<Change> changes) {
    public boolean changed() {
      return !changes.isEmpty();
    }
  }

  /**
   * When an incoming record's values changed, as far as its source can say.
   *
   * @param system     the source system ({@code hubspot}, {@code api})
   * @param capability how the source dates its values for this type
   * @param recordTime the record's time: dates every field without a time of its own
   * @param fieldTimes canonical field → its own time, for the fields the source dated (empty: none)
   */
  public record Stamp(String system, TimestampCapability capability, Instant recordTime, Map<String, Instant> fieldTimes) {
    public Stamp {
      fieldTimes = Map.copyOf(fieldTimes);
    }

    /** A record time only. */
    public static Stamp of(String system, TimestampCapability capability, Instant recordTime) {
      return new Stamp(system, capability, recordTime, Map.of());
    }

    /** The time of {@code field}'s value. */
    public Instant timeOf(String field) {
      return fieldTimes.getOrDefault(field, recordTime);
    }
  }

  /**
   * What the merge knows besides the values: each system's timestamp capability for the record's type (a system not in
   * the map has {@link TimestampCapability#DEFAULT}: the API, a connector that declares nothing) and the per-field
   * priority.
   */
  public record Policy(Map<String, TimestampCapability> capabilities, FieldPriority priority) {
    public Policy {
      capabilities = Map.copyOf(capabilities);
    }

    /** Millisecond times for every system, one priority order for every field. */
    public static Policy of(List<String> priority) {
      return new Policy(Map.of(), FieldPriority.of(priority));
    }

    public TimestampCapability capabilityOf(String system) {
      return capabilities.getOrDefault(system, TimestampCapability.DEFAULT);
    }
  }

  private Merge() {}

  /** As {@link #apply(Map, Map, Stamp, Policy)} for a source with millisecond record times and one priority order. */
  public static Result apply(Map<String, FieldValue> golden, Map<String, Object> incoming, String system,
      Instant modifiedAt, List<String> priority) {
    return apply(golden, incoming, Stamp.of(system, TimestampCapability.DEFAULT, modifiedAt), Policy.of(priority));
  }

  /**
   * Merges {@code incoming} (the values that changed at the source, already filtered by authority and the first-link
   * rule) into {@code golden}. A value is taken when the golden record has none, or when it {@linkplain #wins wins}
   * against the golden one; it is stored with the time it was taken by ({@link Stamp#timeOf}).
   */
  public static Result apply(Map<String, FieldValue> golden, Map<String, Object> incoming, Stamp stamp,
      Policy policy) {
    Map<String, FieldValue> out = new LinkedHashMap<>(golden);
    List<Change> changes = new ArrayList<>();
    incoming.forEach((field, value) -> {
      FieldValue current = golden.get(field);
      // equal as values, not as Java objects: a number read back from storage may come as another class than the
      // cleaned one (1 and 1L in a deal's line positions), and that is no change
      if (current != null && equal(current.value(), value)) {
        return;
      }
      if (current == null && isEmpty(value)) {
        return; // an empty value teaches nothing about a field we have never had
      }
      if (current == null || wins(field, stamp, current, policy)) {
        out.put(field, new FieldValue(value, stamp.system(), stamp.timeOf(field)));
        changes.add(new Change(field, current == null ? null : current.value(), value));
      }
    });
    return new Result(out, changes);
  }

  /** Empty string, empty list and null all mean "no value". */
  public static boolean isEmpty(Object value) {
    return value == null || (value instanceof String s && s.isEmpty()) || (value instanceof java.util.Collection<?> c && c.isEmpty());
  }

  /** Equality where every kind of "no value" is the same. */
  public static boolean sameValue(Object a, Object b) {
    return (isEmpty(a) && isEmpty(b)) || equal(a, b);
  }

  /**
   * One equality for values that went through JSON and back: a number is its value whatever class the parser chose
   * ({@code 100}, {@code 100L}, {@code 100.0} and {@code 100.00} are one value — a false difference would be an echo
   * write), element by element inside lists and maps.
   */
  private static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y && finite(x) && finite(y)) {
      return decimal(x).compareTo(decimal(y)) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.size() == y.size() && x.entrySet().stream().allMatch(e -> y.containsKey(e.getKey())
          && equal(e.getValue(), y.get(e.getKey())));
    }
    return Objects.equals(a, b);
  }

  private static boolean finite(Number n) {
    return !(n instanceof Double d && !Double.isFinite(d)) && !(n instanceof Float f && !Float.isFinite(f));
  }

  private static java.math.BigDecimal decimal(Number n) {
    return n instanceof java.math.BigDecimal d ? d : new java.math.BigDecimal(n.toString());
  }

  /**
   * Whether the incoming value of {@code field} replaces {@code current}:
   * <ol>
   *   <li>when either side comes from a system without usable times ({@link TimestampCapability.Kind#NONE}), by
   *   priority alone: the same system's later report replaces its own value, else the system earlier in the field's
   *   order wins;
   *   <li>when the two times can be ordered (each time {@code t} of precision {@code p} is the interval
   *   {@code [t, t + p)}, and the intervals do not overlap), the later one wins;
   *   <li>otherwise it is a tie: the same system's report not older than its value replaces it, else the system
   *   earlier in the field's order wins, and between systems of equal rank the golden value stays — never whichever
   *   came last.
   * </ol>
   */
  static boolean wins(String field, Stamp stamp, FieldValue current, Policy policy) {
    String system = stamp.system();
    boolean same = system.equals(current.system());
    TimestampCapability mine = stamp.capability();
    TimestampCapability theirs = policy.capabilityOf(current.system());
    int rankMine = policy.priority().rank(field, system);
    int rankTheirs = policy.priority().rank(field, current.system());
    if (!mine.timed() || !theirs.timed()) {
      return same || rankMine < rankTheirs;
    }
    Instant t = stamp.timeOf(field);
    Instant c = current.modifiedAt();
    if (!t.isBefore(c.plus(theirs.precision()))) {
      return true; // starts after the golden value's interval ends
    }
    if (!c.isBefore(t.plus(mine.precision()))) {
      return false; // ends before the golden value's interval starts
    }
    return same ? !t.isBefore(c) : rankMine < rankTheirs;
  }
}
