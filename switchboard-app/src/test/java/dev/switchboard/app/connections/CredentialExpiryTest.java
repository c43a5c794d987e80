package dev.switchboard.app.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A credential's known hard expiry: the vendor's, stored with the tokens, or the date its owner entered. */
class CredentialExpiryTest {
  final Connections connections = mock(Connections.class);
  final CredentialExpiry expiry = new CredentialExpiry(connections);

  private Connection connection(Map<String, String> settings, Map<String, String> credentials) {
    when(connections.storedCredentials("t1", "con_1"))
        .thenReturn(new Connections.StoredCredentials(credentials, "enc"));
    return new Connection("con_1", "t1", "hubspot", "1", "HubSpot", settings, Connection.ACTIVE, null, null, null);
  }

  @Test
  void theEarlierOfTheVendorsExpiryAndTheOwnersDateCounts() {
    Instant vendor = Instant.parse("2026-09-10T12:00:00Z");
    assertThat(expiry.of(connection(Map.of(), Map.of("refreshTokenExpiresAt", "" + vendor.toEpochMilli()))))
        .contains(vendor);
    assertThat(expiry.of(connection(Map.of("credentialExpiresOn", "2026-08-01"), Map.of("refreshTokenExpiresAt",
        "" + vendor.toEpochMilli())))).contains(Instant.parse("2026-08-01T00:00:00Z"));
    assertThat(expiry.of(connection(Map.of(), Map.of("accessToken", "pat")))).isEmpty();
    assertThat(expiry.of(connection(Map.of(), Map.of("refreshTokenExpiresAt", "")))).as("cleared at reconnect")
        .isEmpty();
  }

  @Test
  void anOwnersDateMustBeADate() {
    assertThat(CredentialExpiry.refusal(Map.of("credentialExpiresOn", "2026-08-01"))).isEmpty();
    assertThat(CredentialExpiry.refusal(Map.of())).isEmpty();
    assertThat(CredentialExpiry.refusal(Map.of("credentialExpiresOn", "next week"))).get().asString()
        .contains("YYYY-MM-DD");
  }
}
