package dev.switchboard.app.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.subtle.PrfHmacJce;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and tokenizes under one 256-bit master key. Separate sub-keys are derived with HKDF for
 * encryption and for blind indexes, so a leaked index key reveals nothing about ciphertexts.
 *
 * <p>Ciphertexts are bound to a context string (associated data), e.g. {@code connection:<id>}: a value
 * copied into another row or column fails to decrypt instead of being silently accepted. Thread-safe.
 */
public final class Vault {
  private final Aead aead;
  private final Prf index;

  public Vault(byte[] masterKey) {
    if (masterKey.length < 32) {
      throw new IllegalArgumentException("master key must be at least 32 bytes");
    }
    try {
      byte[] encKey = Hkdf.computeHkdf("HMACSHA256", masterKey, new byte[0],
          "switchboard/aead/v1".getBytes(StandardCharsets.UTF_8), 32);
      byte[] idxKey = Hkdf.computeHkdf("HMACSHA256", masterKey, new byte[0],
          "switchboard/blind-index/v1".getBytes(StandardCharsets.UTF_8), 32);
      this.aead = new AesGcmJce(encKey);
      this.index = new PrfHmacJce("HMACSHA256", new SecretKeySpec(idxKey, "HMAC"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise encryption", e);
    }
  }

  /** Base64 ciphertext of {@code plaintext}, bound to {@code context}. */
  public String encrypt(String plaintext, String context) {
    try {
      byte[] ct = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ct);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  /**
   * @throws IllegalStateException when the ciphertext was not produced under this key and context
   */
  public String decrypt(String ciphertext, String context) {
    try {
      byte[] pt = aead.decrypt(Base64.getDecoder().decode(ciphertext), context.getBytes(StandardCharsets.UTF_8));
      return new String(pt, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("decryption failed (wrong master key or tampered data)");
    }
  }

  /** Deterministic keyed hash (hex, 64 chars) of {@code kind + value}, for equality lookups. */
  public String blindIndex(String kind, String value) {
    try {
      return HexFormat.of().formatHex(index.compute((kind + "\u0000" + value).getBytes(StandardCharsets.UTF_8), 32));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("index failed", e);
    }
  }

  /** A short stable token for a personal value, safe to put in logs and events (e.g. {@code tok_9f2c…}). */
  public String token(String kind, String value) {
    return "tok_" + blindIndex(kind, value).substring(0, 16);
  }
}
