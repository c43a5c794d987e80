package dev.switchboard.sandbox.calendly;

import dev.switchboard.sandbox.support.ChangeClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
 */
@RestController
class CalendlyOAuthController {

  static final Duration CODE_TTL = Duration.ofMinutes(10);
  static final Duration ACCESS_TTL = Duration.ofHours(2);

  private record Code(String redirectUri, Instant expires) {}

  private final CalendlySettings settings;
  private final CalendlyDirectory dir;
  private final ChangeClock clock;
  private final Map<String, Code> codes = new HashMap<>();
  private final Set<String> refreshTokens = new HashSet<>();
  private final Map<String, Instant> accessTokens = new HashMap<>();

  CalendlyOAuthController(CalendlySettings settings, CalendlyDirectory dir, ChangeClock clock) {
    this.settings = settings;
    this.dir = dir;
    this.clock = clock;
  }

  /** Access token status: null if unknown, else whether it is still valid. */
  synchronized Boolean accessTokenValid(String token) {
    Instant exp = accessTokens.get(token);
    return exp == null ? null : clock.now().isBefore(exp);
  }

  // https://developer.calendly.com/api-docs/calendly-o-auth/o-auth/get-oauth-authorize
  // The sandbox approves at once (no consent page) and redirects with code + state.
  @GetMapping("/calendly/oauth/authorize")
  synchronized ResponseEntity<Object> authorize(@RequestParam(name = "client_id", required = false) String clientId,
      @RequestParam(name = "response_type", required = false) String responseType,
      @RequestParam(name = "redirect_uri", required = false) String redirectUri,
      @RequestParam(required = false) String state) {
    if (!settings.clientId.equals(clientId) || redirectUri == null) {
      return ResponseEntity.badRequest().body(error("invalid_client", "Client authentication failed due to unknown client."));
    }
    UriComponentsBuilder to = UriComponentsBuilder.fromUriString(redirectUri);
    if (!"code".equals(responseType)) {
      to.queryParam("error", "unsupported_response_type");
    } else {
      String code = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
      codes.put(code, new Code(redirectUri, clock.now().plus(CODE_TTL)));
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
    if ("authorization_code".equals(grant)) {
      Code c = form.get("code") == null ? null : codes.remove(form.get("code"));
      if (c == null || !c.redirectUri.equals(form.get("redirect_uri")) || !clock.now().isBefore(c.expires)) {
        return invalidGrant();
      }
    } else if ("refresh_token".equals(grant)) {
      if (form.get("refresh_token") == null || !refreshTokens.remove(form.get("refresh_token"))) {
        return invalidGrant();
      }
    } else {
      return ResponseEntity.badRequest().body(error("unsupported_grant_type",
          "The authorization grant type is not supported by the authorization server."));
    }
    String access = "calendly-access-" + UUID.randomUUID();
    String refresh = "calendly-refresh-" + UUID.randomUUID();
    Instant now = clock.now();
    accessTokens.put(access, now.plus(ACCESS_TTL));
    refreshTokens.add(refresh);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("token_type", "Bearer");
    m.put("access_token", access);
    m.put("refresh_token", refresh);
    m.put("expires_in", ACCESS_TTL.toSeconds());
    m.put("created_at", now.getEpochSecond());
    m.put("scope", "default");
    m.put("owner", dir.userUri());
    m.put("organization", dir.orgUri());
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
