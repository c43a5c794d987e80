package dev.switchboard.sandbox.vagaro;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stand-in for Vagaro's Settings → Developers → APIs &amp; Webhooks page, where a business creates webhooks (Vagaro
 * has no webhook API): {@code POST /_sandbox/vagaro/webhooks {account?, name?, url, eventTypes?, businessIds?}} →
 * 201 with the {@code verificationToken}; {@code GET /_sandbox/vagaro/webhooks?account=};
 * {@code DELETE /_sandbox/vagaro/webhooks/{webhookId}?account=}. {@code account} is a client id (default the first
 * account); event types default to all four, locations to all of the account's. No auth, not rate limited.
 */
@RestController
class VagaroSandboxController {

  private final VagaroAccounts accounts;

  VagaroSandboxController(VagaroAccounts accounts) {
    this.accounts = accounts;
  }

  @PostMapping("/_sandbox/vagaro/webhooks")
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
    VagaroAccount account = account(body.get("account"));
    String url = VagaroRequest.required(body, "url");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw VagaroException.invalid("url", "url must be an http(s) URL.");
    }
    Set<String> types = set(body, "eventTypes", VagaroWebhook.EVENT_TYPES);
    if (!VagaroWebhook.EVENT_TYPES.containsAll(types)) {
      throw VagaroException.invalid("eventTypes", "eventTypes must be among " + VagaroWebhook.EVENT_TYPES + ".");
    }
    Set<String> locations = set(body, "businessIds", Set.copyOf(account.businessIds()));
    if (!account.businessIds().containsAll(locations)) {
      throw VagaroException.notFound("businessIds", "Business");
    }
    String name = VagaroRequest.str(body, "name");
    VagaroWebhook w = account.addWebhook(name == null ? "Webhook" : name, url, types, locations);
    if (w == null) {
      throw VagaroException.invalid("url", "A business can have at most " + VagaroWebhook.MAX_PER_ACCOUNT + " webhooks.");
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(json(w));
  }

  @GetMapping("/_sandbox/vagaro/webhooks")
  List<Map<String, Object>> list(@RequestParam(required = false) String account) {
    return account(account).webhooks().stream().map(VagaroSandboxController::json).toList();
  }

  @DeleteMapping("/_sandbox/vagaro/webhooks/{webhookId}")
  ResponseEntity<Void> delete(@PathVariable String webhookId, @RequestParam(required = false) String account) {
    if (!account(account).removeWebhook(webhookId)) {
      throw VagaroException.notFound("webhookId", "Webhook");
    }
    return ResponseEntity.noContent().build();
  }

  private VagaroAccount account(Object clientId) {
    VagaroAccount a = accounts.forControl(clientId);
    if (a == null) {
      throw VagaroException.notFound("account", "Account");
    }
    return a;
  }

  private static Set<String> set(Map<String, Object> body, String key, Set<String> fallback) {
    Object v = body.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof List<?> l) || l.isEmpty()) {
      throw VagaroException.invalid(key, key + " must be a non-empty list.");
    }
    Set<String> out = new LinkedHashSet<>();
    l.forEach(x -> out.add(String.valueOf(x)));
    return out;
  }

  static Map<String, Object> json(VagaroWebhook w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("webhookId", w.webhookId());
    m.put("name", w.name());
    m.put("url", w.url());
    m.put("eventTypes", w.eventTypes());
    m.put("businessIds", w.businessIds());
    m.put("verificationToken", w.verificationToken());
    m.put("status", "Active");
    return m;
  }
}
