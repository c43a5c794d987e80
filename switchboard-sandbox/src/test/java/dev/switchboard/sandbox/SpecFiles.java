package dev.switchboard.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One lookup of the vendor-spec directory and the use / skip / fail decision for the files in it (the rules are
 * {@link VendorSpecs}'s). Separate from {@link VendorSpecs} so that the rules can be tested with a temporary
 * directory and a collected output instead of the JVM's working directory and system properties.
 */
final class SpecFiles {

  /** Printed once when the directory is not found and specs are not required. */
  static final String SKIPPED = "Vendor-spec conformance tests skipped: no vendor-specs directory found "
      + "(set -Dvendor.specs.dir=/path/to/vendor-specs to run them)";

  private final Path dir;
  private final String notFound;
  private final String misconfigured;
  private final boolean required;
  private final Consumer<String> out;
  private final Set<String> said = ConcurrentHashMap.newKeySet();

  private SpecFiles(Path dir, String notFound, String misconfigured, boolean required, Consumer<String> out) {
    this.dir = dir;
    this.notFound = notFound;
    this.misconfigured = misconfigured;
    this.required = required;
    this.out = out;
  }

  /**
   * Looks for the directory: {@code explicitDir} when it is non-blank, else the first {@code shared/vendor-specs}
   * in {@code start} or one of its ancestors. Never throws: a bad {@code explicitDir} is reported by {@link #find}.
   *
   * @param required whether an absent directory or file fails instead of being skipped
   * @param out      where the one-time notes go (a line each)
   */
  static SpecFiles locate(String explicitDir, Path start, boolean required, Consumer<String> out) {
    if (explicitDir != null && !explicitDir.isBlank()) {
      Path p = Path.of(explicitDir).toAbsolutePath();
      return Files.isDirectory(p) ? new SpecFiles(p, null, null, required, out)
          : new SpecFiles(null, null, VendorSpecs.DIR_PROPERTY + "=" + explicitDir + " is not a directory", required, out);
    }
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("vendor-specs");
      if (Files.isDirectory(candidate)) {
        return new SpecFiles(candidate, null, null, required, out);
      }
    }
    String notFound = "no vendor-specs directory found (set -D" + VendorSpecs.DIR_PROPERTY + "=/path/to/vendor-specs, "
        + "or keep shared/vendor-specs beside the repository; searched upwards from " + start.toAbsolutePath() + ")";
    return new SpecFiles(null, notFound, null, required, out);
  }

  /**
   * The file {@code relative} (e.g. {@code stripe/spec3.2023-08-16.yaml}) in the spec directory. Empty when the
   * directory or the file is absent and specs are not required; the first time for a given reason, a line says
   * so. Throws {@link IllegalStateException} when specs are required and absent, and always for a
   * {@code vendor.specs.dir} that is not a directory.
   */
  Optional<Path> find(String relative) {
    if (misconfigured != null) {
      throw new IllegalStateException(misconfigured);
    }
    if (dir == null) {
      if (required) {
        throw new IllegalStateException("Vendor specs required (-D" + VendorSpecs.REQUIRED_PROPERTY + "=true) but " + notFound);
      }
      sayOnce(SKIPPED);
      return Optional.empty();
    }
    Path f = dir.resolve(relative);
    if (Files.isRegularFile(f)) {
      return Optional.of(f);
    }
    if (required) {
      throw new IllegalStateException("Vendor spec missing: " + f + " (-D" + VendorSpecs.REQUIRED_PROPERTY + "=true)");
    }
    sayOnce("Vendor-spec conformance tests skipped for " + relative + ": not in " + dir);
    return Optional.empty();
  }

  private void sayOnce(String line) {
    if (said.add(line)) {
      out.accept(line);
    }
  }
}
