package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.control.VendorApi;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HubSpot emulator as seen by the {@code /_sandbox} controls, plus its UI stand-ins (edit, restore from the
 * recycle bin). Controls that touch data name a portal by {@code portalId} (default portal 1, 1001); an unknown
 * one is a 400 (404 for the UI stand-ins, as HubSpot would answer for a record it cannot find).
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

  /**
   * Seeds the portal named by {@code portalId} (default 1001) with contacts, companies, products, deals with line
   * items and engagements, associated ({@link HubSpotSeeder}); {@code fireWebhooks} as for every vendor.
   */
  @Override
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    HubSpotPortal portal = AccountRegistry.known(portals.forControl(request.get("portalId")), "hubspot portalId", request.get("portalId"));
    HubSpotSeeder seeder = new HubSpotSeeder(portal, request);
    // bulkImport: every seeded record gets one last-modified millisecond, as a HubSpot import can give them
    return Boolean.TRUE.equals(request.get("bulkImport")) ? portal.crm.clock.sameInstant(seeder::seed) : seeder.seed();

  }

  /**
   * Names counters by HubSpot's own path templates: the object type a generic pattern matched is put in
   * ({@code POST /crm/v3/objects/contacts/batch/upsert}, {@code GET /crm/v3/objects/deals/{dealId}}), so each
   * type's endpoints are counted apart, as they were when contacts had endpoints of their own.
   */
  @Override
  public String endpoint(HttpServletRequest req, String pattern) {
    Object vars = req.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (!(vars instanceof Map<?, ?> m)) {
      return pattern;
    }
    String out = pattern;
    ObjectType objectType = m.get("objectType") == null ? null : ObjectType.find(m.get("objectType").toString());
    if (objectType != null) {
      out = out.replace("{objectType}", objectType.plural).replace("{objectId}", "{" + objectType.idParameter + "}");
    }
    for (String v : List.of("fromObjectType", "toObjectType")) {
      ObjectType t = m.get(v) == null ? null : ObjectType.find(m.get(v).toString());
      if (t != null) {
        out = out.replace("{" + v + "}", t.plural);
      }
    }
    return out;
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
    m.put("oauthTokenUrl", pathPrefix() + "/oauth/2026-03/token");
    m.put("portals", portals.all().stream().map(p -> Map.of("portalId", p.portalId, "accessToken", p.accessToken)).toList());
    return m;
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    return settings.configure(patch);
  }

  /**
   * Simulates a user editing a record in HubSpot's UI (webhook changeSource CRM_UI) of the portal named by the
   * {@code portalId} query parameter (default 1001): {@code {properties}} → the record. Any object type
   * ({@code contacts}, {@code deals}, {@code 0-3}, …); 404 for an unknown record or portal.
   */
  @PostMapping("/_sandbox/hubspot/{objectType}/{id}/ui-edit")
  ResponseEntity<Map<String, Object>> uiEdit(@PathVariable String objectType, @PathVariable String id,
      @RequestParam(required = false) String portalId, @RequestBody Map<String, Object> body) {
    ObjectStore store = store(objectType, portalId);
    CrmObject found = store.find(id, null, false);
    if (found == null) {
      throw HubSpotException.notFound();
    }
    return ResponseEntity.ok(HubSpotJson.written(store.update(found.id, CrmBodies.props(body), "CRM_UI")));
  }

  /**
   * Simulates a user restoring an archived record from HubSpot's recycle bin (changeSource CRM_UI): it is live again
   * with its associations and {@code <type>.restore} fires. 404 when it is not archived.
   */
  @PostMapping("/_sandbox/hubspot/{objectType}/{id}/restore")
  ResponseEntity<Map<String, Object>> restore(@PathVariable String objectType, @PathVariable String id,
      @RequestParam(required = false) String portalId) {
    HubSpotPortal portal = portal(portalId);
    Long parsed = ObjectStore.parseId(id);
    if (parsed == null) {
      throw HubSpotException.notFound();
    }
    return ResponseEntity.ok(HubSpotJson.written(portal.crm.lifecycle.restore(ObjectType.of(objectType), parsed, "CRM_UI")));
  }

  private HubSpotPortal portal(String portalId) {
    HubSpotPortal portal = portals.forControl(portalId);
    if (portal == null) {
      throw HubSpotException.notFound();
    }
    return portal;
  }

  private ObjectStore store(String objectType, String portalId) {
    return portal(portalId).crm.store(ObjectType.of(objectType));
  }
}
