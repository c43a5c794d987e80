package dev.switchboard.sandbox.acuity;

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
 *
 * <p>One OAuth client (the app's) serves every account, as at Acuity, where any account owner may authorize a
 * registered app. Which owner logs in is chosen on Acuity's login page; the sandbox has no page, so authorize takes
 * the sandbox-only parameter {@code account=N} instead (default 1; unknown → 400 {@code invalid_request}). The code,
 * and the token it is exchanged for, reach that account only.
 */
@RestController
class AcuityOAuthController {

  private final AcuitySettings settings;
  private final AcuityAccounts accounts;

  AcuityOAuthController(AcuitySettings settings, AcuityAccounts accounts) {
    this.settings = settings;
    this.accounts = accounts;
  }

  // https://developers.acuityscheduling.com/docs/oauth2 (acuityscheduling.com/oauth2/authorize)
  @GetMapping("/acuity/oauth2/authorize")
  ResponseEntity<Map<String, Object>> authorize(@RequestParam("client_id") String client,
      @RequestParam("redirect_uri") String redirectUri, @RequestParam(name = "response_type", required = false) String type,
      @RequestParam(required = false) String scope, @RequestParam(required = false) String state,
      @RequestParam(name = "account", required = false) String accountNumber) {
    if (!settings.clientId.equals(client)) {
      return ResponseEntity.badRequest().body(Map.of("error", "invalid_client", "error_description", "Invalid client_id"));
    }
    AcuityAccount account = accountNumber == null ? accounts.first() : accounts.byNumber(accountNumber);
    if (account == null) {
      return ResponseEntity.badRequest().body(Map.of("error", "invalid_request",
          "error_description", "No sandbox account " + accountNumber + " (1.." + accounts.all().size() + ")"));
    }
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(redirectUri);
    if (!"code".equals(type)) {
      b.queryParam("error", "unsupported_response_type");
    } else if (!"api-v1".equals(scope)) {
      b.queryParam("error", "invalid_scope");
    } else {
      b.queryParam("code", account.grants.issueCode(redirectUri));
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
    AcuityAccount account = "authorization_code".equals(form.getFirst("grant_type"))
        ? accounts.redeem(form.getFirst("code"), form.getFirst("redirect_uri")) : null;
    if (account == null) {
      return ResponseEntity.badRequest().body(Map.of("error", "invalid_grant", "error_description", "Invalid authorization code"));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", account.grants.issueAccessToken());
    m.put("token_type", "Bearer");
    return ResponseEntity.ok(m);
  }
}
