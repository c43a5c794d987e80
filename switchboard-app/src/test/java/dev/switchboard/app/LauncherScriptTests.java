package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/switchboard run} says what a production run needs instead of starting with a generated key and a public
 * URL nobody can reach; {@code run --local} starts a local trial and says so. The checks are the script's own
 * functions, run in bash with a clean environment (no JVM is started).
 */
class LauncherScriptTests {
  private static final Path SCRIPT = Path.of("..", "bin", "switchboard").toAbsolutePath().normalize();
  private static final String KEY = "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=";

  record Run(int exit, String out) {}

  private static Run bash(Map<String, String> env, String script) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private static Run check(Map<String, String> env) throws IOException, InterruptedException {
    return bash(env, "source '" + SCRIPT + "' && check_run_settings");
  }

  @Test
  void withNothingConfiguredItSaysWhatEachSettingIsForAndHowToSetItAndFails() throws Exception {
    Run r = check(Map.of());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("SWITCHBOARD_MASTER_KEY is not set").contains("encrypts")
        .contains("openssl rand -base64 32").contains("SWITCHBOARD_PUBLIC_BASE_URL is not set")
        .contains("vendors call Switchboard back").contains("bin/switchboard run --local");
  }

  @Test
  void eachMissingOrMalformedSettingIsNamedOnItsOwn() throws Exception {
    Run noUrl = check(Map.of("SWITCHBOARD_MASTER_KEY", KEY));
    assertThat(noUrl.exit()).isEqualTo(2);
    assertThat(noUrl.out()).contains("SWITCHBOARD_PUBLIC_BASE_URL is not set").doesNotContain("SWITCHBOARD_MASTER_KEY");
    Run badKey = check(Map.of("SWITCHBOARD_MASTER_KEY", "hunter2", "SWITCHBOARD_PUBLIC_BASE_URL", "https://sync.example.com"));
    assertThat(badKey.exit()).isEqualTo(2);
    assertThat(badKey.out()).contains("not the base64 of 32 bytes").doesNotContain("hunter2")
        .doesNotContain("SWITCHBOARD_PUBLIC_BASE_URL");
    Run badUrl = check(Map.of("SWITCHBOARD_MASTER_KEY", KEY, "SWITCHBOARD_PUBLIC_BASE_URL", "sync.example.com"));
    assertThat(badUrl.exit()).isEqualTo(2);
    assertThat(badUrl.out()).contains("must be an http(s) URL");
  }

  @Test
  void withBothSetTheCheckPassesSilently() throws Exception {
    Run r = check(Map.of("SWITCHBOARD_MASTER_KEY", KEY, "SWITCHBOARD_PUBLIC_BASE_URL", "https://sync.example.com"));
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aLocalTrialUsesTheActualPortAndAGeneratedKeyAndSaysSo() throws Exception {
    Run r = bash(Map.of(), "source '" + SCRIPT + "' && local_run_settings 9191 && echo \"url=$SWITCHBOARD_PUBLIC_BASE_URL\"");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Local trial").contains("not for production").contains("url=http://127.0.0.1:9191")
        .contains("master.key");
  }

  @Test
  void theRunCommandStopsBeforeBuildingOrStartingAnything() throws Exception {
    Assumptions.assumeFalse(Files.exists(SCRIPT.getParent().resolve("../.env").normalize()),
        "a .env beside the script configures the run");
    // a free port of its own, should it ever get as far as starting the app
    Run r = bash(Map.of("JAVA_HOME", System.getProperty("java.home"), "SWITCHBOARD_PORT", "18099"), "'" + SCRIPT + "' run");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("SWITCHBOARD_MASTER_KEY is not set").doesNotContain("Building Switchboard");
  }
}
