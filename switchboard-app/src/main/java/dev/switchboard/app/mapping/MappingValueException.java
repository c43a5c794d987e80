package dev.switchboard.app.mapping;

/**
 * A value a transform cannot map: a vendor code the enum map has no entry for, an amount the vendor's units cannot
 * hold exactly, a date in another format. The message names the transform and the code, never the value (it may be
 * personal data).
 */
public final class MappingValueException extends IllegalArgumentException {
  public static final String UNMAPPED_VALUE = "unmapped_value";
  public static final String INVALID_VALUE = "invalid_value";

  private final String code;

  MappingValueException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** {@code unmapped_value} or {@code invalid_value}. */
  public String code() {
    return code;
  }
}
