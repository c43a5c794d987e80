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
 *
 * <p>One app (one client id) is installed team by team. Which workspace the installing user picks is chosen on
 * Slack's authorize page; the sandbox has no page, so authorize takes the sandbox-only parameter {@code account=N}
 * (default 1) or Slack's own {@code team=<team id>}; an unknown one answers the error page (400). The code, and
 * the bot token it is exchanged for, reach that team only, and oauth.v2.access reports that team.
 */
@RestController
class SlackOAuthController {

  /** An unredeemed authorization code's redirect_uri and the team the user picked. */
  private record Pending(String redirectUri, SlackTeam team) {}

  private final SlackSettings settings;
  private final SlackTeams teams;
  private final Map<String, Pending> codes = new ConcurrentHashMap<>();

  SlackOAuthController(SlackSettings settings, SlackTeams teams) {
    this.settings = settings;
    this.teams = teams;
  }

  // https://docs.slack.dev/authentication/installing-with-oauth#asking
  @GetMapping("/slack/oauth/v2/authorize")
  ResponseEntity<String> authorize(@RequestParam(name = "client_id", required = false) String clientId,
      @RequestParam(required = false) String scope, @RequestParam(name = "redirect_uri", required = false) String redirectUri,
      @RequestParam(required = false) String state, @RequestParam(required = false) String team,
      @RequestParam(required = false) String account) {
    if (!settings.clientId.equals(clientId) || redirectUri == null) {
      return errorPage("invalid_client_id or redirect_uri");
    }
    SlackTeam chosen = team != null ? teams.forControl(team) : account != null ? teams.byNumber(account) : teams.first();
    if (chosen == null) {
      return errorPage("no sandbox workspace " + (team != null ? team : account) + " (1.." + teams.all().size() + ")");
    }
    String code = settings.clientId.substring(0, settings.clientId.indexOf('.') + 1) + SlackTokens.digits(13) + "." + SlackTokens.alnum(32);
    codes.put(code, new Pending(redirectUri, chosen));
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(redirectUri).queryParam("code", code);
    if (state != null) {
      b.queryParam("state", state);
    }
    return ResponseEntity.status(302).location(URI.create(b.build().encode().toUriString())).build();
  }

  private static ResponseEntity<String> errorPage(String why) {
    return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML)
        .body("<html><body><h1>Something went wrong when authorizing this app.</h1><p>" + why + "</p></body></html>");
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
    Pending pending = codes.remove(code);
    if (pending == null) {
      throw new SlackError("invalid_code");
    }
    if (redirectUri != null && !redirectUri.equals(pending.redirectUri())) {
      throw new SlackError("bad_redirect_uri");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    SlackTeam team = pending.team();
    m.put("access_token", team.tokens.issueBotToken());
    m.put("token_type", "bot");
    m.put("scope", "chat:write,channels:read,channels:history,users:read,users:read.email");
    m.put("bot_user_id", team.botUserId);
    m.put("app_id", settings.appId);
    m.put("team", Map.of("id", team.teamId, "name", team.teamName));
    m.put("enterprise", null);
    m.put("is_enterprise_install", false);
    m.put("authed_user", Map.of("id", team.authedUserId));
    return m;
  }

  void reset() {
    codes.clear();
  }
}
