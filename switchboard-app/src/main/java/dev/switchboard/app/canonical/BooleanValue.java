package dev.switchboard.app.canonical;

/** True or false; use {@link #of(boolean)}. */
public record BooleanValue(boolean value) implements Value {
  public static final BooleanValue TRUE = new BooleanValue(true);
  public static final BooleanValue FALSE = new BooleanValue(false);

  public static BooleanValue of(boolean value) {
    return value ? TRUE : FALSE;
  }
}
