package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.control.SeedPeople;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HubSpot emulator as seen by the {@code /_sandbox} controls, plus its UI-edit simulation. Controls that
 * touch data name a portal by {@code portalId} (default portal 1, 1001); an unknown one is a 400 (404 for
 * the UI edit, as HubSpot would answer for a record it cannot find).
 */
@RestController
class HubSpotVendor implements VendorApi {

  private final HubSpotSettings settings;
  private final HubSpotPortals portals;
  private final HubSpotWebhookConfig webhooks;
  private final HubSpotEventPublisher events;
  private final HubSpotGuardFilter guard;
  private final JsonMapper json;
  private final HubSpotOAuthController oauth;

  HubSpotVendor(HubSpotSettings settings, HubSpotPortals portals, HubSpotWebhookConfig webhooks,
      HubSpotEventPublisher events, HubSpotGuardFilter guard, JsonMapper json, HubSpotOAuthController oauth) {
    this.settings = settings;
    this.portals = portals;
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
        HubSpotGuardFilter.rateLimitBody(HubSpotGuardFilter.SECONDLY_MSG, "TEN_SECONDLY_ROLLING", settings.portalId));
  }

  /** Resets every portal (contacts, properties, OAuth grants, limits spent) and the app's webhooks. */
  @Override
  public synchronized void reset() {
    events.reset();
    portals.reset();
    webhooks.reset();
    settings.reset();
    guard.reset();
  }

  /** Seeds the portal named by {@code portalId} (default 1001); {@code fireWebhooks} as for every vendor. */
  @Override
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    HubSpotPortal portal = AccountRegistry.known(portals.forControl(request.get("portalId")), "hubspot portalId", request.get("portalId"));
    String source = Boolean.TRUE.equals(request.get("fireWebhooks")) ? "INTEGRATION" : null;
    List<Map<String, Object>> records = SeedPeople.from(request, "Contact", portal::nextSeed);
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> r : records) {
      ids.add(Long.toString(portal.contacts.create(r, source).id));
    }
    return Map.of("vendor", name(), "portalId", portal.portalId, "created", ids.size(), "ids", ids);
  }

  /**
   * Portal 1's credentials at the top level (as before there were several portals, so single-portal clients
   * keep working), the app's, and every portal in {@code portals[{portalId, accessToken}]}.
   */
  @Override
  public Map<String, Object> credentials() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("accessToken", portals.first().accessToken);
    m.put("portalId", portals.first().portalId);
    m.put("appId", settings.appId);
    m.put("developerApiKey", settings.developerApiKey);
    m.put("clientId", oauth.clientId());
    m.put("clientSecret", settings.clientSecret);
    m.put("oauthAuthorizeUrl", pathPrefix() + "/oauth/authorize");
    m.put("oauthTokenUrl", pathPrefix() + "/oauth/v1/token");
    m.put("portals", portals.all().stream().map(p -> Map.of("portalId", p.portalId, "accessToken", p.accessToken)).toList());
    return m;
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    return settings.configure(patch);
  }

  /**
   * Simulates a user editing the contact in HubSpot's UI (webhook changeSource CRM_UI) of the portal named by
   * the {@code portalId} query parameter (default 1001).
   */
  @PostMapping("/_sandbox/hubspot/contacts/{id}/ui-edit")
  ResponseEntity<Map<String, Object>> uiEdit(@PathVariable String id, @RequestParam(required = false) String portalId,
      @RequestBody Map<String, Object> body) {
    HubSpotPortal portal = portals.forControl(portalId);
    Contact found = portal == null ? null : portal.contacts.find(id, null, false);
    if (found == null) {
      throw HubSpotException.notFound();
    }
    Contact c = portal.contacts.update(found.id, ContactsController.props(body), "CRM_UI");
    return ResponseEntity.ok(ContactJson.render(c, List.copyOf(c.props.keySet())));
  }
}
