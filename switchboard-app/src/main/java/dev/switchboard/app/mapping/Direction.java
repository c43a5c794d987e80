package dev.switchboard.app.mapping;

import java.util.Locale;
import java.util.Optional;

/** Which way a mapped field flows between the vendor and the canonical record. */
public enum Direction {
  /** Vendor → canonical only: the vendor's changes are read, the field is never written there. */
  READ,
  /** Canonical → vendor only: written there, the vendor's value is never read back into the record. */
  WRITE,
  /** Both ways. */
  BOTH;

  public boolean reads() {
    return this != WRITE;
  }

  public boolean writes() {
    return this != READ;
  }

  /** The direction spelled {@code read}, {@code write} or {@code both}. */
  static Optional<Direction> parse(String s) {
    try {
      return Optional.of(valueOf(s.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
