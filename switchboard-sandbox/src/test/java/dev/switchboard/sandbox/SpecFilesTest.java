package dev.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skip / fail rules of the vendor-spec lookup, on a temporary tree instead of the real working directory. */
class SpecFilesTest {

  @TempDir
  Path tmp;
  Path module;
  final List<String> lines = new ArrayList<>();

  @BeforeEach
  void layout() throws Exception {
    module = Files.createDirectories(tmp.resolve("clone").resolve("switchboard-sandbox"));
  }

  Path specFile(Path specsDir, String relative) throws Exception {
    Path f = specsDir.resolve(relative);
    Files.createDirectories(f.getParent());
    return Files.writeString(f, "{}");
  }

  @Test
  void noDirectory_isSkippedWithOneLineForTheWholeRun() {
    SpecFiles specs = SpecFiles.locate(null, module, false, lines::add);

    assertThat(specs.find("stripe/spec3.2023-08-16.yaml")).isEmpty();
    assertThat(specs.find("stripe/spec3.2023-08-16.yaml")).isEmpty();
    assertThat(specs.find("square/api.json")).isEmpty();
    assertThat(lines).containsExactly("Vendor-spec conformance tests skipped: no vendor-specs directory found "
        + "(set -Dvendor.specs.dir=/path/to/vendor-specs to run them)");
  }

  @Test
  void noDirectory_failsWhenRequired() {
    SpecFiles specs = SpecFiles.locate("", module, true, lines::add);

    assertThatThrownBy(() -> specs.find("square/api.json")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("vendor.specs.required=true").hasMessageContaining("no vendor-specs directory found");
    assertThat(lines).isEmpty();
  }

  @Test
  void sharedDirectoryBesideTheClone_isFoundWalkingUp() throws Exception {
    Path spec = specFile(tmp.resolve("shared").resolve("vendor-specs"), "square/api.json");

    SpecFiles specs = SpecFiles.locate(null, module, true, lines::add);

    assertThat(specs.find("square/api.json")).contains(spec.toAbsolutePath());
    assertThat(lines).isEmpty();
  }

  @Test
  void explicitDirectory_winsOverTheOneBesideTheClone() throws Exception {
    specFile(tmp.resolve("shared").resolve("vendor-specs"), "square/api.json");
    Path spec = specFile(tmp.resolve("elsewhere"), "square/api.json");

    SpecFiles specs = SpecFiles.locate(tmp.resolve("elsewhere").toString(), module, false, lines::add);

    assertThat(specs.find("square/api.json")).contains(spec.toAbsolutePath());
  }

  @Test
  void missingFile_isSkippedOnceWithItsName_orFailsWhenRequired() throws Exception {
    Path dir = tmp.resolve("shared").resolve("vendor-specs");
    specFile(dir, "square/api.json");

    SpecFiles lenient = SpecFiles.locate(null, module, false, lines::add);
    assertThat(lenient.find("slack/slack_web_openapi_v2.json")).isEmpty();
    assertThat(lenient.find("slack/slack_web_openapi_v2.json")).isEmpty();
    assertThat(lines).singleElement().asString().contains("skipped for slack/slack_web_openapi_v2.json");

    SpecFiles strict = SpecFiles.locate(null, module, true, lines::add);
    assertThatThrownBy(() -> strict.find("slack/slack_web_openapi_v2.json")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Vendor spec missing");
  }

  @Test
  void explicitPathThatIsNotADirectory_failsEvenWhenNotRequired() throws Exception {
    specFile(tmp.resolve("shared").resolve("vendor-specs"), "square/api.json");

    SpecFiles specs = SpecFiles.locate(tmp.resolve("typo").toString(), module, false, lines::add);

    assertThatThrownBy(() -> specs.find("square/api.json")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("vendor.specs.dir=").hasMessageContaining("is not a directory");
  }
}
