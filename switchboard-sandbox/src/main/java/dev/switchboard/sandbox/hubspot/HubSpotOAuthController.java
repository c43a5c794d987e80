package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.OAuthGrants;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * HubSpot OAuth for the one app of the instance (one client id and secret, shared by every portal):
 * install/authorize installs it into one portal (auto-approved, redirects with {@code code} and
 * {@code state}); the tokens that code leads to, and every token refreshed from them, reach only that portal.
 * Token endpoint (v1 and v3 paths, form-encoded; authorization_code and refresh_token grants; answers
 * {@code {token_type, refresh_token, access_token, expires_in, token_use:"access_token", hub_id, scopes,
 * user_id}} as the oauth spec's {@code AccessTokenResponse}, {@code hub_id} naming the portal), access-token
 * metadata. Access tokens live {@code sandbox.hubspot.oauth-token-ttl-seconds} (1800).
 */
@RestController
class HubSpotOAuthController {

  /** Scopes every grant carries (scopes are not enforced). */
  static final List<String> SCOPES = List.of("oauth", "crm.objects.contacts.read", "crm.objects.contacts.write",
      "crm.objects.companies.read", "crm.objects.companies.write", "crm.objects.deals.read", "crm.objects.deals.write",
      "crm.objects.line_items.read", "crm.objects.line_items.write", "e-commerce", "crm.objects.owners.read",
      "crm.schemas.deals.read", "crm.schemas.contacts.write", "crm.schemas.companies.write", "crm.schemas.deals.write");
  static final long USER_ID = 1;

  private final HubSpotSettings settings;
  private final HubSpotPortals portals;
  private final String clientId;

  HubSpotOAuthController(HubSpotSettings settings, HubSpotPortals portals,
      @Value("${sandbox.hubspot.client-id:sandbox-hubspot-client-id}") String clientId) {
    this.settings = settings;
    this.portals = portals;
    this.clientId = clientId;
  }

  String clientId() {
    return clientId;
  }

  // https://developers.hubspot.com/docs/api-reference/legacy/authentication/oauth-tokens/v1/guide (app.hubspot.com/oauth/authorize)
  /**
   * Installs the app into a portal. On HubSpot the user picks the account on the consent screen; the
   * sandbox-only {@code portalId} parameter stands in for that choice (default: portal 1, 1001). An unknown
   * {@code portalId} is a 400.
   */
  @GetMapping("/hubspot/oauth/authorize")
  ResponseEntity<Void> authorize(@RequestParam("client_id") String client, @RequestParam("redirect_uri") String redirectUri,
      @RequestParam(required = false) String state, @RequestParam(required = false) String portalId,
      @RequestParam(required = false) String consent) {
    if (!clientId.equals(client)) {
      throw new HubSpotException(400, "BAD_CLIENT_ID", "unknown client_id");
    }
    if ("deny".equals(consent)) { // sandbox-only: the person chose Cancel on the consent screen
      return ResponseEntity.status(302).location(OAuthGrants.refusal(redirectUri, state)).build();
    }
    HubSpotPortal portal = portals.forControl(portalId);
    if (portal == null) {
      throw HubSpotException.validation("unknown portalId: " + portalId);
    }
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(redirectUri)
        .queryParam("code", portal.grants.issueCode(redirectUri));
    if (state != null) {
      b.queryParam("state", state);
    }
    return ResponseEntity.status(302).location(URI.create(b.build().encode().toUriString())).build();
  }

  // https://developers.hubspot.com/docs/api-reference/legacy/authentication/oauth-tokens/v1/guide
  // https://developers.hubspot.com/docs/api-reference/auth-oauth-v3/guide
  // https://developers.hubspot.com/docs/api-reference/latest/authentication/manage-oauth-tokens (2026-03: the
  // current one; v1 is sunset on 2027-02-16, https://developers.hubspot.com/changelog/v1-oauth-api-deprecation)
  @PostMapping(path = {"/hubspot/oauth/v1/token", "/hubspot/oauth/v3/token", "/hubspot/oauth/2026-03/token"}, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  Map<String, Object> token(@RequestBody MultiValueMap<String, String> form) {
    if (!clientId.equals(form.getFirst("client_id")) || !settings.clientSecret.equals(form.getFirst("client_secret"))) {
      throw oauthError("BAD_CLIENT_ID", "missing or invalid client_id / client_secret");
    }
    String grant = form.getFirst("grant_type");
    String refresh;
    HubSpotPortal portal;
    if ("authorization_code".equals(grant)) {
      portal = portals.redeemCode(form.getFirst("code"), form.getFirst("redirect_uri"));
      if (portal == null) {
        throw oauthError("BAD_AUTH_CODE", "missing or unknown auth code");
      }
      refresh = portal.grants.issueRefreshToken();
    } else if ("refresh_token".equals(grant)) {
      refresh = form.getFirst("refresh_token");
      portal = portals.byRefreshToken(refresh);
      if (portal == null) {
        throw oauthError("BAD_REFRESH_TOKEN", "missing or unknown refresh token");
      }
    } else {
      throw oauthError("BAD_GRANT_TYPE", "unsupported grant_type: " + grant);
    }
    String access = portal.grants.issueAccessToken();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("token_type", "bearer");
    m.put("refresh_token", refresh);
    m.put("access_token", access);
    m.put("expires_in", portal.grants.secondsLeft(access));
    m.put("token_use", "access_token");
    m.put("hub_id", portal.portalId);
    m.put("scopes", SCOPES);
    m.put("user_id", USER_ID);
    return m;
  }

  // https://developers.hubspot.com/docs/api-reference/legacy/authentication/oauth-tokens/v1/guide (delete a refresh token)
  /**
   * Revokes a refresh token, as HubSpot does when the app is uninstalled or the grant withdrawn: refreshing with it
   * answers {@code BAD_REFRESH_TOKEN} afterwards. 204; 404 for a token the sandbox never issued.
   */
  @org.springframework.web.bind.annotation.DeleteMapping("/hubspot/oauth/v1/refresh-tokens/{token}")
  ResponseEntity<Void> revokeRefreshToken(@PathVariable String token) {
    HubSpotPortal portal = portals.byRefreshToken(token);
    if (portal == null || !portal.grants.revokeRefreshToken(token)) {
      throw HubSpotException.notFound();
    }
    return ResponseEntity.noContent().build();
  }

  // https://developers.hubspot.com/docs/api-reference/legacy/authentication/oauth-tokens/v1/get-access-token
  @GetMapping("/hubspot/oauth/v1/access-tokens/{token}")
  Map<String, Object> tokenInfo(@PathVariable String token) {
    HubSpotPortal portal = portals.byToken(token);
    if (portal == null || portal.grants.check(token) != OAuthGrants.Status.VALID) {
      throw HubSpotException.notFound();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("token", token);
    m.put("user", "sandbox-user@example.com");
    m.put("hub_domain", "sandbox-" + portal.portalId + ".hubspot.com");
    m.put("scopes", SCOPES);
    m.put("hub_id", portal.portalId);
    m.put("app_id", settings.appId);
    m.put("expires_in", portal.grants.secondsLeft(token));
    m.put("user_id", USER_ID);
    m.put("token_type", "access");
    return m;
  }

  /**
   * 400 in the OAuth endpoints' shape: the legacy {@code status} code (BAD_AUTH_CODE, …) plus the
   * {@code category} (VALIDATION_ERROR) the oauth spec's {@code Error} requires.
   */
  private static HubSpotException oauthError(String errorStatus, String message) {
    return new HubSpotException(400, "VALIDATION_ERROR", message) {
      @Override
      Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", errorStatus); // the legacy error code, where other HubSpot errors say "error"
        m.put("message", message);
        m.put("correlationId", UUID.randomUUID().toString());
        m.put("category", category);
        return m;
      }
    };
  }
}
