package dev.switchboard.app.mapping;

import org.jspecify.annotations.Nullable;

/**
 * A mapping file that cannot be used: its resource, the 1-based line of the offending entry and why. Thrown while the
 * files are read at start, so a broken file stops the application rather than syncing with a wrong mapping.
 */
public final class MappingFileException extends IllegalStateException {
  private final String file;
  private final int line;
  private final String reason;
  private final String code;
  private final @Nullable String key;

  MappingFileException(String file, int line, String reason) {
    this(file, line, "invalid_mapping", null, reason);
  }

  MappingFileException(String file, int line, String code, @Nullable String key, String reason) {
    super(file + ":" + line + ": " + reason);
    this.file = file;
    this.line = line;
    this.reason = reason;
    this.code = code;
    this.key = key;
  }

  /**
   * What is wrong, as an API error code: {@code unknown_field}, {@code incompatible_types}, {@code
   * transform_not_applicable}, {@code direction_breaks_authority}, {@code invalid_value}, {@code unknown_key}, or
   * {@code invalid_mapping}.
   */
  public String code() {
    return code;
  }

  /** The entry's key at fault ({@code canonical}, {@code transform}, …), when one is. */
  public @Nullable String key() {
    return key;
  }

  public String file() {
    return file;
  }

  /** 1-based. */
  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
