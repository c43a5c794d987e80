package dev.switchboard.sandbox.acuity;

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
 * 7th canceled. Webhooks fire for seeded appointments only with {@code fireWebhooks: true}.
 */
@Component
class AcuityVendor implements VendorApi {

  private final AcuitySettings settings;
  private final AcuityStore store;
  private final AcuityOAuthController oauth;
  private final AcuityWebhookSender webhooks;
  private final ChangeClock clock;
  private final JsonMapper json;
  private int seeded;

  AcuityVendor(AcuitySettings settings, AcuityStore store, AcuityOAuthController oauth, AcuityWebhookSender webhooks,
      ChangeClock clock, JsonMapper json) {
    this.settings = settings;
    this.store = store;
    this.oauth = oauth;
    this.webhooks = webhooks;
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
    store.reset();
    settings.reset();
    oauth.grants().reset();
    seeded = 0;
  }

  @Override
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    boolean fire = Boolean.TRUE.equals(request.get("fireWebhooks"));
    List<Map<String, Object>> people = SeedPeople.from(request, "Client", () -> ++seeded);
    for (Map<String, Object> p : people) {
      store.addClient(s(p.get("firstname")), s(p.get("lastname")), s(p.get("email")), s(p.get("phone")), "");
    }
    int n = request.get("appointments") instanceof Number num ? num.intValue() : 0;
    if (people.isEmpty() && n > 0) {
      people = SeedPeople.from(Map.of("contacts", Math.min(n, 50)), "Client", () -> ++seeded);
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
        webhooks.appointmentEvent("scheduled", a);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("vendor", name());
    out.put("clients", people.size());
    out.put("created", ids.size());
    out.put("ids", ids);
    return out;
  }

  private static String s(Object o) {
    return o == null ? "" : o.toString();
  }

  @Override
  public Map<String, Object> credentials() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("userId", settings.userId);
    m.put("apiKey", settings.apiKey);
    m.put("clientId", settings.clientId);
    m.put("clientSecret", settings.clientSecret);
    m.put("oauthAuthorizeUrl", "/acuity/oauth2/authorize");
    m.put("oauthTokenUrl", "/acuity/oauth2/token");
    m.put("webhookSigningSecret", settings.apiKey);
    return m;
  }

  /** Keys: {@code requestsPerSecond}, {@code maxConcurrent}, {@code staticWebhookUrl} ("" clears it). */
  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("requestsPerSecond") instanceof Number n) {
      settings.requestsPerSecond = n.intValue();
    }
    if (patch.get("maxConcurrent") instanceof Number n) {
      settings.maxConcurrent = n.intValue();
    }
    if (patch.containsKey("staticWebhookUrl")) {
      Object url = patch.get("staticWebhookUrl");
      settings.staticWebhookUrl = url == null || url.toString().isBlank() ? null : url.toString();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("vendor", name());
    out.put("requestsPerSecond", settings.requestsPerSecond);
    out.put("maxConcurrent", settings.maxConcurrent);
    out.put("staticWebhookUrl", settings.staticWebhookUrl);
    return out;
  }
}
