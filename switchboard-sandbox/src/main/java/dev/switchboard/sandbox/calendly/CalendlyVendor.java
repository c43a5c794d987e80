package dev.switchboard.sandbox.calendly;

import dev.switchboard.sandbox.support.AccountRegistry;
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

/**
 * The Calendly emulator as seen by the shared {@code /_sandbox} controls. Reset restores every organization; seed
 * acts on one, named by {@code account} (number or organization URI/UUID, default 1; unknown → 400).
 */
@Component
class CalendlyVendor implements VendorApi {

  private final CalendlySettings settings;
  private final CalendlyOrgs orgs;
  private final CalendlyOAuthController oauth;
  private final CalendlyGuardFilter guard;
  private final ChangeClock clock;
  private final JsonMapper json;

  CalendlyVendor(CalendlySettings settings, CalendlyOrgs orgs, CalendlyOAuthController oauth, CalendlyGuardFilter guard,
      ChangeClock clock, JsonMapper json) {
    this.settings = settings;
    this.orgs = orgs;
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
    orgs.reset();
    oauth.reset();
    guard.reset();
    settings.reset();
  }

  /** Each person books the 30-minute event type, one per hour from tomorrow 09:00 UTC; {@code fireWebhooks} fires invitee.created. */
  @Override
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    CalendlyOrg org = AccountRegistry.known(orgs.forControl(request.get("account")), "calendly account", request.get("account"));
    CalendlyStore store = org.store;
    boolean fire = Boolean.TRUE.equals(request.get("fireWebhooks"));
    List<String> ids = new ArrayList<>();
    Instant day = clock.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(9));
    for (Map<String, Object> r : SeedPeople.from(request, "Invitee", org::nextSeed)) {
      String name = (r.get("firstname") == null ? "" : r.get("firstname") + " ") + (r.get("lastname") == null ? "" : r.get("lastname"));
      Map<String, Object> inv = store.book(org.et30Uuid, String.valueOf(r.get("email")), name.trim(),
          day.plus(Duration.ofHours(ids.size() + org.seeded())), "UTC", r.get("phone") == null ? null : r.get("phone").toString(), null);
      ids.add((String) inv.get("uri"));
      if (fire) {
        org.webhooks.fire("invitee.created", CalendlySandboxController.payload(inv, store.event(CalendlyUris.id(inv.get("event")))));
      }
    }
    return Map.of("vendor", name(), "account", org.number, "organization", org.orgUri(), "created", ids.size(),
        "ids", ids);
  }

  /** Organization 1's credentials at the top level (as before there were several), then {@code accounts[]}: all. */
  @Override
  public Map<String, Object> credentials() {
    CalendlyOrg first = orgs.first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("personalAccessToken", first.personalAccessToken);
    m.put("clientId", settings.clientId);
    m.put("clientSecret", settings.clientSecret);
    m.put("webhookSigningKey", settings.defaultSigningKey);
    m.put("user", first.userUri());
    m.put("organization", first.orgUri());
    m.put("oauthAuthorizeUrl", "/calendly/oauth/authorize");
    m.put("oauthTokenUrl", "/calendly/oauth/token");
    m.put("accounts", orgs.all().stream().map(CalendlyVendor::account).toList());
    return m;
  }

  private static Map<String, Object> account(CalendlyOrg o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", o.number);
    m.put("personalAccessToken", o.personalAccessToken);
    m.put("user", o.userUri());
    m.put("organization", o.orgUri());
    m.put("email", o.email);
    m.put("name", o.userName);
    m.put("eventTypes", List.of(o.et30Uuid, o.et60Uuid));
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
