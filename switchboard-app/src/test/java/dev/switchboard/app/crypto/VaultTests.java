package dev.switchboard.app.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VaultTests {
  final Vault vault = new Vault(key((byte) 1));

  static byte[] key(byte b) {
    byte[] k = new byte[32];
    Arrays.fill(k, b);
    return k;
  }

  @Test
  void roundTripsAndHidesThePlaintext() {
    String ct = vault.encrypt("token-secret", "connection:c1");
    assertThat(ct).doesNotContain("token-secret");
    assertThat(vault.decrypt(ct, "connection:c1")).isEqualTo("token-secret");
    assertThat(vault.encrypt("token-secret", "connection:c1")).isNotEqualTo(ct); // random nonce
  }

  @Test
  void ciphertextIsBoundToItsContextAndKey() {
    String ct = vault.encrypt("x", "connection:c1");
    assertThatThrownBy(() -> vault.decrypt(ct, "connection:c2")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new Vault(key((byte) 2)).decrypt(ct, "connection:c1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void blindIndexIsDeterministicKeyedAndKindSeparated() {
    assertThat(vault.blindIndex("email", "a@x.io")).isEqualTo(vault.blindIndex("email", "a@x.io")).hasSize(64);
    assertThat(vault.blindIndex("email", "a@x.io")).isNotEqualTo(vault.blindIndex("phone", "a@x.io"));
    assertThat(new Vault(key((byte) 2)).blindIndex("email", "a@x.io")).isNotEqualTo(vault.blindIndex("email", "a@x.io"));
    assertThat(vault.token("email", "a@x.io")).startsWith("tok_").hasSize(20);
  }

  @Test
  void refusesShortKeys() {
    assertThatThrownBy(() -> new Vault(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }
}
