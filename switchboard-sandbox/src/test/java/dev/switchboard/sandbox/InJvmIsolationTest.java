package dev.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Security, JDBC and H2 are on this module's TEST classpath (as in the app's test JVM). If any of
 * their auto-configurations leaked into the sandbox, calls without auth would be 401 and a
 * DataSource would exist.
 */
class InJvmIsolationTest {

  @Test
  void startsWithoutSecurityOrJdbcAndTwoInstancesDoNotShareState() throws Exception {
    assertThat(Class.forName("org.springframework.security.config.annotation.web.builders.HttpSecurity")).isNotNull();
    try (SandboxServer a = SandboxServer.start(0, Map.of());
        SandboxServer b = SandboxServer.start(0, Map.of("sandbox.hubspot.access-token", "other-token"))) {
      assertThat(a.port()).isNotEqualTo(b.port());
      Http ctlA = new Http(a.baseUrl(), Map.of());
      assertThat(ctlA.get("/_sandbox/credentials").status()).isEqualTo(200);
      assertThat(ctlA.get("/_sandbox/counters").status()).isEqualTo(200);
      Http.Res noAuth = ctlA.get("/hubspot/crm/v3/objects/contacts"); // vendor auth, not Spring Security
      assertThat(noAuth.status()).isEqualTo(401);
      assertThat(noAuth.json().get("category").asString()).isEqualTo("INVALID_AUTHENTICATION");
      assertThat(a.context().getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
      assertThat(a.context().containsBean("springSecurityFilterChain")).isFalse();

      ctlA.post("/_sandbox/seed", Map.of("vendor", "hubspot", "contacts", 3));
      Http hubA = new Http(a.baseUrl() + "/hubspot", Map.of("Authorization", "Bearer pat-sandbox-hubspot"));
      Http hubB = new Http(b.baseUrl() + "/hubspot", Map.of("Authorization", "Bearer other-token"));
      assertThat(hubA.get("/crm/v3/objects/contacts").json().get("results").size()).isEqualTo(3);
      assertThat(hubB.get("/crm/v3/objects/contacts").json().get("results").size()).isZero();
      assertThat(new Http(b.baseUrl(), Map.of()).get("/_sandbox/credentials").json().at("/hubspot/accessToken").asString())
          .isEqualTo("other-token");
    }
  }
}
