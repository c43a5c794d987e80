package dev.switchboard.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the official vendor specs kept outside the repository: system property {@code vendor.specs.dir},
 * else the first {@code shared/vendor-specs} found walking up from the working directory. Fails loudly.
 */
public final class VendorSpecs {

  private VendorSpecs() {}

  public static Path dir() {
    String prop = System.getProperty("vendor.specs.dir");
    if (prop != null && !prop.isBlank()) {
      Path p = Path.of(prop).toAbsolutePath();
      if (!Files.isDirectory(p)) {
        throw new IllegalStateException("vendor.specs.dir=" + prop + " is not a directory");
      }
      return p;
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("vendor-specs");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("Vendor specs not found: set -Dvendor.specs.dir or keep shared/vendor-specs beside the "
        + "repository (searched upwards from " + Path.of("").toAbsolutePath() + ")");
  }

  public static Path file(String relative) {
    Path f = dir().resolve(relative);
    if (!Files.isRegularFile(f)) {
      throw new IllegalStateException("Vendor spec missing: " + f);
    }
    return f;
  }
}
