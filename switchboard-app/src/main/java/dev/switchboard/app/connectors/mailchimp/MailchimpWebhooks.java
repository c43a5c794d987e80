package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.connectors.ConnectionContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our list webhook at Mailchimp: {@code callbackUrl?secret=<webhookSecret>} (Mailchimp signs nothing, so the secret
 * in the URL authenticates its deliveries). Registered on connect, removed when the connection is deleted.
 * https://mailchimp.com/developer/marketing/api/list-webhooks/
 */
final class MailchimpWebhooks {
  private final MailchimpClient client;

  MailchimpWebhooks(MailchimpClient client) {
    this.client = client;
  }

  /**
   * Idempotent: adds our callback to the list's webhooks unless it is there. Sources user, admin and api (our own
   * writes echo back; the platform's echo check drops them).
   */
  boolean register(ConnectionContext connection, String listId, String callbackUrl) {
    String url = url(connection, callbackUrl);
    for (JsonNode hook : client.listWebhooks(connection, listId).path("webhooks")) {
      if (url.equals(hook.path("url").asString(""))) {
        return true;
      }
    }
    ObjectNode body = MailchimpClient.JSON.createObjectNode();
    body.put("url", url);
    body.putObject("events").put("subscribe", true).put("unsubscribe", true).put("profile", true)
        .put("cleaned", true).put("upemail", true).put("campaign", false);
    body.putObject("sources").put("user", true).put("admin", true).put("api", true);
    client.createWebhook(connection, listId, body);
    return true;
  }

  /**
   * Deletes the list's webhooks whose URL is ours (exactly, secret included: another installation's or the
   * owner's own webhooks on the same list are left alone). Returns whether one was there.
   */
  boolean unregister(ConnectionContext connection, String listId, String callbackUrl) {
    String url = url(connection, callbackUrl);
    boolean found = false;
    for (JsonNode hook : client.listWebhooks(connection, listId).path("webhooks")) {
      String id = hook.path("id").asString("");
      if (url.equals(hook.path("url").asString("")) && !id.isEmpty()) {
        client.deleteWebhook(connection, listId, id);
        found = true;
      }
    }
    return found;
  }

  private static String url(ConnectionContext connection, String callbackUrl) {
    String secret = connection.requiredCredential("webhookSecret");
    return callbackUrl + (callbackUrl.contains("?") ? "&" : "?") + "secret="
        + URLEncoder.encode(secret, StandardCharsets.UTF_8);
  }
}
