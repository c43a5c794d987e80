package dev.switchboard.sandbox.square;

import dev.switchboard.sandbox.support.ChangeClock;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Square OAuth: authorize (auto-approved; redirects to {@code redirect_uri} with {@code code} and
 * {@code state}) and token (JSON body; {@code authorization_code} or {@code refresh_token}). Access tokens
 * expire after 30 days ({@code expires_at}); the refresh token stays valid and is returned again on refresh.
 * Unlike Square, the redirect URI is taken from the request (Square uses the one registered for the app).
 *
 * <p>One app serves every merchant. Which seller signs in is chosen on Square's login page; the sandbox has no
 * page, so authorize takes the sandbox-only parameter {@code account=N} instead (default 1; unknown → 400
 * {@code INVALID_VALUE}). The code, the tokens it is exchanged for and their refreshes reach that merchant only, and
 * the token response names its {@code merchant_id}.
 */
@RestController
class SquareOAuthController {

  private static final String CODE_BINDING = "square";
  private final SquareSettings settings;
  private final SquareMerchants merchants;
  private final ChangeClock clock;

  SquareOAuthController(SquareSettings settings, SquareMerchants merchants, ChangeClock clock) {
    this.settings = settings;
    this.merchants = merchants;
    this.clock = clock;
  }

  // https://developer.squareup.com/reference/square/oauth-api/authorize
  @GetMapping("/square/oauth2/authorize")
  ResponseEntity<Map<String, Object>> authorize(@RequestParam("client_id") String client,
      @RequestParam(name = "redirect_uri", required = false) String redirectUri,
      @RequestParam(required = false) String state, @RequestParam(required = false) String account) {
    if (!settings.clientId.equals(client)) {
      return ResponseEntity.badRequest().body(SquareException.body("INVALID_REQUEST_ERROR", "INVALID_VALUE", "Invalid client_id."));
    }
    if (redirectUri == null) {
      return ResponseEntity.badRequest().body(SquareException.body("INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER",
          "The sandbox needs redirect_uri (Square uses the app's registered one)."));
    }
    SquareMerchant merchant = account == null ? merchants.first() : merchants.byNumber(account);
    if (merchant == null) {
      return ResponseEntity.badRequest().body(SquareException.body("INVALID_REQUEST_ERROR", "INVALID_VALUE",
          "No sandbox merchant " + account + " (1.." + merchants.all().size() + ")."));
    }
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(redirectUri)
        .queryParam("code", merchant.grants.issueCode(CODE_BINDING));
    if (state != null) {
      b.queryParam("state", state);
    }
    b.queryParam("response_type", "code");
    return ResponseEntity.status(302).location(URI.create(b.build().encode().toUriString())).build();
  }

  // https://developer.squareup.com/reference/square/oauth-api/obtain-token
  @PostMapping("/square/oauth2/token")
  ResponseEntity<Map<String, Object>> token(@RequestBody Map<String, Object> body) {
    if (!settings.clientId.equals(body.get("client_id")) || !settings.clientSecret.equals(body.get("client_secret"))) {
      return ResponseEntity.status(401).body(SquareException.body("AUTHENTICATION_ERROR", "UNAUTHORIZED", "Invalid client credentials."));
    }
    String grant = Sq.str(body.get("grant_type"));
    String refresh;
    SquareMerchant merchant;
    if ("authorization_code".equals(grant)) {
      String code = Sq.str(body.get("code"));
      // codes are kept per merchant, so only the one that issued a code can redeem it
      merchant = merchants.all().stream().filter(m -> m.grants.redeemCode(code, CODE_BINDING)).findFirst().orElse(null);
      if (merchant == null) {
        return ResponseEntity.badRequest().body(SquareException.body("INVALID_REQUEST_ERROR", "INVALID_VALUE", "Invalid authorization code."));
      }
      refresh = merchant.grants.issueRefreshToken();
    } else if ("refresh_token".equals(grant)) {
      String token = Sq.str(body.get("refresh_token"));
      refresh = token;
      merchant = merchants.all().stream().filter(m -> m.grants.knowsRefreshToken(token)).findFirst().orElse(null);
      if (merchant == null) {
        return ResponseEntity.badRequest().body(SquareException.body("INVALID_REQUEST_ERROR", "INVALID_VALUE", "Invalid refresh token."));
      }
    } else {
      return ResponseEntity.badRequest().body(SquareException.body("INVALID_REQUEST_ERROR", "INVALID_VALUE", "Unsupported grant_type."));
    }
    String access = merchant.grants.issueAccessToken();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", access);
    m.put("token_type", "bearer");
    m.put("expires_at", clock.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    m.put("merchant_id", merchant.merchantId);
    m.put("refresh_token", refresh);
    m.put("short_lived", false);
    return ResponseEntity.ok(m);
  }
}
