package dev.switchboard.sandbox.calendly;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Calendly organization with its one user (the owner): the personal access token, the user, organization and
 * membership resources, the event types (seeded: {@code 30min}, {@code 60min}), the scheduled events and invitees
 * ({@link CalendlyStore}) and the webhook subscriptions ({@link CalendlyWebhooks}). Nothing is shared between
 * organizations, so a token of one never sees another's data; another organization's resource answers 404 (or an
 * empty list when named as a filter), as an unknown one does.
 *
 * <p>Organization 1 is the configured one ({@code sandbox.calendly.personal-access-token}, user
 * {@code SANDBOXUSER00001} "Sandy Sandbox", organization {@code SANDBOXORG000001} "Sandbox Org"). Organization N ≥ 2
 * is derived from N: token = organization 1's + {@code -N}, every id with its trailing digits replaced by N
 * ({@code SANDBOXUSER00002}, {@code SANDBOXORG000002}, {@code SANDBOXET30MIN02}), names suffixed with " N", email
 * {@code sandy-N@sandbox.example.com}.
 */
final class CalendlyOrg {

  final int number;
  final String personalAccessToken;
  final String userUuid;
  final String orgUuid;
  final String memberUuid;
  final String et30Uuid;
  final String et60Uuid;
  final String userName;
  final String slug;
  final String email;
  final String orgName;
  final CalendlyStore store;
  final CalendlyWebhooks webhooks;
  private final CalendlyDirectory dir;
  private final ChangeClock clock;
  private final Map<String, Map<String, Object>> eventTypes = new LinkedHashMap<>();
  private int seeded;

  CalendlyOrg(int number, CalendlySettings settings, CalendlyDirectory dir, WebhookDispatcher dispatcher,
      ChangeClock clock, JsonMapper json) {
    this.number = number;
    this.dir = dir;
    this.clock = clock;
    boolean first = number == 1;
    this.personalAccessToken = first ? settings.personalAccessToken : settings.personalAccessToken + "-" + number;
    this.userUuid = numbered(settings.userUuid);
    this.orgUuid = numbered(settings.orgUuid);
    this.memberUuid = numbered("SANDBOXMEMBER001");
    this.et30Uuid = numbered("SANDBOXET30MIN01");
    this.et60Uuid = numbered("SANDBOXET60MIN01");
    String suffix = first ? "" : " " + number;
    this.userName = "Sandy Sandbox" + suffix;
    this.slug = first ? "sandy-sandbox" : "sandy-sandbox-" + number;
    this.email = first ? "sandy@sandbox.example.com" : "sandy-" + number + "@sandbox.example.com";
    this.orgName = "Sandbox Org" + suffix;
    this.store = new CalendlyStore(this, dir, clock);
    this.webhooks = new CalendlyWebhooks(this, dir, settings, dispatcher, clock, json);
  }

  /** {@code id} as is for organization 1, else with as many trailing characters as N has digits replaced by N. */
  private String numbered(String id) {
    if (number == 1) {
      return id;
    }
    String digits = Integer.toString(number);
    return id.substring(0, id.length() - digits.length()) + digits;
  }

  String userUri() {
    return dir.base() + "/users/" + userUuid;
  }

  String orgUri() {
    return dir.base() + "/organizations/" + orgUuid;
  }

  /** True if {@code userUri} (URI or bare UUID; null = not given) names no one or this organization's user. */
  boolean isUserOrNull(String userUri) {
    return userUri == null || userUuid.equals(CalendlyUris.id(userUri));
  }

  /** True if {@code orgUri} (URI or bare UUID; null = not given) names no one or this organization. */
  boolean isOrgOrNull(String orgUri) {
    return orgUri == null || orgUuid.equals(CalendlyUris.id(orgUri));
  }

  Map<String, Object> user() {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("uri", userUri());
    u.put("name", userName);
    u.put("slug", slug);
    u.put("email", email);
    u.put("scheduling_url", "https://calendly.com/" + slug);
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
    o.put("name", orgName);
    o.put("slug", number == 1 ? "sandbox-org" : "sandbox-org-" + number);
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
    m.put("uri", dir.base() + "/organization_memberships/" + memberUuid);
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

  synchronized boolean hasEventType(String uuid) {
    return eventTypes.containsKey(uuid);
  }

  /** Adds an event type (used by seeding); returns it. */
  synchronized Map<String, Object> addEventType(String uuid, String name, String etSlug, int minutes, boolean active) {
    String now = CalendlyUris.ts(clock.now());
    Map<String, Object> et = new LinkedHashMap<>();
    et.put("uri", dir.base() + "/event_types/" + uuid);
    et.put("name", name);
    et.put("active", active);
    et.put("booking_method", "instant");
    et.put("slug", etSlug);
    et.put("scheduling_url", "https://calendly.com/" + slug + "/" + etSlug);
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
    et.put("profile", Map.of("type", "User", "name", userName, "owner", userUri()));
    et.put("secret", false);
    et.put("deleted_at", null);
    et.put("admin_managed", false);
    et.put("locations", null);
    et.put("position", eventTypes.size());
    et.put("custom_questions", List.of());
    eventTypes.put(uuid, et);
    return et;
  }

  /** The organization's running number for seeded invitees (so repeated seeds do not collide). */
  synchronized int nextSeed() {
    return ++seeded;
  }

  /** How many seed people the organization has numbered so far. */
  synchronized int seeded() {
    return seeded;
  }

  /** Back to the seeded event types (URIs on the current base); no events, invitees or subscriptions. */
  synchronized void reset() {
    store.reset();
    webhooks.reset();
    eventTypes.clear();
    addEventType(et30Uuid, "30 Minute Meeting", "30min", 30, true);
    addEventType(et60Uuid, "60 Minute Meeting", "60min", 60, true);
    seeded = 0;
  }
}
