package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class HubSpotPropertiesTest {

  private static HubSpotProperties bind(Map<String, String> source) {
    return new Binder(new MapConfigurationPropertySource(source))
        .bindOrCreate("switchboard.connectors.hubspot", HubSpotProperties.class);
  }

  @Test
  void defaultsAndOverrides() {
    assertThat(bind(Map.of())).isEqualTo(new HubSpotProperties("https://api.hubapi.com", 100, ""));
    assertThat(bind(Map.of("switchboard.connectors.hubspot.base-url", "http://127.0.0.1:8081/hubspot",
        "switchboard.connectors.hubspot.rate-limit-per10s", "190",
        "switchboard.connectors.hubspot.client-secret", "app-secret")))
        .isEqualTo(new HubSpotProperties("http://127.0.0.1:8081/hubspot", 190, "app-secret"));
  }

  @Test
  void theAppSecretIsNeverPrinted() {
    assertThat(new HubSpotProperties("https://api.hubapi.com", 100, "app-secret").toString())
        .doesNotContain("app-secret").contains("<redacted>");
  }
}
