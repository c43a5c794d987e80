package dev.switchboard.sandbox.mailchimp;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OutboundRequest;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Delivery of list webhooks (https://mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks/): one
 * form-encoded POST ({@code User-Agent: MailChimp.com}, no signature) per event per webhook that
 * {@link MailchimpWebhook#wants wants} it. Each attempt gets {@code sandbox.mailchimp.webhook-timeout-ms} (Mailchimp:
 * 10 s) to answer; a failed delivery is retried three times (four attempts, as Mailchimp's release note of
 * 2021-04-05 says), except after 410, which disables the webhook for all later events. The backoff between attempts
 * is the shared dispatcher's (Mailchimp spreads its retries over 75 minutes). Not a bean: each account has its own,
 * bound to its registry and list id, so a change in one account never reaches another account's webhooks.
 */
class MailchimpWebhookSender {

  static final String AGENT = "MailChimp.com";
  static final int MAX_ATTEMPTS = 4;
  static final Set<Integer> FINAL_STATUSES = Set.of(410);
  private static final DateTimeFormatter FIRED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final MailchimpWebhookRegistry registry;
  private final WebhookDispatcher dispatcher;
  private final WebhookDispatcher.RetryPolicy retry;
  private final String listId;
  private final ChangeClock clock;

  MailchimpWebhookSender(MailchimpWebhookRegistry registry, WebhookDispatcher dispatcher, MailchimpSettings settings,
      ChangeClock clock, String listId) {
    this.registry = registry;
    this.dispatcher = dispatcher;
    this.retry = new WebhookDispatcher.RetryPolicy(MAX_ATTEMPTS, FINAL_STATUSES, settings.webhookTimeout);
    this.listId = listId;
    this.clock = clock;
  }

  /**
   * Queues {@code type} for every webhook that wants it from {@code source} (null: whatever the sources).
   * {@code extra}: action (unsubscribe); old_email, old_id (upemail); reason, campaign_id (cleaned).
   */
  void fire(String type, Member m, Map<String, String> extra, String source) {
    String body = null;
    for (MailchimpWebhook h : registry.list()) {
      if (!h.wants(type, source)) {
        continue;
      }
      if (body == null) {
        body = encode(form(type, m, extra == null ? Map.of() : extra));
      }
      String payload = body;
      Map<String, String> headers = Map.of("User-Agent", AGENT);
      dispatcher.dispatch("mailchimp", retry,
          attempt -> new OutboundRequest(h.url(), "application/x-www-form-urlencoded", headers, payload),
          status -> {
            if (status == 410) {
              registry.disable(h.id());
            }
          });
    }
  }

  private Map<String, String> form(String type, Member m, Map<String, String> extra) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("type", type);
    f.put("fired_at", FIRED_AT.format(clock.now()));
    switch (type) {
      case "upemail" -> {
        f.put("data[list_id]", listId);
        f.put("data[new_id]", m.hash());
        f.put("data[new_email]", m.email);
        f.put("data[old_email]", extra.get("old_email"));
        return f;
      }
      case "cleaned" -> {
        f.put("data[list_id]", listId);
        f.put("data[campaign_id]", extra.getOrDefault("campaign_id", ""));
        f.put("data[reason]", extra.getOrDefault("reason", "hard"));
        f.put("data[email]", m.email);
        return f;
      }
      default -> { }
    }
    if (extra.containsKey("action")) {
      f.put("data[action]", extra.get("action"));
      f.put("data[reason]", "manual");
    }
    f.put("data[id]", m.hash());
    f.put("data[list_id]", listId);
    f.put("data[email]", m.email);
    f.put("data[email_type]", "html");
    f.put("data[merges][EMAIL]", m.email);
    MailchimpMergeFields.toForm(m.mergeFields, "data[merges]", f);
    f.put("data[ip_opt]", "127.0.0.1");
    f.put("data[web_id]", Long.toString(m.webId));
    return f;
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
