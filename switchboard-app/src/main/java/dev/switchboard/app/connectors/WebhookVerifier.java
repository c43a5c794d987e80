package dev.switchboard.app.connectors;

import java.time.Instant;
import java.util.Optional;

/**
 * A vendor's webhook authentication scheme. Implementations are pure (no I/O) and compare secrets in
 * constant time.
 */
public interface WebhookVerifier {

  /**
   * The vendor account the (still unverified) request claims to come from, used only to find the connection
   * whose secret verifies it: HubSpot {@code portalId}, Mailchimp {@code data[list_id]}. Empty when the body
   * carries none (then every connection of the system is tried).
   */
  Optional<String> accountHint(WebhookRequest request);

  /**
   * Checks the request against the connection's secret.
   *
   * @return null when valid, otherwise a short reason without secrets (e.g. "signature mismatch", "stale
   *     timestamp")
   */
  String verify(WebhookRequest request, ConnectionContext connection, Instant now);
}
