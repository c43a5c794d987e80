package dev.switchboard.sandbox.calendly;

import dev.switchboard.sandbox.support.ChangeClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The account side of the emulated Calendly: one user, one organization, one membership and the
 * event types (seeded: {@code 30min}, {@code 60min}). Resource URIs point at the sandbox
 * ({@code http://127.0.0.1:PORT/calendly/...}); the base is known once the web server has started.
 */
@Component
class CalendlyDirectory {

  private final CalendlySettings settings;
  private final ChangeClock clock;
  private volatile String base = "http://127.0.0.1:8081/calendly";
  private final Map<String, Map<String, Object>> eventTypes = new LinkedHashMap<>();

  CalendlyDirectory(CalendlySettings settings, ChangeClock clock) {
    this.settings = settings;
    this.clock = clock;
    reset();
  }

  @EventListener
  void serverStarted(WebServerInitializedEvent e) {
    base = "http://127.0.0.1:" + e.getWebServer().getPort() + "/calendly";
    reset();
  }

  /** {@code http://127.0.0.1:PORT/calendly}. */
  String base() {
    return base;
  }

  /** {@code http://127.0.0.1:PORT} (the sandbox root). */
  String root() {
    return base.substring(0, base.length() - "/calendly".length());
  }

  String userUri() {
    return base + "/users/" + settings.userUuid;
  }

  String orgUri() {
    return base + "/organizations/" + settings.orgUuid;
  }

  Map<String, Object> user() {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("uri", userUri());
    u.put("name", "Sandy Sandbox");
    u.put("slug", "sandy-sandbox");
    u.put("email", "sandy@sandbox.example.com");
    u.put("scheduling_url", "https://calendly.com/sandy-sandbox");
    u.put("timezone", "UTC");
    u.put("time_notation", "24h");
    u.put("avatar_url", null);
    u.put("created_at", "2024-01-01T00:00:00.000000Z");
    u.put("updated_at", "2024-01-01T00:00:00.000000Z");
    u.put("current_organization", orgUri());
    u.put("resource_type", "User");
    u.put("locale", "en");
    return u;
  }

  Map<String, Object> organization() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("uri", orgUri());
    o.put("name", "Sandbox Org");
    o.put("slug", "sandbox-org");
    o.put("status", "active");
    o.put("timezone", "UTC");
    o.put("created_at", "2024-01-01T00:00:00.000000Z");
    o.put("updated_at", "2024-01-01T00:00:00.000000Z");
    o.put("resource_type", "Organization");
    o.put("plan", "teams");
    o.put("stage", "paid");
    return o;
  }

  Map<String, Object> membership() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uri", base + "/organization_memberships/SANDBOXMEMBER001");
    m.put("role", "owner");
    m.put("user", user());
    m.put("organization", orgUri());
    m.put("created_at", "2024-01-01T00:00:00.000000Z");
    m.put("updated_at", "2024-01-01T00:00:00.000000Z");
    return m;
  }

  synchronized List<Map<String, Object>> eventTypes() {
    return new ArrayList<>(eventTypes.values());
  }

  synchronized Map<String, Object> eventType(String uuid) {
    Map<String, Object> et = eventTypes.get(uuid);
    if (et == null) {
      throw CalendlyException.notFound();
    }
    return et;
  }

  /** Adds an event type (used by seeding); returns it. */
  synchronized Map<String, Object> addEventType(String uuid, String name, String slug, int minutes, boolean active) {
    String now = CalendlyUris.ts(clock.now());
    Map<String, Object> et = new LinkedHashMap<>();
    et.put("uri", base + "/event_types/" + uuid);
    et.put("name", name);
    et.put("active", active);
    et.put("booking_method", "instant");
    et.put("slug", slug);
    et.put("scheduling_url", "https://calendly.com/sandy-sandbox/" + slug);
    et.put("duration", minutes);
    et.put("duration_options", null);
    et.put("kind", "solo");
    et.put("pooling_type", null);
    et.put("type", "StandardEventType");
    et.put("color", "#fff200");
    et.put("created_at", now);
    et.put("updated_at", now);
    et.put("internal_note", null);
    et.put("description_plain", name);
    et.put("description_html", "<p>" + name + "</p>");
    et.put("profile", Map.of("type", "User", "name", "Sandy Sandbox", "owner", userUri()));
    et.put("secret", false);
    et.put("deleted_at", null);
    et.put("admin_managed", false);
    et.put("locations", null);
    et.put("position", eventTypes.size());
    et.put("custom_questions", List.of());
    eventTypes.put(uuid, et);
    return et;
  }

  synchronized void reset() {
    eventTypes.clear();
    addEventType("SANDBOXET30MIN01", "30 Minute Meeting", "30min", 30, true);
    addEventType("SANDBOXET60MIN01", "60 Minute Meeting", "60min", 60, true);
  }
}
