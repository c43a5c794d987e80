package dev.switchboard.sandbox.acuity;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.control.SeedPeople;
import dev.switchboard.sandbox.control.VendorApi;
import dev.switchboard.sandbox.support.ChangeClock;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Acuity emulator as seen by the {@code /_sandbox} controls. Seed: {@code records} / {@code contacts: N}
 * become clients; {@code appointments: N} are spread evenly from 120 days ago to 30 days ahead (so
 * Acuity's usual 90-day import window is testable), booked by those people (or generated ones), every
 * 7th canceled. Webhooks fire for seeded appointments only with {@code fireWebhooks: true}. Reset clears every
 * account; seed acts on one account, {@code account} naming it by number or user id (default 1; unknown → 400).
 */
@Component
class AcuityVendor implements VendorApi {

  private final AcuitySettings settings;
  private final AcuityAccounts accounts;
  private final ChangeClock clock;
  private final JsonMapper json;

  AcuityVendor(AcuitySettings settings, AcuityAccounts accounts, ChangeClock clock, JsonMapper json) {
    this.settings = settings;
    this.accounts = accounts;
    this.clock = clock;
    this.json = json;
  }

  @Override
  public String name() {
    return "acuity";
  }

  @Override
  public String pathPrefix() {
    return "/acuity/api/v1";
  }

  @Override
  public void writeUnavailable(HttpServletResponse res) throws IOException {
    AcuityGuardFilter.write(json, res, 503, AcuityException.body(503, "Service Unavailable", "service_unavailable"));
  }

  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    AcuityGuardFilter.write(json, res, 429, AcuityException.body(429, AcuityGuardFilter.RATE_MESSAGE, "too_many_requests"));
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    AcuityGuardFilter.write(json, res, status, status == 404 ? AcuityException.body(404, "Not Found", "not_found")
        : AcuityException.body(405, "Method Not Allowed", "method_not_allowed"));
  }

  @Override
  public synchronized void reset() {
    accounts.reset();
    settings.reset();
  }

  @Override
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    AcuityAccount account = account(request.get("account"));
    AcuityStore store = account.store;
    boolean fire = Boolean.TRUE.equals(request.get("fireWebhooks"));
    List<Map<String, Object>> people = SeedPeople.from(request, "Client", account::nextSeed);
    for (Map<String, Object> p : people) {
      store.addClient(s(p.get("firstname")), s(p.get("lastname")), s(p.get("email")), s(p.get("phone")), "");
    }
    int n = request.get("appointments") instanceof Number num ? num.intValue() : 0;
    if (people.isEmpty() && n > 0) {
      people = SeedPeople.from(Map.of("contacts", Math.min(n, 50)), "Client", account::nextSeed);
      people.forEach(p -> store.addClient(s(p.get("firstname")), s(p.get("lastname")), s(p.get("email")), s(p.get("phone")), ""));
    }
    AcuityStore.Calendar cal = store.calendars.getFirst();
    ZonedDateTime first = clock.now().atZone(cal.timezone()).truncatedTo(ChronoUnit.DAYS).minusDays(120);
    long spanMinutes = Duration.ofDays(150).toMinutes();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = people.get(i % people.size());
      AcuityAppointment a = new AcuityAppointment(store.nextAppointmentId(), clock.now());
      a.firstName = s(p.get("firstname"));
      a.lastName = s(p.get("lastname"));
      a.email = s(p.get("email"));
      a.phone = s(p.get("phone"));
      a.calendarID = store.calendars.get(i % 2).id();
      a.appointmentTypeID = store.types.get(i % 2).id();
      ZonedDateTime day = first.plusMinutes(spanMinutes * i / n).truncatedTo(ChronoUnit.DAYS);
      a.start = day.plusHours(9 + i % 8);
      a.canceled = i % 7 == 6;
      store.put(a);
      ids.add(a.id);
      if (fire) {
        account.webhooks.appointmentEvent("scheduled", a);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("vendor", name());
    out.put("account", account.number);
    out.put("clients", people.size());
    out.put("created", ids.size());
    out.put("ids", ids);
    return out;
  }

  private static String s(Object o) {
    return o == null ? "" : o.toString();
  }

  /** Account 1's credentials at the top level (as before there were several), then {@code accounts[]}: all of them. */
  @Override
  public Map<String, Object> credentials() {
    AcuityAccount first = accounts.first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("userId", first.userId);
    m.put("apiKey", first.apiKey);
    m.put("clientId", settings.clientId);
    m.put("clientSecret", settings.clientSecret);
    m.put("oauthAuthorizeUrl", "/acuity/oauth2/authorize");
    m.put("oauthTokenUrl", "/acuity/oauth2/token");
    m.put("webhookSigningSecret", first.apiKey);
    m.put("accounts", accounts.all().stream().map(AcuityVendor::account).toList());
    return m;
  }

  private static Map<String, Object> account(AcuityAccount a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", a.number);
    m.put("userId", a.userId);
    m.put("apiKey", a.apiKey);
    m.put("webhookSigningSecret", a.apiKey);
    m.put("email", a.email);
    m.put("name", a.name);
    m.put("calendarIDs", a.store.calendars.stream().map(AcuityStore.Calendar::id).toList());
    m.put("appointmentTypeIDs", a.store.types.stream().map(AcuityStore.AppointmentType::id).toList());
    return m;
  }

  private AcuityAccount account(Object id) {
    return AccountRegistry.known(accounts.forControl(id), "acuity account", id);
  }

  /**
   * Keys: {@code requestsPerSecond}, {@code maxConcurrent} (the budget every account has), {@code staticWebhookUrl}
   * ("" clears it) of the account named by {@code account} (default 1).
   */
  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("requestsPerSecond") instanceof Number n) {
      settings.requestsPerSecond = n.intValue();
    }
    if (patch.get("maxConcurrent") instanceof Number n) {
      settings.maxConcurrent = n.intValue();
    }
    AcuityAccount account = account(patch.get("account"));
    if (patch.containsKey("staticWebhookUrl")) {
      Object url = patch.get("staticWebhookUrl");
      account.webhooks.staticUrl = url == null || url.toString().isBlank() ? null : url.toString();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("vendor", name());
    out.put("requestsPerSecond", settings.requestsPerSecond);
    out.put("maxConcurrent", settings.maxConcurrent);
    out.put("account", account.number);
    out.put("staticWebhookUrl", account.webhooks.staticUrl);
    return out;
  }
}
