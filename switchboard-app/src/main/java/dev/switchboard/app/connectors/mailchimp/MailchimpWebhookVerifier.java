package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WebhookRequest;
import dev.switchboard.app.connectors.WebhookVerifier;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Mailchimp list webhooks carry no signature; we register the callback URL with a random {@code secret}
 * query parameter and compare it (constant time) with the connection credential {@code webhookSecret}.
 * https://mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks/
 */
final class MailchimpWebhookVerifier implements WebhookVerifier {

  @Override
  public Optional<String> accountHint(WebhookRequest request) {
    String list;
    try {
      list = form(request.bodyAsString()).get("data[list_id]");
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return list == null || list.isBlank() ? Optional.empty() : Optional.of(list);
  }

  @Override
  public String verify(WebhookRequest request, ConnectionContext connection, Instant now) {
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

  private static String queryParam(String uri, String name) {
    try {
      String q = URI.create(uri).getRawQuery();
      return q == null ? null : form(q).get(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Decodes an {@code application/x-www-form-urlencoded} string (first value wins). */
  static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body == null || body.isBlank()) {
      return out;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k.trim(), v);
    }
    return out;
  }
}
