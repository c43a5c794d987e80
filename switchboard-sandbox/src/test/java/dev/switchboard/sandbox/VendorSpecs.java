package dev.switchboard.sandbox;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The official vendor specs (OpenAPI documents, JSON schemas, XSDs) the conformance checks read in place. They are
 * kept outside the repository: system property {@code vendor.specs.dir}, else the first {@code shared/vendor-specs}
 * found walking up from the working directory.
 *
 * <p>A fresh clone has no specs beside it, and its {@code ./mvnw verify} must still pass. So when the directory (or a
 * file in it) is absent, classes marked {@link RequiresVendorSpecs} do not run (their tests are reported as skipped),
 * {@link #file} aborts the calling test (a JUnit assumption) and {@link #has} answers false, so SDK tests still run
 * without their side check of the traffic; one line per run ({@link SpecFiles#SKIPPED}) says how to enable the checks. With {@code -Dvendor.specs.required=true} (CI, which has
 * the specs) an absent directory or file fails instead. A {@code vendor.specs.dir} that is not a directory always
 * fails: a mistyped path must not turn into a quiet skip.
 */
public final class VendorSpecs {

  static final String DIR_PROPERTY = "vendor.specs.dir";
  static final String REQUIRED_PROPERTY = "vendor.specs.required";

  private static final SpecFiles SPECS = SpecFiles.locate(System.getProperty(DIR_PROPERTY), Path.of(""),
      Boolean.getBoolean(REQUIRED_PROPERTY), System.out::println);

  private VendorSpecs() {}

  /** The spec file {@code relative} (e.g. {@code square/api.json}); aborts the calling test when it is absent. */
  public static Path file(String relative) {
    return SPECS.find(relative).orElseGet(() -> Assumptions.abort("vendor spec " + relative + " not available"));
  }

  /** Whether the spec file {@code relative} is available, for checks that ride along with tests that also run without it. */
  public static boolean has(String relative) {
    return SPECS.find(relative).isPresent();
  }
}
