package dev.switchboard.sandbox.mailchimp;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OutboundRequest;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Registered list webhooks and their delivery: one form-encoded POST per event per matching webhook
 * (event type enabled in {@code events}, change source enabled in {@code sources}). No signature.
 */
@Component
class MailchimpWebhookSender {

  private static final DateTimeFormatter FIRED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final List<Map<String, Object>> hooks = new ArrayList<>();
  private final WebhookDispatcher dispatcher;
  private final MailchimpSettings settings;
  private final ChangeClock clock;
  private long nextId = 1;

  MailchimpWebhookSender(WebhookDispatcher dispatcher, MailchimpSettings settings, ChangeClock clock) {
    this.dispatcher = dispatcher;
    this.settings = settings;
    this.clock = clock;
  }

  @SuppressWarnings("unchecked")
  synchronized Map<String, Object> register(Map<String, Object> body) {
    Object url = body.get("url");
    if (!(url instanceof String s) || !(s.startsWith("http://") || s.startsWith("https://"))) {
      throw MailchimpException.invalid("url", "Must be a valid URL", "The resource submitted could not be validated.");
    }
    Map<String, Object> events = new LinkedHashMap<>();
    for (String e : List.of("subscribe", "unsubscribe", "profile", "cleaned", "upemail", "campaign")) {
      events.put(e, body.get("events") instanceof Map<?, ?> m ? Boolean.TRUE.equals(m.get(e)) : true);
    }
    Map<String, Object> sources = new LinkedHashMap<>();
    for (String src : List.of("user", "admin", "api")) {
      sources.put(src, body.get("sources") instanceof Map<?, ?> m ? Boolean.TRUE.equals(m.get(src)) : !src.equals("api"));
    }
    Map<String, Object> hook = new LinkedHashMap<>();
    hook.put("id", "wh" + String.format("%08d", nextId++));
    hook.put("url", url);
    hook.put("events", events);
    hook.put("sources", sources);
    hook.put("list_id", settings.listId);
    hooks.add(hook);
    dispatcher.probe((String) url); // Mailchimp validates the URL with a GET
    return new LinkedHashMap<>(hook);
  }

  synchronized List<Map<String, Object>> list() {
    return hooks.stream().map(h -> (Map<String, Object>) new LinkedHashMap<>(h)).toList();
  }

  synchronized Map<String, Object> get(String id) {
    return hooks.stream().filter(h -> h.get("id").equals(id)).findFirst().orElseThrow(MailchimpException::notFound);
  }

  synchronized void remove(String id) {
    if (!hooks.removeIf(h -> h.get("id").equals(id))) {
      throw MailchimpException.notFound();
    }
  }

  /** Queues {@code type} for every matching webhook. {@code extra}: action, old_email, old_id. */
  @SuppressWarnings("unchecked")
  synchronized void fire(String type, Member m, Map<String, String> extra, String source) {
    String body = null;
    for (Map<String, Object> h : hooks) {
      if (!Boolean.TRUE.equals(((Map<String, Object>) h.get("events")).get(type))
          || !Boolean.TRUE.equals(((Map<String, Object>) h.get("sources")).get(source))) {
        continue;
      }
      if (body == null) {
        body = encode(form(type, m, extra == null ? Map.of() : extra));
      }
      String url = (String) h.get("url");
      String payload = body;
      dispatcher.dispatch("mailchimp", attempt -> new OutboundRequest(url, "application/x-www-form-urlencoded", Map.of(), payload));
    }
  }

  private Map<String, String> form(String type, Member m, Map<String, String> extra) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("type", type);
    f.put("fired_at", FIRED_AT.format(clock.now()));
    if (type.equals("upemail")) {
      f.put("data[list_id]", settings.listId);
      f.put("data[new_id]", m.hash());
      f.put("data[new_email]", m.email);
      f.put("data[old_email]", extra.get("old_email"));
      return f;
    }
    if (extra.containsKey("action")) {
      f.put("data[action]", extra.get("action"));
      f.put("data[reason]", "manual");
    }
    f.put("data[id]", m.hash());
    f.put("data[list_id]", settings.listId);
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

  synchronized void reset() {
    hooks.clear();
    nextId = 1;
  }
}
