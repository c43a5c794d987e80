package dev.switchboard.sandbox.calendly;

import dev.switchboard.sandbox.support.ChangeClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * OAuth 2 for Calendly apps (real host: auth.calendly.com). Authorization codes expire after 10 minutes and
 * are single use; access tokens last 2 hours (by the sandbox clock); refresh tokens never expire but are
 * SINGLE USE (rotation): a used one answers {@code invalid_grant}. Client auth: HTTP Basic or form fields.
 *
 * <p>One OAuth app serves every organization. Which user signs in is chosen on Calendly's login page; the sandbox
 * has no page, so authorize takes the sandbox-only parameter {@code account=N} instead (default 1; unknown → 400
 * {@code invalid_request}). The code, the tokens it is exchanged for and their refreshes reach that organization
 * only, and the token response's {@code owner} and {@code organization} are its user and organization.
 */
@RestController
class CalendlyOAuthController {

  static final Duration CODE_TTL = Duration.ofMinutes(10);
  static final Duration ACCESS_TTL = Duration.ofHours(2);

  private record Code(String redirectUri, Instant expires, CalendlyOrg org) {}

  /** An issued access token: the organization it reaches and whether it is still valid. */
  record Access(CalendlyOrg org, boolean valid) {}

  private record Issued(CalendlyOrg org, Instant expires) {}

  private final CalendlySettings settings;
  private final CalendlyOrgs orgs;
  private final ChangeClock clock;
  private final Map<String, Code> codes = new HashMap<>();
  /** Unused refresh tokens → the organization they reach. */
  private final Map<String, CalendlyOrg> refreshTokens = new HashMap<>();
  private final Map<String, Issued> accessTokens = new HashMap<>();

  CalendlyOAuthController(CalendlySettings settings, CalendlyOrgs orgs, ChangeClock clock) {
    this.settings = settings;
    this.orgs = orgs;
    this.clock = clock;
  }

  /** The issued access token's organization and validity; null if the token was never issued (or reset). */
  synchronized Access access(String token) {
    Issued i = accessTokens.get(token);
    return i == null ? null : new Access(i.org(), clock.now().isBefore(i.expires()));
  }

  // https://developer.calendly.com/api-docs/calendly-o-auth/o-auth/get-oauth-authorize
  // The sandbox approves at once (no consent page) and redirects with code + state.
  @GetMapping("/calendly/oauth/authorize")
  synchronized ResponseEntity<Object> authorize(@RequestParam(name = "client_id", required = false) String clientId,
      @RequestParam(name = "response_type", required = false) String responseType,
      @RequestParam(name = "redirect_uri", required = false) String redirectUri,
      @RequestParam(required = false) String state, @RequestParam(required = false) String account) {
    if (!settings.clientId.equals(clientId) || redirectUri == null) {
      return ResponseEntity.badRequest().body(error("invalid_client", "Client authentication failed due to unknown client."));
    }
    CalendlyOrg org = account == null ? orgs.first() : orgs.byNumber(account);
    if (org == null) {
      return ResponseEntity.badRequest().body(error("invalid_request",
          "No sandbox account " + account + " (1.." + orgs.all().size() + ")."));
    }
    UriComponentsBuilder to = UriComponentsBuilder.fromUriString(redirectUri);
    if (!"code".equals(responseType)) {
      to.queryParam("error", "unsupported_response_type");
    } else {
      String code = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
      codes.put(code, new Code(redirectUri, clock.now().plus(CODE_TTL), org));
      to.queryParam("code", code);
    }
    if (state != null) {
      to.queryParam("state", state);
    }
    return ResponseEntity.status(302).location(URI.create(to.build().encode().toUriString())).build();
  }

  // https://developer.calendly.com/api-docs/calendly-o-auth/o-auth/post-oauth-refresh-token
  @PostMapping("/calendly/oauth/token")
  synchronized ResponseEntity<Map<String, Object>> token(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
      @RequestParam Map<String, String> form) {
    String clientId = form.get("client_id");
    String secret = form.get("client_secret");
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] p = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
      clientId = p[0];
      secret = p.length > 1 ? p[1] : null;
    }
    if (!settings.clientId.equals(clientId) || !settings.clientSecret.equals(secret)) {
      return ResponseEntity.status(401).body(error("invalid_client",
          "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."));
    }
    String grant = form.get("grant_type");
    CalendlyOrg org;
    if ("authorization_code".equals(grant)) {
      Code c = form.get("code") == null ? null : codes.remove(form.get("code"));
      if (c == null || !c.redirectUri.equals(form.get("redirect_uri")) || !clock.now().isBefore(c.expires)) {
        return invalidGrant();
      }
      org = c.org();
    } else if ("refresh_token".equals(grant)) {
      org = form.get("refresh_token") == null ? null : refreshTokens.remove(form.get("refresh_token"));
      if (org == null) {
        return invalidGrant();
      }
    } else {
      return ResponseEntity.badRequest().body(error("unsupported_grant_type",
          "The authorization grant type is not supported by the authorization server."));
    }
    String access = "calendly-access-" + UUID.randomUUID();
    String refresh = "calendly-refresh-" + UUID.randomUUID();
    Instant now = clock.now();
    accessTokens.put(access, new Issued(org, now.plus(ACCESS_TTL)));
    refreshTokens.put(refresh, org);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("token_type", "Bearer");
    m.put("access_token", access);
    m.put("refresh_token", refresh);
    m.put("expires_in", ACCESS_TTL.toSeconds());
    m.put("created_at", now.getEpochSecond());
    m.put("scope", "default");
    m.put("owner", org.userUri());
    m.put("organization", org.orgUri());
    return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(m);
  }

  private static ResponseEntity<Map<String, Object>> invalidGrant() {
    return ResponseEntity.badRequest().body(error("invalid_grant",
        "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the "
            + "authorization request, or was issued to another client."));
  }

  private static Map<String, Object> error(String code, String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", code);
    m.put("error_description", description);
    return m;
  }

  synchronized void reset() {
    codes.clear();
    refreshTokens.clear();
    accessTokens.clear();
  }
}
