package dev.switchboard.app.sync;

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
 * incoming source timestamp is later; on equal timestamps the same system's newer report wins, else the system
 * earlier in {@code priority} wins. An
 * incoming value equal to the golden value never counts as a change (that is what makes replays and echoes
 * harmless), even if its timestamp is newer.
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

  private Merge() {}

  public static Result apply(Map<String, FieldValue> golden, Map<String, Object> incoming, String system,
      Instant modifiedAt, List<String> priority) {
    Map<String, FieldValue> out = new LinkedHashMap<>(golden);
    List<Change> changes = new ArrayList<>();
    incoming.forEach((field, value) -> {
      FieldValue current = golden.get(field);
      if (current != null && Objects.equals(current.value(), value)) {
        return;
      }
      if (current == null && isEmpty(value)) {
        return; // an empty value teaches nothing about a field we have never had
      }
      if (current == null || wins(system, modifiedAt, current, priority)) {
        out.put(field, new FieldValue(value, system, modifiedAt));
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

  static boolean wins(String system, Instant modifiedAt, FieldValue current, List<String> priority) {
    int cmp = modifiedAt.compareTo(current.modifiedAt());
    if (cmp != 0) {
      return cmp > 0;
    }
    // The same system at the same instant: its later report of its own state supersedes its earlier one (two
    // edits within one tick of its clock); otherwise the system earlier in the priority list wins the tie.
    return system.equals(current.system()) || rank(system, priority) < rank(current.system(), priority);
  }

  private static int rank(String system, List<String> priority) {
    int i = priority.indexOf(system);
    return i < 0 ? Integer.MAX_VALUE : i;
  }
}
