package dev.switchboard.sandbox.quickbooks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Intuit OAuth 2.0 (appcenter.intuit.com/connect/oauth2 and oauth.platform.intuit.com/oauth2/v1/tokens/bearer).
 * Authorize auto-approves: 302 to {@code redirect_uri?code&state&realmId}. The token endpoint takes HTTP Basic
 * {@code client_id:client_secret} (or client_id/client_secret form fields). Access tokens live 3600 s (per the
 * injectable clock). Refresh tokens live 100 days and ROTATE: every refresh answers a new refresh token; the one
 * presented keeps working until its own expiry (Intuit: "always use the latest refresh token", the previous one is
 * not revoked by the refresh). Errors: {@code 401 {"error":"invalid_client"}}, {@code 400 {"error":"invalid_grant"}}.
 * https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0
 *
 * <p>A grant is for one company: Intuit's "Company selector" picks it while connecting and the redirect names it in
 * {@code realmId}. The sandbox has no selector, so authorize takes the sandbox-only parameter {@code account} (realm
 * number or realm id; default realm 1; unknown → 302 with {@code error=access_denied}). The code, the access and
 * refresh tokens it yields, and their refreshes, reach that realm only.
 */
@RestController
class QboOAuthController {

  static final long REFRESH_TTL_SECONDS = 8_640_000;
  private final QboSettings settings;
  private final QboRealms realms;

  QboOAuthController(QboSettings settings, QboRealms realms) {
    this.settings = settings;
    this.realms = realms;
  }

  // https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0#step-3-create-authorization-request
  @GetMapping("/quickbooks/oauth2/authorize")
  ResponseEntity<Map<String, Object>> authorize(@RequestParam("client_id") String client,
      @RequestParam("redirect_uri") String redirectUri, @RequestParam(name = "response_type", required = false) String type,
      @RequestParam(required = false) String scope, @RequestParam(required = false) String state,
      @RequestParam(required = false) String account) {
    if (!settings.clientId.equals(client)) {
      return ResponseEntity.badRequest().body(Map.of("error", "invalid_client"));
    }
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(redirectUri);
    QboRealm realm = realms.forControl(account);
    if (realm == null) {
      b.queryParam("error", "access_denied"); // no such company to pick: as if the user had cancelled
    } else if (!"code".equals(type)) {
      b.queryParam("error", "unsupported_response_type");
    } else if (scope == null || !scope.contains("com.intuit.quickbooks.accounting")) {
      b.queryParam("error", "invalid_scope");
    } else {
      b.queryParam("code", realm.grants.issueCode(redirectUri)).queryParam("realmId", realm.realmId);
    }
    if (state != null) {
      b.queryParam("state", state);
    }
    return ResponseEntity.status(302).location(URI.create(b.build().encode().toUriString())).build();
  }

  // https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0#step-5-exchange-authorization-code-to-obtain-access-token
  // https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0#refresh-the-token
  @PostMapping(path = "/quickbooks/oauth2/v1/tokens/bearer", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  synchronized ResponseEntity<Map<String, Object>> token(@RequestHeader(name = "Authorization", required = false) String auth,
      @RequestBody MultiValueMap<String, String> form) {
    String[] client = basic(auth, form);
    if (!settings.clientId.equals(client[0]) || !settings.clientSecret.equals(client[1])) {
      return ResponseEntity.status(401).body(Map.of("error", "invalid_client"));
    }
    String grant = form.getFirst("grant_type");
    QboRealm realm;
    if ("authorization_code".equals(grant)) {
      realm = realms.redeem(form.getFirst("code"), form.getFirst("redirect_uri"));
    } else if ("refresh_token".equals(grant)) {
      realm = realms.byRefreshToken(form.getFirst("refresh_token"));
    } else {
      return ResponseEntity.badRequest().body(Map.of("error", "unsupported_grant_type"));
    }
    if (realm == null) {
      return ResponseEntity.badRequest().body(Map.of("error", "invalid_grant"));
    }
    String refresh = realm.issueRefreshToken(REFRESH_TTL_SECONDS);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("token_type", "bearer");
    m.put("access_token", realm.grants.issueAccessToken());
    m.put("refresh_token", refresh);
    m.put("expires_in", 3600);
    m.put("x_refresh_token_expires_in", REFRESH_TTL_SECONDS);
    return ResponseEntity.ok(m);
  }

  // https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0#revoke-token-disconnect
  @PostMapping("/quickbooks/oauth2/v1/tokens/revoke")
  synchronized ResponseEntity<Map<String, Object>> revoke(@RequestHeader(name = "Authorization", required = false) String auth,
      @RequestBody Map<String, Object> body) {
    String[] client = basic(auth, null);
    if (!settings.clientId.equals(client[0]) || !settings.clientSecret.equals(client[1])) {
      return ResponseEntity.status(401).body(Map.of("error", "invalid_client"));
    }
    realms.all().forEach(r -> r.revokeRefreshToken(String.valueOf(body.get("token"))));
    return ResponseEntity.ok().build();
  }

  private static String[] basic(String auth, MultiValueMap<String, String> form) {
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? new String[] {decoded, ""} : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
      } catch (IllegalArgumentException e) {
        return new String[] {"", ""};
      }
    }
    return form == null ? new String[] {"", ""} : new String[] {form.getFirst("client_id"), form.getFirst("client_secret")};
  }
}
