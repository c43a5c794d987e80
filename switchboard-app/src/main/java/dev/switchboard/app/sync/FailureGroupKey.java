package dev.switchboard.app.sync;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The key of a failure group in URLs and page ids: the connection id and the error code, base64url without padding
 * (vendor codes hold spaces, Mailchimp's {@code Member Exists}). {@code -} alone stands for "no code". Carries no
 * tenant: every use is scoped by the caller's tenant, so another tenant's key finds nothing.
 */
record FailureGroupKey(String connectionId, @Nullable String errorCode) {
  private static final String NO_CODE = "-";
  private static final int MAX_KEY = 400;

  static String encode(String connectionId, @Nullable String errorCode) {
    String raw = connectionId + "\n" + (errorCode == null ? NO_CODE : errorCode);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The key's parts, or empty for anything {@link #encode} cannot have made. */
  static Optional<FailureGroupKey> decode(String key) {
    if (key.isEmpty() || key.length() > MAX_KEY || !key.matches("[A-Za-z0-9_-]+")) {
      return Optional.empty();
    }
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(key), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int nl = raw.indexOf('\n');
    if (nl <= 0 || nl == raw.length() - 1) {
      return Optional.empty();
    }
    String code = raw.substring(nl + 1);
    return Optional.of(new FailureGroupKey(raw.substring(0, nl), code.equals(NO_CODE) ? null : code));
  }
}
