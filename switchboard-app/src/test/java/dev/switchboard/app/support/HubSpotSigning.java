package dev.switchboard.app.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery the way HubSpot does (request validation v3), independently of the app's verifier:
 * base64(HMAC-SHA256(clientSecret, "POST" + url + body + timestamp)) for a URL without percent-escapes.
 */
public final class HubSpotSigning {
  private HubSpotSigning() {}

  /** The headers of a delivery of {@code body} to {@code url} signed now with {@code secret}. */
  public static List<String> headers(String secret, String url, String body) {
    String ts = Long.toString(System.currentTimeMillis());
    return List.of("Content-Type: application/json", "X-HubSpot-Request-Timestamp: " + ts,
        "X-HubSpot-Signature-v3: " + sign(secret, "POST" + url + body + ts));
  }

  public static String sign(String secret, String source) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(source.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** One {@code contact.creation} event of {@code portal} as HubSpot sends it. */
  public static String event(long eventId, long portal, long objectId) {
    return "{\"eventId\":" + eventId + ",\"subscriptionId\":2101,\"portalId\":" + portal + ",\"appId\":2001,"
        + "\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":\"contact.creation\","
        + "\"attemptNumber\":0,\"objectId\":" + objectId + ",\"changeFlag\":\"NEW\",\"changeSource\":\"CRM_UI\"}";
  }
}
