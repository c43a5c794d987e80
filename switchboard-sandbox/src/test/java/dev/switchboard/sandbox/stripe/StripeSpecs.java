package dev.switchboard.sandbox.stripe;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code shared/vendor-specs}: system property {@code vendor.specs.dir}, else the first
 * {@code shared/vendor-specs} found walking up from the working directory. Fails if there is none.
 */
final class StripeSpecs {

  private StripeSpecs() {}

  static Path dir() {
    String prop = System.getProperty("vendor.specs.dir");
    if (prop != null && !prop.isBlank()) {
      Path p = Path.of(prop);
      if (!Files.isDirectory(p)) {
        throw new IllegalStateException("vendor.specs.dir=" + prop + " is not a directory");
      }
      return p;
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared/vendor-specs");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/vendor-specs not found above " + Path.of("").toAbsolutePath()
        + "; set -Dvendor.specs.dir=/path/to/shared/vendor-specs");
  }
}
