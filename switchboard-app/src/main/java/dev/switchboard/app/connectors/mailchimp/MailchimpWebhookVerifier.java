package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WebhookRequest;
import dev.switchboard.app.connectors.WebhookVerifier;
import dev.switchboard.app.connectors.FormUrlEncoding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Mailchimp list webhooks carry no signature; we register the callback URL with a random {@code secret}
 * query parameter and compare it (constant time) with the connection credential {@code webhookSecret}.
 * https://mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks/
 */
final class MailchimpWebhookVerifier implements WebhookVerifier {

  @Override
  public Set<String> accountHints(WebhookRequest request) {
    String list;
    try {
      list = FormUrlEncoding.decode(request.body()).get("data[list_id]");
    } catch (IllegalArgumentException e) {
      return Set.of();
    }
    return list == null || list.isBlank() ? Set.of() : Set.of(list);
  }

  @Override
  public @Nullable String verify(WebhookRequest request, ConnectionContext connection, Instant now) {
    String given = request.query().get("secret");
    if (given == null) {
      given = queryParam(request.uri(), "secret");
    }
    if (given == null || given.isEmpty()) {
      return "missing secret";
    }
    String expected = connection.credential("webhookSecret");
    if (expected == null || expected.isEmpty()) {
      return "connection has no webhookSecret";
    }
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))
        ? null : "secret mismatch";
  }

  private static @Nullable String queryParam(String uri, String name) {
    try {
      String q = URI.create(uri).getRawQuery();
      return q == null ? null : FormUrlEncoding.decode(q).get(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
