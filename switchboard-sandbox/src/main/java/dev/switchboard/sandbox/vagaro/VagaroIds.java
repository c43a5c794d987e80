package dev.switchboard.sandbox.vagaro;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Vagaro-looking identifiers: 16 bytes in base64 with {@code -} and {@code ~} for {@code +} and {@code /}, as in
 * the published examples ({@code "2dwfErtmMAFxe6hoCnQStw=="}, https://docs.vagaro.com/public/docs/webhook-events).
 * Derived from a seed string, so the same account and counter always give the same id.
 */
final class VagaroIds {

  private VagaroIds() {}

  static String of(String seed) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(Arrays.copyOf(digest, 16)).replace('+', '-').replace('/', '~');
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
