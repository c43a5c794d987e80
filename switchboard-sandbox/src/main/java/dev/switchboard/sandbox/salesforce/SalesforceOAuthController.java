package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.support.ChangeClock;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * OAuth 2.0 of the emulated org: authorize (auto-approved, redirects with {@code code}), token
 * (authorization_code, refresh_token, client_credentials), revoke and userinfo. Token responses carry
 * {@code instance_url} = this sandbox's {@code /salesforce}, and {@code signature} =
 * Base64(HMAC-SHA256(client_secret, id + issued_at)).
 *
 * <p>One connected app serves every org, as a packaged connected app may be authorized in any org. Which org the
 * user logs into is chosen on Salesforce's login page; the sandbox has none, so authorize takes the sandbox-only
 * parameter {@code account=N} instead (default 1; unknown → 400 {@code invalid_request}). The code, the session and
 * refresh token it is exchanged for, and their refreshes, belong to that org; the token response's {@code id} names
 * that org and its user, while {@code instance_url} is the same for every org (the session tells the org).
 * {@code client_credentials} runs as org 1's user (its connected app's run-as user).
 */
@RestController
class SalesforceOAuthController {

  private final SalesforceSettings settings;
  private final SalesforceOrgs orgs;
  private final ChangeClock clock;

  SalesforceOAuthController(SalesforceSettings settings, SalesforceOrgs orgs, ChangeClock clock) {
    this.settings = settings;
    this.orgs = orgs;
    this.clock = clock;
  }

  static String instanceUrl(HttpServletRequest req) {
    return UriComponentsBuilder.fromUriString(req.getRequestURL().toString()).replacePath("/salesforce")
        .replaceQuery(null).build().toUriString();
  }

  // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm
  @GetMapping("/salesforce/services/oauth2/authorize")
  ResponseEntity<Map<String, Object>> authorize(@RequestParam("client_id") String client,
      @RequestParam("redirect_uri") String redirectUri, @RequestParam(name = "response_type", defaultValue = "code") String type,
      @RequestParam(required = false) String state, @RequestParam(name = "account", required = false) String account) {
    if (!settings.clientId.equals(client)) {
      return ResponseEntity.badRequest().body(err("invalid_client_id", "client identifier invalid"));
    }
    if (!"code".equals(type)) {
      return ResponseEntity.badRequest().body(err("unsupported_response_type", "response type not supported"));
    }
    SalesforceOrg org = account == null ? orgs.first() : orgs.byNumber(account);
    if (org == null) {
      return ResponseEntity.badRequest().body(err("invalid_request",
          "no sandbox org " + account + " (1.." + orgs.all().size() + ")"));
    }
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(redirectUri)
        .queryParam("code", org.tokens.issueCode(redirectUri));
    if (state != null) {
      b.queryParam("state", state);
    }
    return ResponseEntity.status(302).location(URI.create(b.build().encode().toUriString())).build();
  }

  // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_endpoints.htm (token endpoint)
  @PostMapping(path = "/salesforce/services/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<Map<String, Object>> token(@RequestBody MultiValueMap<String, String> form,
      @RequestHeader(name = "Authorization", required = false) String auth, HttpServletRequest req) {
    String id = form.getFirst("client_id");
    String secret = form.getFirst("client_secret");
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] p = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
      id = p[0];
      secret = p.length > 1 ? p[1] : null;
    }
    if (!settings.clientId.equals(id) || !settings.clientSecret.equals(secret)) {
      return ResponseEntity.badRequest().body(err("invalid_client", "invalid client credentials"));
    }
    String grant = String.valueOf(form.getFirst("grant_type"));
    String refresh = null;
    SalesforceOrg org;
    switch (grant) {
      case "authorization_code" -> {
        org = orgs.redeem(form.getFirst("code"), form.getFirst("redirect_uri"));
        if (org == null) {
          return ResponseEntity.badRequest().body(err("invalid_grant", "invalid authorization code"));
        }
        refresh = org.tokens.issueRefresh();
      }
      case "refresh_token" -> {
        org = orgs.byRefreshToken(form.getFirst("refresh_token"));
        if (org == null) {
          return ResponseEntity.badRequest().body(err("invalid_grant", "expired access/refresh token"));
        }
      }
      case "client_credentials" -> org = orgs.first();
      default -> {
        return ResponseEntity.badRequest().body(err("unsupported_grant_type", "grant type not supported"));
      }
    }
    String base = instanceUrl(req);
    String idUrl = base + "/id/" + org.orgId + "/" + org.userId;
    String issuedAt = String.valueOf(clock.now().toEpochMilli());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", org.tokens.issueAccess());
    if (refresh != null) {
      m.put("refresh_token", refresh);
    }
    m.put("signature", sign(idUrl + issuedAt));
    m.put("scope", "api refresh_token");
    m.put("instance_url", base);
    m.put("id", idUrl);
    m.put("token_type", "Bearer");
    m.put("issued_at", issuedAt);
    return ResponseEntity.ok(m);
  }

  // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_revoke_token.htm
  @PostMapping(path = "/salesforce/services/oauth2/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<Void> revoke(@RequestBody MultiValueMap<String, String> form) {
    // a token belongs to one org; revoking it everywhere is the same as revoking it there
    orgs.all().forEach(o -> o.tokens.revoke(form.getFirst("token")));
    return ResponseEntity.ok().build();
  }

  // https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_userinfo_endpoint.htm
  @GetMapping({"/salesforce/services/oauth2/userinfo", "/salesforce/id/{org}/{user}"})
  ResponseEntity<?> userinfo(@RequestHeader(name = "Authorization", required = false) String auth, HttpServletRequest req) {
    String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    SalesforceOrg org = orgs.use(token);
    if (org == null) {
      return ResponseEntity.status(403).contentType(MediaType.TEXT_PLAIN).body("Bad_OAuth_Token");
    }
    String base = instanceUrl(req);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sub", base + "/id/" + org.orgId + "/" + org.userId);
    m.put("user_id", org.userId);
    m.put("organization_id", org.orgId);
    m.put("preferred_username", org.username);
    m.put("nickname", "sandbox-admin");
    m.put("name", "Sandbox Admin");
    m.put("email", org.username);
    m.put("email_verified", true);
    m.put("given_name", "Sandbox");
    m.put("family_name", "Admin");
    m.put("zoneinfo", "Etc/UTC");
    m.put("active", true);
    m.put("user_type", "STANDARD");
    m.put("language", "en_US");
    m.put("locale", "en_US");
    m.put("urls", Map.of("rest", base + "/services/data/v{version}/", "sobjects", base + "/services/data/v{version}/sobjects/",
        "query", base + "/services/data/v{version}/query/"));
    return ResponseEntity.ok(m);
  }

  private String sign(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(settings.clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> err(String error, String description) {
    return Map.of("error", error, "error_description", description);
  }
}
