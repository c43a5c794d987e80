package dev.switchboard.sandbox.mailchimp;

import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * One account's list webhooks (not a bean: each {@link MailchimpAccount} has its own). Creating one, or pointing one at another URL, first sends the URL a GET (header
 * {@code User-Agent: MailChimp.com WebHook Validator}) and waits up to {@code sandbox.mailchimp.webhook-timeout-ms}
 * for it; unless it answers 200 nothing is stored and the call fails with 400 "Invalid Resource", detail
 * "We couldn't verify the URL is working. Please double check and try again. HTTP Code: N" (N = the status got,
 * 0 when there was no answer). Ids are 10 lower-case hex characters. Thread-safe; the GET is sent without the lock.
 */
class MailchimpWebhookRegistry {

  static final String VALIDATOR_AGENT = "MailChimp.com WebHook Validator";

  private final Map<String, MailchimpWebhook> hooks = new LinkedHashMap<>();
  private final WebhookDispatcher dispatcher;
  private final MailchimpSettings settings;

  MailchimpWebhookRegistry(WebhookDispatcher dispatcher, MailchimpSettings settings) {
    this.dispatcher = dispatcher;
    this.settings = settings;
  }

  /**
   * POST body {@code {url, events, sources}}. Absent {@code events}: all on; absent {@code sources}: user and admin
   * on, api off. Within a given object, a flag left out is off.
   */
  MailchimpWebhook register(Map<String, Object> body) {
    String url = validUrl(body.get("url"));
    Map<String, Boolean> events = flags(MailchimpWebhook.EVENTS, body.get("events"), null, e -> true);
    Map<String, Boolean> sources = flags(MailchimpWebhook.SOURCES, body.get("sources"), null, s -> !s.equals("api"));
    verify(url);
    synchronized (this) {
      String id;
      do {
        byte[] b = new byte[5];
        ThreadLocalRandom.current().nextBytes(b);
        id = HexFormat.of().formatHex(b);
      } while (hooks.containsKey(id));
      MailchimpWebhook hook = new MailchimpWebhook(id, url, events, sources, false);
      hooks.put(id, hook);
      return hook;
    }
  }

  /**
   * PATCH body: any of {@code url}, {@code events}, {@code sources}; flags left out keep their value. A new URL is
   * verified as on creation (an assumption: Mailchimp documents the GET for creation only).
   */
  MailchimpWebhook update(String id, Map<String, Object> body) {
    MailchimpWebhook current = get(id);
    String url = body.containsKey("url") ? validUrl(body.get("url")) : current.url();
    if (!url.equals(current.url())) {
      verify(url);
    }
    synchronized (this) {
      MailchimpWebhook now = get(id);
      MailchimpWebhook next = now.withUrl(url).withFlags(
          flags(MailchimpWebhook.EVENTS, body.get("events"), now.events(), null),
          flags(MailchimpWebhook.SOURCES, body.get("sources"), now.sources(), null));
      hooks.put(id, next);
      return next;
    }
  }

  synchronized List<MailchimpWebhook> list() {
    return new ArrayList<>(hooks.values());
  }

  synchronized MailchimpWebhook get(String id) {
    MailchimpWebhook h = hooks.get(id);
    if (h == null) {
      throw MailchimpException.notFound();
    }
    return h;
  }

  synchronized void remove(String id) {
    if (hooks.remove(id) == null) {
      throw MailchimpException.notFound();
    }
  }

  /** Stops deliveries to {@code id} for good (it answered 410); no-op if it is gone. */
  synchronized void disable(String id) {
    hooks.computeIfPresent(id, (k, h) -> h.disable());
  }

  synchronized void reset() {
    hooks.clear();
  }

  private void verify(String url) {
    int status = dispatcher.validateUrl(url, Map.of("User-Agent", VALIDATOR_AGENT), settings.webhookTimeout);
    if (status != 200) {
      throw new MailchimpException(400, "Invalid Resource",
          "We couldn't verify the URL is working. Please double check and try again. HTTP Code: " + status);
    }
  }

  private static String validUrl(Object url) {
    if (!(url instanceof String s) || !(s.startsWith("http://") || s.startsWith("https://"))) {
      throw MailchimpException.invalid("url", "Must be a valid URL", "The resource submitted could not be validated.");
    }
    return s;
  }

  /** {@code given} (a JSON object) over {@code base}; without {@code given}, {@code base} or the defaults. */
  private static Map<String, Boolean> flags(List<String> keys, Object given, Map<String, Boolean> base,
      Predicate<String> defaults) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (String k : keys) {
      boolean v;
      if (given instanceof Map<?, ?> m) {
        v = m.containsKey(k) ? Boolean.TRUE.equals(m.get(k)) : base != null && base.getOrDefault(k, false);
      } else {
        v = base != null ? base.getOrDefault(k, false) : defaults.test(k);
      }
      out.put(k, v);
    }
    return out;
  }
}
