package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class StartupSummaryTest {

  @Test
  void theDatabaseIsNamedWithoutCredentials() {
    assertThat(StartupSummary.database("jdbc:postgresql://sync:s3cret@db.internal:5432/switchboard?password=s3cret"))
        .isEqualTo("PostgreSQL db.internal:5432/switchboard");
    assertThat(StartupSummary.database("jdbc:h2:file:./data/switchboard;MODE=PostgreSQL;AUTO_SERVER=FALSE"))
        .startsWith("H2, embedded, in ./data/switchboard ");
    assertThat(StartupSummary.database("jdbc:h2:mem:x;MODE=PostgreSQL")).startsWith("H2 in memory");
  }

  @Test
  void onlyALoopbackPublicUrlOnAnotherPortIsAMismatch(CapturedOutput output) {
    assertThat(StartupSummary.loopbackPort("http://127.0.0.1:8080")).contains(8080);
    assertThat(StartupSummary.loopbackPort("http://localhost")).contains(80);
    assertThat(StartupSummary.loopbackPort("https://sync.example.com")).isEqualTo(Optional.empty());
    new StartupSummary("https://sync.example.com", "", "/var/lib/switchboard", "jdbc:h2:mem:x").report(9090);
    new StartupSummary("http://localhost:9090", "", "/var/lib/switchboard", "jdbc:h2:mem:x").report(9090);
    assertThat(output.getOut()).contains("master key:       file /var/lib/switchboard/master.key (generated")
        .doesNotContain("WARN");
  }
}
