package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.control.VendorApi;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The HubSpot emulator as seen by the {@code /_sandbox} controls, plus its UI-edit simulation. */
@RestController
class HubSpotVendor implements VendorApi {

  private final HubSpotSettings settings;
  private final ContactStore store;
  private final PropertyCatalog catalog;
  private final HubSpotWebhookConfig webhooks;
  private final HubSpotEventPublisher events;
  private final HubSpotGuardFilter guard;
  private final JsonMapper json;
  private final HubSpotOAuthController oauth;
  private int seeded;

  HubSpotVendor(HubSpotSettings settings, ContactStore store, PropertyCatalog catalog, HubSpotWebhookConfig webhooks,
      HubSpotEventPublisher events, HubSpotGuardFilter guard, JsonMapper json, HubSpotOAuthController oauth) {
    this.settings = settings;
    this.store = store;
    this.catalog = catalog;
    this.webhooks = webhooks;
    this.events = events;
    this.guard = guard;
    this.json = json;
    this.oauth = oauth;
  }

  @Override
  public String name() {
    return "hubspot";
  }

  @Override
  public String pathPrefix() {
    return "/hubspot";
  }

  @Override
  public void writeUnavailable(HttpServletResponse res) throws IOException {
    HubSpotGuardFilter.write(json, res, 503, HubSpotException.body("SERVICE_UNAVAILABLE", "The service is temporarily unavailable. Please try again later."));
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    HubSpotGuardFilter.write(json, res, status, HubSpotException.body(status == 404 ? "OBJECT_NOT_FOUND" : "VALIDATION_ERROR",
        status == 404 ? "resource not found" : "HTTP method not supported for this endpoint"));
  }

  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    res.setHeader("X-HubSpot-RateLimit-Remaining", "0");
    HubSpotGuardFilter.write(json, res, 429,
        HubSpotGuardFilter.rateLimitBody(HubSpotGuardFilter.SECONDLY_MSG, "TEN_SECONDLY_ROLLING", settings));
  }

  @Override
  public synchronized void reset() {
    events.reset();
    store.reset();
    catalog.reset();
    webhooks.reset();
    settings.reset();
    guard.reset();
    oauth.grants().reset();
    seeded = 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    String source = Boolean.TRUE.equals(request.get("fireWebhooks")) ? "INTEGRATION" : null;
    List<Map<String, Object>> records = dev.switchboard.sandbox.control.SeedPeople.from(request, "Contact", () -> ++seeded);
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> r : records) {
      ids.add(Long.toString(store.create(r, source).id));
    }
    return Map.of("vendor", name(), "created", ids.size(), "ids", ids);
  }

  @Override
  public Map<String, Object> credentials() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("accessToken", settings.accessToken);
    m.put("portalId", settings.portalId);
    m.put("appId", settings.appId);
    m.put("developerApiKey", settings.developerApiKey);
    m.put("clientId", oauth.clientId());
    m.put("clientSecret", settings.clientSecret);
    m.put("oauthAuthorizeUrl", pathPrefix() + "/oauth/authorize");
    m.put("oauthTokenUrl", pathPrefix() + "/oauth/v1/token");
    return m;
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    return settings.configure(patch);
  }

  /** Simulates a user editing the contact in HubSpot's UI (webhook changeSource CRM_UI). */
  @PostMapping("/_sandbox/hubspot/contacts/{id}/ui-edit")
  ResponseEntity<Map<String, Object>> uiEdit(@PathVariable String id, @RequestBody Map<String, Object> body) {
    Contact found = store.find(id, null, false);
    if (found == null) {
      throw HubSpotException.notFound();
    }
    Contact c = store.update(found.id, ContactsController.props(body), "CRM_UI");
    return ResponseEntity.ok(ContactJson.render(c, List.copyOf(c.props.keySet())));
  }
}
