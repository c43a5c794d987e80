package dev.switchboard.sandbox.pipedrive;

import jakarta.servlet.http.HttpServletRequest;
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
 * Pipedrive OAuth 2.0 (https://pipedrive.readme.io/docs/marketplace-oauth-authorization): authorize is
 * auto-approved and redirects with {@code code} and {@code state}; the token endpoint takes HTTP Basic client
 * authentication and a form body ({@code authorization_code} or {@code refresh_token} grant). Access tokens live
 * {@code sandbox.pipedrive.oauth-token-ttl-seconds} (3599); refresh tokens stay valid.
 *
 * <p>One OAuth client (the app's) serves every company, as at Pipedrive, where any company's admin may install a
 * Marketplace app. Which company it is installed into is chosen on Pipedrive's login and company picker; the
 * sandbox has neither, so authorize takes the sandbox-only parameter {@code account=N} instead (default 1; unknown →
 * 400). The code, the tokens and their refreshes reach that company only; {@code api_domain} stays this sandbox's
 * {@code /pipedrive} for every company (the company is told by the token, not the host).
 */
@RestController
class PipedriveOAuthController {

  private final PipedriveSettings settings;
  private final PipedriveCompanies companies;

  PipedriveOAuthController(PipedriveSettings settings, PipedriveCompanies companies) {
    this.settings = settings;
    this.companies = companies;
  }

  // https://pipedrive.readme.io/docs/marketplace-oauth-authorization#step-1-requesting-authorization (oauth.pipedrive.com/oauth/authorize)
  @GetMapping("/pipedrive/oauth/authorize")
  ResponseEntity<Void> authorize(@RequestParam("client_id") String client, @RequestParam("redirect_uri") String redirectUri,
      @RequestParam(required = false) String state, @RequestParam(name = "account", required = false) String account) {
    if (!settings.clientId.equals(client)) {
      throw PipedriveException.bad("Invalid client_id");
    }
    PipedriveCompany company = account == null ? companies.first() : companies.byNumber(account);
    if (company == null) {
      throw PipedriveException.bad("No sandbox company " + account + " (1.." + companies.all().size() + ")");
    }
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(redirectUri)
        .queryParam("code", company.grants.issueCode(redirectUri));
    if (state != null) {
      b.queryParam("state", state);
    }
    return ResponseEntity.status(302).location(URI.create(b.build().encode().toUriString())).build();
  }

  // https://pipedrive.readme.io/docs/marketplace-oauth-authorization#step-3-getting-the-tokens (POST oauth.pipedrive.com/oauth/token)
  // https://pipedrive.readme.io/docs/marketplace-oauth-authorization#step-7-refreshing-the-tokens
  @PostMapping(path = "/pipedrive/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<Map<String, Object>> token(@RequestHeader(name = "Authorization", required = false) String auth,
      @RequestBody MultiValueMap<String, String> form, HttpServletRequest req) {
    String expected = "Basic " + Base64.getEncoder().encodeToString(
        (settings.clientId + ":" + settings.clientSecret).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(auth)) {
      return error(401, "invalid_client", "Invalid client credentials");
    }
    String grant = form.getFirst("grant_type");
    String refresh;
    PipedriveCompany company;
    if ("authorization_code".equals(grant)) {
      company = companies.redeem(form.getFirst("code"), form.getFirst("redirect_uri"));
      if (company == null) {
        return error(400, "invalid_grant", "Invalid authorization code");
      }
      refresh = company.grants.issueRefreshToken();
    } else if ("refresh_token".equals(grant)) {
      refresh = form.getFirst("refresh_token");
      company = companies.byRefreshToken(refresh);
      if (company == null) {
        return error(400, "invalid_grant", "Invalid refresh token");
      }
    } else {
      return error(400, "unsupported_grant_type", "Unsupported grant_type: " + grant);
    }
    String access = company.grants.issueAccessToken();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", access);
    m.put("token_type", "Bearer");
    m.put("refresh_token", refresh);
    m.put("scope", "base,deals:full,contacts:full,activities:full,admin");
    m.put("expires_in", company.grants.secondsLeft(access));
    m.put("api_domain", req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort() + "/pipedrive");
    return ResponseEntity.ok(m);
  }

  private static ResponseEntity<Map<String, Object>> error(int status, String code, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", false);
    m.put("message", message);
    m.put("error", code);
    m.put("error_description", message);
    return ResponseEntity.status(status).body(m);
  }
}
