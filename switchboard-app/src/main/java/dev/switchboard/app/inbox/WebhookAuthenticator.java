package dev.switchboard.app.inbox;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.WebhookRequest;
import dev.switchboard.app.connectors.WebhookVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Decides whether a webhook request is genuine and which connections it speaks for. A request is genuine when
 * its signature verifies, for one of the URLs it may have been sent to, either with the instance's app secret
 * or with the secret of a connection to an account it names. The connections it speaks for are exactly those,
 * among the accounts it names, whose own webhook secret verifies it: the same secret that signed it. So a
 * delivery of one app never reaches a connection that another app (another secret) authenticates, whichever
 * tenant owns it.
 */
@Component
class WebhookAuthenticator {
  private final Connections connections;
  private final Clock clock;

  WebhookAuthenticator(Connections connections, Clock clock) {
    this.connections = connections;
    this.clock = clock;
  }

  /**
   * @param genuine     the signature verified (app secret or a connection's)
   * @param connections the connections whose secret verifies the request, in creation order
   * @param reason      why it is not genuine (null when it is); short, without secrets
   */
  record Verdict(boolean genuine, List<Connection> connections, @Nullable String reason) {}

  /** @param requests the same request once per candidate URL (see {@link WebhookUrls}) */
  Verdict authenticate(Connector connector, List<WebhookRequest> requests) {
    WebhookVerifier verifier = connector.webhookVerifier();
    Instant now = clock.instant();
    String reason = null;
    boolean appSigned = false;
    for (WebhookRequest r : requests) {
      String why = verifier.verifyAppSecret(r, now);
      appSigned |= why == null;
      reason = reason == null ? why : reason;
    }
    Set<String> accounts = verifier.accountHints(requests.getFirst());
    // a body naming no account (Mailchimp without data[list_id]) may belong to any connection of the system,
    // unless the app secret already proved it genuine: then it has no events of any account to route
    List<Connection> candidates = !accounts.isEmpty() ? connections.findByAccounts(connector.system(), accounts)
        : appSigned ? List.of() : connections.findByAccount(connector.system(), null);
    List<Connection> verified = new ArrayList<>();
    for (Connection candidate : candidates) {
      ConnectionContext context = connections.context(candidate);
      for (WebhookRequest r : requests) {
        String why = verifier.verify(r, context, now);
        if (why == null) {
          verified.add(candidate);
          break;
        }
        reason = reason == null || reason.startsWith("no app secret") ? why : reason;
      }
    }
    boolean genuine = appSigned || !verified.isEmpty();
    return new Verdict(genuine, List.copyOf(verified),
        genuine ? null : reason == null ? "no connection for the accounts it names" : reason);
  }
}
