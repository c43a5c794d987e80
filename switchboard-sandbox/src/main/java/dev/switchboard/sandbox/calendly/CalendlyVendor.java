package dev.switchboard.sandbox.calendly;

import dev.switchboard.sandbox.control.SeedPeople;
import dev.switchboard.sandbox.control.VendorApi;
import dev.switchboard.sandbox.support.ChangeClock;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The Calendly emulator as seen by the shared {@code /_sandbox} controls. */
@Component
class CalendlyVendor implements VendorApi {

  private final CalendlySettings settings;
  private final CalendlyDirectory dir;
  private final CalendlyStore store;
  private final CalendlyWebhooks webhooks;
  private final CalendlyOAuthController oauth;
  private final CalendlyGuardFilter guard;
  private final ChangeClock clock;
  private final JsonMapper json;
  private int seeded;

  CalendlyVendor(CalendlySettings settings, CalendlyDirectory dir, CalendlyStore store, CalendlyWebhooks webhooks,
      CalendlyOAuthController oauth, CalendlyGuardFilter guard, ChangeClock clock, JsonMapper json) {
    this.settings = settings;
    this.dir = dir;
    this.store = store;
    this.webhooks = webhooks;
    this.oauth = oauth;
    this.guard = guard;
    this.clock = clock;
    this.json = json;
  }

  @Override
  public String name() {
    return "calendly";
  }

  @Override
  public String pathPrefix() {
    return "/calendly";
  }

  @Override
  public void writeUnavailable(HttpServletResponse res) throws IOException {
    CalendlyGuardFilter.write(json, res, 503, "Service Unavailable", "The server is temporarily unavailable. Please try again later.");
  }

  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    res.setHeader("X-RateLimit-Limit", Integer.toString(settings.rateLimitPerMinute));
    res.setHeader("X-RateLimit-Remaining", "0");
    res.setHeader("X-RateLimit-Reset", "1");
    CalendlyGuardFilter.write(json, res, 429, "Too Many Requests", "You have exceeded the rate limit. Please try again later.");
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    if (status == 404) {
      CalendlyGuardFilter.write(json, res, 404, "Resource Not Found", "The server could not find the requested resource.");
    } else {
      CalendlyGuardFilter.write(json, res, status, "Method Not Allowed", "The requested method is not allowed for this resource.");
    }
  }

  @Override
  public synchronized void reset() {
    store.reset();
    dir.reset();
    webhooks.reset();
    oauth.reset();
    guard.reset();
    settings.reset();
    seeded = 0;
  }

  /** Each person books the 30-minute event type, one per hour from tomorrow 09:00 UTC; {@code fireWebhooks} fires invitee.created. */
  @Override
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    boolean fire = Boolean.TRUE.equals(request.get("fireWebhooks"));
    List<String> ids = new ArrayList<>();
    Instant day = clock.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(9));
    for (Map<String, Object> r : SeedPeople.from(request, "Invitee", () -> ++seeded)) {
      String name = (r.get("firstname") == null ? "" : r.get("firstname") + " ") + (r.get("lastname") == null ? "" : r.get("lastname"));
      Map<String, Object> inv = store.book("SANDBOXET30MIN01", String.valueOf(r.get("email")), name.trim(),
          day.plus(Duration.ofHours(ids.size() + seeded)), "UTC", r.get("phone") == null ? null : r.get("phone").toString(), null);
      ids.add((String) inv.get("uri"));
      if (fire) {
        webhooks.fire("invitee.created", CalendlySandboxController.payload(inv, store.event(CalendlyUris.id(inv.get("event")))));
      }
    }
    return Map.of("vendor", name(), "created", ids.size(), "ids", ids);
  }

  @Override
  public Map<String, Object> credentials() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("personalAccessToken", settings.personalAccessToken);
    m.put("clientId", settings.clientId);
    m.put("clientSecret", settings.clientSecret);
    m.put("webhookSigningKey", settings.defaultSigningKey);
    m.put("user", dir.userUri());
    m.put("organization", dir.orgUri());
    m.put("oauthAuthorizeUrl", "/calendly/oauth/authorize");
    m.put("oauthTokenUrl", "/calendly/oauth/token");
    return m;
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("rateLimitPerMinute") instanceof Number n) {
      settings.rateLimitPerMinute = n.intValue();
    }
    if (patch.get("webhookRetryWindowMs") instanceof Number n) {
      settings.webhookRetryWindowMs = n.longValue();
    }
    return Map.of("vendor", name(), "rateLimitPerMinute", settings.rateLimitPerMinute,
        "webhookRetryWindowMs", settings.webhookRetryWindowMs);
  }
}
