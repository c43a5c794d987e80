package dev.switchboard.sandbox.acuity;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Acuity OAuth2 (https://developers.acuityscheduling.com/docs/oauth2): authorize (auto-approved; requires
 * {@code response_type=code} and {@code scope=api-v1}) redirects with {@code code} and {@code state};
 * token exchanges the code (form POST) for a non-expiring Bearer access token (no refresh token).
 */
@RestController
class AcuityOAuthController {

  private final AcuitySettings settings;
  private final OAuthGrants grants;

  AcuityOAuthController(AcuitySettings settings, ChangeClock clock) {
    this.settings = settings;
    this.grants = new OAuthGrants("acuity", null, clock);
  }

  OAuthGrants grants() {
    return grants;
  }

  // https://developers.acuityscheduling.com/docs/oauth2 (acuityscheduling.com/oauth2/authorize)
  @GetMapping("/acuity/oauth2/authorize")
  ResponseEntity<Map<String, Object>> authorize(@RequestParam("client_id") String client,
      @RequestParam("redirect_uri") String redirectUri, @RequestParam(name = "response_type", required = false) String type,
      @RequestParam(required = false) String scope, @RequestParam(required = false) String state) {
    if (!settings.clientId.equals(client)) {
      return ResponseEntity.badRequest().body(Map.of("error", "invalid_client", "error_description", "Invalid client_id"));
    }
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(redirectUri);
    if (!"code".equals(type)) {
      b.queryParam("error", "unsupported_response_type");
    } else if (!"api-v1".equals(scope)) {
      b.queryParam("error", "invalid_scope");
    } else {
      b.queryParam("code", grants.issueCode(redirectUri));
    }
    if (state != null) {
      b.queryParam("state", state);
    }
    return ResponseEntity.status(302).location(URI.create(b.build().encode().toUriString())).build();
  }

  // https://developers.acuityscheduling.com/docs/oauth2 (acuityscheduling.com/oauth2/token)
  @PostMapping(path = "/acuity/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<Map<String, Object>> token(@RequestBody MultiValueMap<String, String> form) {
    if (!settings.clientId.equals(form.getFirst("client_id")) || !settings.clientSecret.equals(form.getFirst("client_secret"))) {
      return ResponseEntity.status(401).body(Map.of("error", "invalid_client", "error_description", "Invalid client credentials"));
    }
    if (!"authorization_code".equals(form.getFirst("grant_type"))
        || !grants.redeemCode(form.getFirst("code"), form.getFirst("redirect_uri"))) {
      return ResponseEntity.badRequest().body(Map.of("error", "invalid_grant", "error_description", "Invalid authorization code"));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", grants.issueAccessToken());
    m.put("token_type", "Bearer");
    return ResponseEntity.ok(m);
  }
}
