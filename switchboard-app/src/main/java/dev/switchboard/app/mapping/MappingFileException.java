package dev.switchboard.app.mapping;

/**
 * A mapping file that cannot be used: its resource, the 1-based line of the offending entry and why. Thrown while the
 * files are read at start, so a broken file stops the application rather than syncing with a wrong mapping.
 */
public final class MappingFileException extends IllegalStateException {
  private final String file;
  private final int line;
  private final String reason;

  MappingFileException(String file, int line, String reason) {
    super(file + ":" + line + ": " + reason);
    this.file = file;
    this.line = line;
    this.reason = reason;
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
