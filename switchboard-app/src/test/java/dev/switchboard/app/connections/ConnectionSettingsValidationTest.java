package dev.switchboard.app.connections;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.connectors.Connector;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** What connect and update refuse in a connection's {@code repeatMerges} setting, before anything is stored. */
class ConnectionSettingsValidationTest {
  private static Connector merging(Set<String> types) {
    Connector c = Mockito.mock(Connector.class, Mockito.CALLS_REAL_METHODS);
    Mockito.doReturn("acme").when(c).system();
    Mockito.doReturn(types).when(c).mergeableTypes();
    return c;
  }

  @Test
  void repeatMergesIsTrueOrFalseAndTrueOnlyWhereTheConnectorMerges() {
    assertThatCode(() -> ConnectionSettingsRules.requireValidRepeatMerges(merging(Set.of("contact")),
        Map.of("repeatMerges", "true"))).doesNotThrowAnyException();
    assertThatCode(() -> ConnectionSettingsRules.requireValidRepeatMerges(merging(Set.of()), Map.of())).doesNotThrowAnyException();
    assertThatThrownBy(() -> ConnectionSettingsRules.requireValidRepeatMerges(merging(Set.of("contact")),
        Map.of("repeatMerges", "sometimes")))
        .isInstanceOfSatisfying(ConnectionRefused.class, e -> {
          org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(400);
          org.assertj.core.api.Assertions.assertThat(e.errorCode()).isEqualTo("invalid_setting");
          org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("settings.repeatMerges");
        });
    assertThatThrownBy(() -> ConnectionSettingsRules.requireValidRepeatMerges(merging(Set.of()),
        Map.of("repeatMerges", "true"))).isInstanceOf(ConnectionRefused.class).hasMessageContaining("cannot merge");
  }

  /** A setting of the connector's own (HubSpot's {@code apiVersion}) is refused as the connector says, naming it. */
  @Test
  void aConnectorsOwnSettingIsRefusedAsItSays() {
    Connector hubspot = new dev.switchboard.app.connectors.hubspot.HubSpotConnector(
        new dev.switchboard.app.connectors.GuardedVendorHttp(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
            java.time.Clock.systemUTC(), 5000),
        new dev.switchboard.app.connectors.hubspot.HubSpotProperties("https://api.hubapi.com", 100, ""));
    assertThatCode(() -> ConnectionSettingsRules.requireValidConnectorSettings(hubspot, Map.of("apiVersion", "v3")))
        .doesNotThrowAnyException();
    assertThatCode(() -> ConnectionSettingsRules.requireValidConnectorSettings(hubspot, Map.of())).doesNotThrowAnyException();
    assertThatThrownBy(() -> ConnectionSettingsRules.requireValidConnectorSettings(hubspot, Map.of("apiVersion", "2024-01")))
        .isInstanceOfSatisfying(ConnectionRefused.class, e -> {
          org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(400);
          org.assertj.core.api.Assertions.assertThat(e.errorCode()).isEqualTo("invalid_setting");
          org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("settings.apiVersion");
        });
  }
}
