package dev.switchboard.app.canonical;

/**
 * A whole number in the 64-bit range. One value whatever the source sent: 100, 100L, 100.0 and "100.00" all clean
 * to {@code IntegerValue(100)} (see {@link ValueType#clean}), so a number that came back from JSON as an Integer is
 * not a change from the Long we wrote.
 */
public record IntegerValue(long value) implements Value {
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
