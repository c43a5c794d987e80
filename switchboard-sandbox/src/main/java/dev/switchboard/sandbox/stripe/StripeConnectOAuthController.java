package dev.switchboard.sandbox.stripe;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Stripe Connect OAuth on {@code connect.stripe.com}, served under {@code /stripe/connect} (point
 * stripe-java's connect base there). The platform is account 1 ({@code ca_sandbox}); the token and deauthorize calls
 * authenticate with its secret key, as {@code client_secret} or as the API key. Authorize is auto-approved unless
 * {@code deny=true} (the user pressing "deny"). Which Stripe account the user logs into is chosen on Stripe's page;
 * the sandbox has none, so authorize takes the sandbox-only {@code stripe_user_id=acct_…} instead, by default
 * account 2 (the platform itself when it is the only account), so connecting gives the platform a different
 * account. The token answer names that account ({@code stripe_user_id}, its publishable key) and its
 * {@code access_token} reaches it alone. Errors use OAuth's shape {@code {error, error_description}}.
 * https://docs.stripe.com/connect/oauth-reference
 */
@RestController
class StripeConnectOAuthController {

  private final StripeSettings settings;
  private final StripeAccounts accounts;
  private final StripeConnect connect;

  StripeConnectOAuthController(StripeSettings settings, StripeAccounts accounts, StripeConnect connect) {
    this.settings = settings;
    this.accounts = accounts;
    this.connect = connect;
  }

  // https://docs.stripe.com/connect/oauth-reference#get-authorize
  @GetMapping("/stripe/connect/oauth/authorize")
  ResponseEntity<Map<String, Object>> authorize(@RequestParam(name = "client_id", required = false) String clientId,
      @RequestParam(name = "response_type", required = false) String responseType,
      @RequestParam(name = "redirect_uri", required = false) String redirectUri,
      @RequestParam(required = false) String scope, @RequestParam(required = false) String state,
      @RequestParam(required = false) boolean deny,
      @RequestParam(name = "stripe_user_id", required = false) String loginAs) {
    if (!settings.clientId.equals(clientId)) {
      return error(400, "invalid_client", "No such application: '" + clientId + "'");
    }
    if (!"code".equals(responseType)) {
      return error(400, "unsupported_response_type", "Only 'code' response_type is supported, but '" + responseType + "' was provided");
    }
    String grantedScope = scope == null ? "read_only" : scope;
    if (!grantedScope.equals("read_only") && !grantedScope.equals("read_write")) {
      return error(400, "invalid_scope", "Invalid scope '" + scope + "': must be read_only or read_write");
    }
    if (redirectUri == null) {
      return error(400, "invalid_request", "The sandbox needs redirect_uri (Stripe falls back to the platform's registered one).");
    }
    StripeAccount account = loginAs == null ? accounts.defaultConnected() : accounts.byId(loginAs);
    if (account == null) {
      return error(400, "invalid_request", "No such sandbox account: '" + loginAs + "'");
    }
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(redirectUri);
    if (deny) {
      b.queryParam("error", "access_denied").queryParam("error_description", "The user denied your request");
    } else {
      b.queryParam("code", connect.issueCode(account.id)).queryParam("scope", grantedScope);
    }
    if (state != null) {
      b.queryParam("state", state);
    }
    return ResponseEntity.status(302).location(URI.create(b.build().encode().toUriString())).build();
  }

  // https://docs.stripe.com/connect/oauth-reference#post-token
  @PostMapping("/stripe/connect/oauth/token")
  ResponseEntity<Map<String, Object>> token(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    if (!platformKey(req, p)) {
      return error(401, "invalid_client", "No valid API key provided.");
    }
    String grant = p.str("grant_type");
    String access;
    String refresh;
    if ("authorization_code".equals(grant)) {
      String accountId = connect.redeem(p.str("code"));
      if (accountId == null) {
        return error(400, "invalid_grant", "Authorization code does not exist: " + p.str("code"));
      }
      String[] pair = connect.connect(accountId);
      access = pair[0];
      refresh = pair[1];
    } else if ("refresh_token".equals(grant)) {
      refresh = p.str("refresh_token");
      access = connect.refresh(refresh);
      if (access == null) {
        return error(400, "invalid_grant", "Refresh token does not exist: " + refresh);
      }
    } else {
      return error(400, "unsupported_grant_type", "Unsupported grant type: " + grant);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", access);
    m.put("livemode", false);
    m.put("refresh_token", refresh);
    m.put("scope", "read_write");
    StripeAccount account = accounts.byId(connect.accountOf(access));
    m.put("stripe_publishable_key", account.publishableKey);
    m.put("stripe_user_id", account.id);
    m.put("token_type", "bearer");
    return ResponseEntity.ok(m);
  }

  // https://docs.stripe.com/connect/oauth-reference#post-deauthorize
  @PostMapping("/stripe/connect/oauth/deauthorize")
  ResponseEntity<Map<String, Object>> deauthorize(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    if (!platformKey(req, p)) {
      return error(401, "invalid_client", "No valid API key provided.");
    }
    if (!settings.clientId.equals(p.str("client_id"))) {
      return error(400, "invalid_client", "No such application: '" + p.str("client_id") + "'");
    }
    String accountId = p.str("stripe_user_id");
    if (accountId == null || !connect.deauthorize(accountId)) {
      return error(400, "invalid_client", "This application is not connected to stripe account " + accountId
          + ", or that account does not exist.");
    }
    return ResponseEntity.ok(Map.of("stripe_user_id", accountId));
  }

  private boolean platformKey(HttpServletRequest req, StripeParams p) {
    String secret = p.str("client_secret");
    return settings.apiKey.equals(secret != null ? secret : StripeGuardFilter.apiKey(req.getHeader("Authorization")));
  }

  private static ResponseEntity<Map<String, Object>> error(int status, String error, String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", error);
    m.put("error_description", description);
    return ResponseEntity.status(status).body(m);
  }
}
