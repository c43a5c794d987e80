package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WebhookRequest;
import dev.switchboard.app.connectors.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot request signature v3: {@code X-HubSpot-Signature-v3} = base64(HMAC-SHA256(clientSecret,
 * method + uri + body + timestamp)), timestamp from {@code X-HubSpot-Request-Timestamp} (epoch ms), rejected
 * when more than 5 minutes away from now.
 * https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
 */
final class HubSpotWebhookVerifier implements WebhookVerifier {

  static final String SIGNATURE = "X-HubSpot-Signature-v3";
  static final String TIMESTAMP = "X-HubSpot-Request-Timestamp";
  static final Duration MAX_SKEW = Duration.ofMinutes(5);

  /** HubSpot decodes these percent-encodings in the URI before signing. */
  private static final String[][] DECODED = {
      {"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"}, {"%24", "$"}, {"%27", "'"},
      {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}};

  @Override
  public Optional<String> accountHint(WebhookRequest request) {
    try {
      JsonNode events = HubSpotClient.JSON.readTree(request.body());
      JsonNode first = events.isArray() ? events.path(0) : events;
      JsonNode portal = first.path("portalId");
      return portal.isValueNode() && !portal.isNull() ? Optional.of(portal.asString()) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String verify(WebhookRequest request, ConnectionContext connection, Instant now) {
    String signature = request.header(SIGNATURE);
    if (signature == null || signature.isBlank()) {
      return "missing " + SIGNATURE;
    }
    String timestamp = request.header(TIMESTAMP);
    if (timestamp == null || timestamp.isBlank()) {
      return "missing " + TIMESTAMP;
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return "invalid timestamp";
    }
    long skew = now.toEpochMilli() - ts;
    if (skew > MAX_SKEW.toMillis()) {
      return "stale timestamp";
    }
    if (-skew > MAX_SKEW.toMillis()) {
      return "timestamp in the future";
    }
    String secret = connection.credential("clientSecret");
    if (secret == null || secret.isBlank()) {
      return "connection has no clientSecret";
    }
    byte[] expected = sign(secret, request.method(), request.uri(), request.bodyAsString(), timestamp.trim());
    byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
    byte[] expectedB64 = Base64.getEncoder().encode(expected);
    return MessageDigest.isEqual(expectedB64, given) ? null : "signature mismatch";
  }

  /** Raw HMAC bytes over {@code method + decodedUri + body + timestamp}. */
  static byte[] sign(String secret, String method, String uri, String body, String timestamp) {
    String source = method.toUpperCase(java.util.Locale.ROOT) + decodeUri(uri) + body + timestamp;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(source.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Applies HubSpot's partial URL decoding (case-insensitive on the hex digits). */
  static String decodeUri(String uri) {
    String out = uri;
    for (String[] d : DECODED) {
      out = out.replace(d[0], d[1]).replace(d[0].toLowerCase(java.util.Locale.ROOT), d[1]);
    }
    return out;
  }
}
