package dev.switchboard.sandbox.mailchimp;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
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
 * Mailchimp OAuth2 (login.mailchimp.com): authorize (auto-approved redirect with {@code code}; requires
 * {@code response_type=code}), token (authorization_code; tokens never expire, no refresh token) and metadata
 * (requires {@code Authorization: OAuth <access_token>}), whose {@code api_endpoint} points at this sandbox
 * ({@code <base>/mailchimp}; append {@code /3.0}). Error answers are OAuth-style {@code {error, error_description}}.
 *
 * <p>One OAuth client (the app's) serves every account, as at Mailchimp, where any user may authorize a registered
 * app. Which user logs in is chosen on Mailchimp's login page; the sandbox has no page, so authorize takes the
 * sandbox-only parameter {@code account=N} instead (default 1; unknown → 400 {@code invalid_request}). The code, and
 * the token it is exchanged for, reach that account only, and metadata describes that account.
 */
@RestController
class MailchimpOAuthController {

  private final MailchimpSettings settings;
  private final MailchimpAccounts accounts;
  private final String clientId;
  private final String clientSecret;

  MailchimpOAuthController(MailchimpSettings settings, MailchimpAccounts accounts,
      @Value("${sandbox.mailchimp.client-id:sandbox-mailchimp-client-id}") String clientId,
      @Value("${sandbox.mailchimp.client-secret:sandbox-mailchimp-client-secret}") String clientSecret) {
    this.settings = settings;
    this.accounts = accounts;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  String clientId() {
    return clientId;
  }

  String clientSecret() {
    return clientSecret;
  }

  // https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/
  @GetMapping("/mailchimp/oauth2/authorize")
  ResponseEntity<Map<String, Object>> authorize(@RequestParam("client_id") String client,
      @RequestParam("redirect_uri") String redirectUri, @RequestParam(required = false) String state,
      @RequestParam(name = "response_type", required = false) String responseType,
      @RequestParam(name = "account", required = false) String accountNumber,
      @RequestParam(name = "consent", required = false) String consent) {
    if (!"code".equals(responseType)) { // the guide's authorize URL always carries response_type=code
      String error = responseType == null ? "invalid_request" : "unsupported_response_type";
      return ResponseEntity.badRequest().body(Map.of("error", error, "error_description", "response_type must be code"));
    }
    if (!clientId.equals(client)) {
      return ResponseEntity.badRequest().body(Map.of("error", "invalid_client", "error_description", "Invalid client_id"));
    }
    if ("deny".equals(consent)) { // sandbox-only: the person chose Cancel on Mailchimp's authorize page
      return ResponseEntity.status(302).location(dev.switchboard.sandbox.support.OAuthGrants.refusal(redirectUri, state))
          .build();
    }
    MailchimpAccount account = accountNumber == null ? accounts.first() : accounts.byNumber(accountNumber);
    if (account == null) {
      return ResponseEntity.badRequest().body(Map.of("error", "invalid_request",
          "error_description", "No sandbox account " + accountNumber + " (1.." + accounts.all().size() + ")"));
    }
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(redirectUri)
        .queryParam("code", account.grants.issueCode(redirectUri));
    if (state != null) {
      b.queryParam("state", state);
    }
    return ResponseEntity.status(302).location(URI.create(b.build().encode().toUriString())).build();
  }

  // https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/
  @PostMapping(path = "/mailchimp/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<Map<String, Object>> token(@RequestBody MultiValueMap<String, String> form) {
    if (!clientId.equals(form.getFirst("client_id")) || !clientSecret.equals(form.getFirst("client_secret"))) {
      return ResponseEntity.status(401).body(Map.of("error", "invalid_client", "error_description", "Invalid client credentials"));
    }
    MailchimpAccount account = "authorization_code".equals(form.getFirst("grant_type"))
        ? accounts.redeem(form.getFirst("code"), form.getFirst("redirect_uri")) : null;
    if (account == null) {
      return ResponseEntity.badRequest().body(Map.of("error", "invalid_grant", "error_description", "Invalid authorization code"));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", account.grants.issueAccessToken());
    m.put("expires_in", 0);
    m.put("scope", null);
    return ResponseEntity.ok(m);
  }

  // https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/ (login.mailchimp.com/oauth2/metadata)
  @GetMapping("/mailchimp/oauth2/metadata")
  ResponseEntity<Map<String, Object>> metadata(@RequestHeader(name = "Authorization", required = false) String auth,
      HttpServletRequest req) {
    String token = auth != null && auth.regionMatches(true, 0, "OAuth ", 0, 6) ? auth.substring(6).trim() : null;
    MailchimpAccount account = token == null ? null : accounts.byAccessToken(token);
    if (account == null) {
      return ResponseEntity.status(401).body(Map.of("error", "invalid_token", "error_description", "Invalid access token"));
    }
    String base = UriComponentsBuilder.fromUriString(req.getRequestURL().toString()).replacePath("/mailchimp")
        .replaceQuery(null).build().toUriString();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dc", settings.dc);
    m.put("role", "owner");
    m.put("accountname", account.accountName);
    m.put("user_id", account.userId);
    m.put("login", Map.of("email", account.loginEmail, "login_id", account.userId, "login_name", account.loginName,
        "login_email", account.loginEmail));
    m.put("login_url", "https://login.mailchimp.com");
    m.put("api_endpoint", base);
    return ResponseEntity.ok(m);
  }
}
