package dev.switchboard.sandbox.slack;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Slack OAuth v2 (https://docs.slack.dev/authentication/installing-with-oauth): an auto-approving
 * authorize page redirecting to {@code redirect_uri?code=...&state=...}, and {@code oauth.v2.access}
 * exchanging the single-use code (client credentials as form fields or HTTP Basic) for a new bot token.
 */
@RestController
class SlackOAuthController {

  private final SlackSettings settings;
  private final SlackTokens tokens;
  /** Unredeemed authorization codes → the redirect_uri they were issued for. */
  private final Map<String, String> codes = new ConcurrentHashMap<>();

  SlackOAuthController(SlackSettings settings, SlackTokens tokens) {
    this.settings = settings;
    this.tokens = tokens;
  }

  // https://docs.slack.dev/authentication/installing-with-oauth#asking
  @GetMapping("/slack/oauth/v2/authorize")
  ResponseEntity<String> authorize(@RequestParam(name = "client_id", required = false) String clientId,
      @RequestParam(required = false) String scope, @RequestParam(name = "redirect_uri", required = false) String redirectUri,
      @RequestParam(required = false) String state) {
    if (!settings.clientId.equals(clientId) || redirectUri == null) {
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML)
          .body("<html><body><h1>Something went wrong when authorizing this app.</h1><p>invalid_client_id or redirect_uri</p></body></html>");
    }
    String code = settings.clientId.substring(0, settings.clientId.indexOf('.') + 1) + SlackTokens.digits(13) + "." + SlackTokens.alnum(32);
    codes.put(code, redirectUri);
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(redirectUri).queryParam("code", code);
    if (state != null) {
      b.queryParam("state", state);
    }
    return ResponseEntity.status(302).location(URI.create(b.build().encode().toUriString())).build();
  }

  // https://docs.slack.dev/reference/methods/oauth.v2.access
  Map<String, Object> access(SlackCall call) {
    String clientId = call.str("client_id");
    String clientSecret = call.str("client_secret");
    String basic = call.basicAuth();
    if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
      clientId = pair[0];
      clientSecret = pair.length > 1 ? pair[1] : null;
    }
    if (clientId == null) {
      throw new SlackError("invalid_client_id");
    }
    if (!settings.clientId.equals(clientId)) {
      throw new SlackError("invalid_client_id");
    }
    if (!settings.clientSecret.equals(clientSecret)) {
      throw new SlackError("bad_client_secret");
    }
    String code = call.str("code");
    if (code == null) {
      throw new SlackError("invalid_code");
    }
    String redirectUri = call.str("redirect_uri");
    String boundUri = codes.remove(code);
    if (boundUri == null) {
      throw new SlackError("invalid_code");
    }
    if (redirectUri != null && !redirectUri.equals(boundUri)) {
      throw new SlackError("bad_redirect_uri");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", tokens.issueBotToken());
    m.put("token_type", "bot");
    m.put("scope", "chat:write,channels:read,channels:history,users:read,users:read.email");
    m.put("bot_user_id", settings.botUserId);
    m.put("app_id", settings.appId);
    m.put("team", Map.of("id", settings.teamId, "name", settings.teamName));
    m.put("enterprise", null);
    m.put("is_enterprise_install", false);
    m.put("authed_user", Map.of("id", "U0SANDBOX01"));
    return m;
  }

  void reset() {
    codes.clear();
  }
}
