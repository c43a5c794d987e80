package dev.switchboard.app.connectors;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A vendor's webhook authentication scheme. Implementations are pure (no I/O) and compare secrets in
 * constant time.
 */
public interface WebhookVerifier {

  /**
   * The vendor accounts the (still unverified) request claims to carry events of, used only to find the
   * connections whose secrets may verify it: HubSpot's {@code portalId}s (one delivery of an app can mix
   * portals; at most 100, a delivery's most), Mailchimp's {@code data[list_id]}. Empty when the body names none
   * (then every connection of the system is tried). Never throws: a body it cannot read names no account.
   */
  Set<String> accountHints(WebhookRequest request);

  /**
   * Checks the request against the secret that authenticates the connection's webhooks.
   *
   * @return null when valid, otherwise a short reason without secrets (e.g. "signature mismatch", "stale
   *     timestamp")
   */
  @Nullable String verify(WebhookRequest request, ConnectionContext connection, Instant now);

  /**
   * Checks the request against the instance-wide secret of the vendor app this installation runs (HubSpot: the
   * app's client secret, {@code switchboard.connectors.hubspot.client-secret}), for vendors that sign the
   * deliveries of every account with one app secret. A valid answer proves the delivery genuine, not which
   * connection owns its events.
   *
   * @return null when valid, otherwise a short reason ("no app secret configured" by default)
   */
  default @Nullable String verifyAppSecret(WebhookRequest request, Instant now) {
    return "no app secret configured";
  }
}
