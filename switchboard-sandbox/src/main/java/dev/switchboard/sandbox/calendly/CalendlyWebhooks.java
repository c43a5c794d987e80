package dev.switchboard.sandbox.calendly;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OutboundRequest;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook subscriptions and signed deliveries. Body {@code {"created_at", "created_by", "event", "payload"}};
 * header {@code Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(signing_key, t + "." + body)>}
 * (https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures). Failed deliveries are retried
 * by the shared {@link WebhookDispatcher}; once a delivery has been retried for longer than
 * {@code webhookRetryWindowMs} (Calendly: 24 h) the subscription turns {@code state: "disabled"}, gets no further
 * events, and that delivery's remaining attempts are abandoned.
 *
 * <p>One per organization ({@link CalendlyOrg}): subscriptions name that organization (and its user), hear its
 * events only, and each envelope's {@code created_by} and payload URIs are its own.
 */
final class CalendlyWebhooks {

  static final Set<String> EVENTS = Set.of("invitee.created", "invitee.canceled", "invitee_no_show.created",
      "invitee_no_show.deleted", "routing_form_submission.created");

  private record Sub(Map<String, Object> resource, String signingKey) {}

  private final Map<String, Sub> subs = new LinkedHashMap<>();
  private final CalendlyOrg org;
  private final CalendlyDirectory dir;
  private final CalendlySettings settings;
  private final WebhookDispatcher dispatcher;
  private final ChangeClock clock;
  private final JsonMapper json;

  CalendlyWebhooks(CalendlyOrg org, CalendlyDirectory dir, CalendlySettings settings, WebhookDispatcher dispatcher,
      ChangeClock clock, JsonMapper json) {
    this.org = org;
    this.dir = dir;
    this.settings = settings;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.json = json;
  }

  @SuppressWarnings("unchecked")
  synchronized Map<String, Object> create(Map<String, Object> body) {
    Object url = body.get("url");
    if (!(url instanceof String u) || !(u.startsWith("http://") || u.startsWith("https://"))) {
      throw CalendlyException.invalid("url", "must be a valid URL");
    }
    if (!(body.get("events") instanceof List<?> events) || events.isEmpty() || !EVENTS.containsAll(events)) {
      throw CalendlyException.invalid("events", "must be a non-empty list of supported events");
    }
    Object scope = body.get("scope");
    if (!"user".equals(scope) && !"organization".equals(scope)) {
      throw CalendlyException.invalid("scope", "must be one of user, organization");
    }
    if (body.get("organization") == null || !org.isOrgOrNull(body.get("organization").toString())) {
      throw CalendlyException.invalid("organization", "is invalid");
    }
    if ("user".equals(scope) && (body.get("user") == null || !org.isUserOrNull(body.get("user").toString()))) {
      throw CalendlyException.invalid("user", "is required for user scope and must be a valid user");
    }
    for (Sub s : subs.values()) {
      if (s.resource.get("callback_url").equals(url) && s.resource.get("scope").equals(scope)) {
        throw new CalendlyException(409, "Already Exists", "Hook with this url already exists", null);
      }
    }
    String uuid = UUID.randomUUID().toString();
    String now = CalendlyUris.ts(clock.nextChange());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("uri", dir.base() + "/webhook_subscriptions/" + uuid);
    r.put("callback_url", url);
    r.put("created_at", now);
    r.put("updated_at", now);
    r.put("retry_started_at", null);
    r.put("state", "active");
    r.put("events", List.copyOf((List<String>) events));
    r.put("scope", scope);
    r.put("organization", org.orgUri());
    r.put("user", "user".equals(scope) ? org.userUri() : null);
    r.put("group", null);
    r.put("creator", org.userUri());
    Object key = body.get("signing_key");
    subs.put(uuid, new Sub(r, key instanceof String k && !k.isEmpty() ? k : settings.defaultSigningKey));
    return new LinkedHashMap<>(r);
  }

  synchronized List<Map<String, Object>> list(String organization, String scope, String user) {
    return subs.values().stream().map(Sub::resource)
        .filter(r -> r.get("scope").equals(scope) && CalendlyUris.id(r.get("organization")).equals(CalendlyUris.id(organization)))
        .filter(r -> user == null || CalendlyUris.id(user).equals(CalendlyUris.id(r.get("user"))))
        .map(r -> (Map<String, Object>) new LinkedHashMap<>(r)).toList();
  }

  synchronized Map<String, Object> get(String uuid) {
    Sub s = subs.get(uuid);
    if (s == null) {
      throw CalendlyException.notFound();
    }
    return new LinkedHashMap<>(s.resource);
  }

  synchronized void delete(String uuid) {
    if (subs.remove(uuid) == null) {
      throw CalendlyException.notFound();
    }
  }

  /** Queues {@code event} for every active subscription of this organization that listens to it. */
  synchronized void fire(String event, Map<String, Object> payload) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("created_at", CalendlyUris.ts(clock.now()));
    envelope.put("created_by", org.userUri());
    envelope.put("event", event);
    envelope.put("payload", payload);
    String body = json.writeValueAsString(envelope);
    for (Map.Entry<String, Sub> e : subs.entrySet()) {
      Map<String, Object> r = e.getValue().resource;
      if ("active".equals(r.get("state")) && ((List<?>) r.get("events")).contains(event)) {
        deliver(e.getKey(), e.getValue(), body);
      }
    }
  }

  private void deliver(String uuid, Sub sub, String body) {
    String url = (String) sub.resource.get("callback_url");
    long started = System.nanoTime();
    dispatcher.dispatch("calendly", attempt -> {
      if (attempt > 1 && !stillRetrying(uuid, started)) {
        return null; // subscription disabled: Calendly stops retrying
      }
      long t = clock.now().getEpochSecond();
      return new OutboundRequest(url, "application/json",
          Map.of("Calendly-Webhook-Signature", "t=" + t + ",v1=" + hmac(sub.signingKey, t + "." + body)), body);
    });
  }

  /** Called before a retry: records retry_started_at; disables the subscription once the window has passed. */
  private synchronized boolean stillRetrying(String uuid, long started) {
    Sub s = subs.get(uuid);
    if (s == null || !"active".equals(s.resource.get("state"))) {
      return false;
    }
    if (s.resource.get("retry_started_at") == null) {
      s.resource.put("retry_started_at", CalendlyUris.ts(clock.now()));
    }
    if ((System.nanoTime() - started) / 1_000_000 >= settings.webhookRetryWindowMs) {
      s.resource.put("state", "disabled");
      s.resource.put("updated_at", CalendlyUris.ts(clock.nextChange()));
      return false;
    }
    return true;
  }

  static String hmac(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  synchronized void reset() {
    subs.clear();
  }
}
