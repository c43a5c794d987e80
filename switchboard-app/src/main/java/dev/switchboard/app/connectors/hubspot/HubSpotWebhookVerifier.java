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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot request signature v3: {@code X-HubSpot-Signature-v3} = base64(HMAC-SHA256(clientSecret,
 * method + uri + body + timestamp)), timestamp from {@code X-HubSpot-Request-Timestamp} (epoch ms), rejected
 * when more than 5 minutes away from now.
 * https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
 *
 * <p>The client secret belongs to the HubSpot app, not to a portal: one delivery of an app may carry events of
 * every portal that installed it. The instance's app secret ({@code switchboard.connectors.hubspot.client-secret})
 * verifies deliveries of the app this installation runs; a connection's own {@code clientSecret} credential (a
 * tenant's private app) verifies that app's deliveries, and a connection without one is authenticated by the
 * instance's app secret.
 */
final class HubSpotWebhookVerifier implements WebhookVerifier {
  /** A delivery carries at most 100 events, so never more portals than that. */
  static final int MAX_HINTS = 100;

  static final String SIGNATURE = "X-HubSpot-Signature-v3";
  static final String TIMESTAMP = "X-HubSpot-Request-Timestamp";
  static final Duration MAX_SKEW = Duration.ofMinutes(5);

  /** HubSpot decodes these percent-encodings in the URI before signing. */
  private static final String[][] DECODED = {
      {"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"}, {"%24", "$"}, {"%27", "'"},
      {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}};

  private final @Nullable String appSecret;

  /** @param appSecret the instance's app client secret; null or blank when none is configured */
  HubSpotWebhookVerifier(@Nullable String appSecret) {
    this.appSecret = appSecret == null || appSecret.isBlank() ? null : appSecret;
  }

  /** The distinct {@code portalId}s of the delivery's events, in order, as {@link HubSpotWebhookParser} reads them. */
  @Override
  public Set<String> accountHints(WebhookRequest request) {
    Set<String> portals = new LinkedHashSet<>();
    try {
      JsonNode events = HubSpotClient.JSON.readTree(request.body());
      for (JsonNode event : events.isArray() ? events : List.<JsonNode>of()) {
        String portal = HubSpotWebhookParser.id(event.path("portalId"));
        if (portal != null && portals.size() < MAX_HINTS) {
          portals.add(portal);
        }
      }
    } catch (RuntimeException e) {
      // an unreadable body names no portal; the parser refuses it once the signature is checked
    }
    return portals;
  }

  @Override
  public @Nullable String verifyAppSecret(WebhookRequest request, Instant now) {
    return appSecret == null ? "no app secret configured" : check(request, appSecret, now);
  }

  /** Against the connection's own {@code clientSecret}, or the instance's app secret when it has none. */
  @Override
  public @Nullable String verify(WebhookRequest request, ConnectionContext connection, Instant now) {
    String own = connection.credential("clientSecret");
    String secret = own != null && !own.isBlank() ? own : appSecret;
    if (secret == null) {
      return "connection has no clientSecret and no app secret is configured";
    }
    return check(request, secret, now);
  }

  private static @Nullable String check(WebhookRequest request, String secret, Instant now) {
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
