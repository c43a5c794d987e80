package dev.switchboard.sandbox.slack;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.control.VendorApi;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Slack emulator as seen by the {@code /_sandbox} controls. Seed: {@code users:N} (or {@code contacts:N}),
 * {@code records:[{email, firstname, lastname}]} (users), {@code channels:N} (public channels). Config:
 * {@code tier2PerMinute}, {@code tier3PerMinute}, {@code tier4PerMinute}, {@code postMessageBurst},
 * {@code eventRetryDelaysMs} (list or "a,b,c"), {@code eventTimeoutMs}, {@code signingSecret},
 * {@code eventsRequestUrl} (runs the url_verification handshake; {@code ""} unsubscribes). Seed acts on team
 * {@code account} (number or team id, default 1; unknown → 400); reset restores every team; config is app-wide.
 */
@Component
class SlackVendor implements VendorApi {

  private final SlackSettings settings;
  private final SlackTeams teams;
  private final SlackEvents events;
  private final SlackEventDelivery delivery;
  private final SlackOAuthController oauth;
  private final JsonMapper json;

  SlackVendor(SlackSettings settings, SlackTeams teams, SlackEvents events, SlackEventDelivery delivery,
      SlackOAuthController oauth, JsonMapper json) {
    this.settings = settings;
    this.teams = teams;
    this.events = events;
    this.delivery = delivery;
    this.oauth = oauth;
    this.json = json;
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public String pathPrefix() {
    return "/slack";
  }

  @Override
  public void writeUnavailable(HttpServletResponse res) throws IOException {
    SlackGuardFilter.write(json, res, new SlackError("service_unavailable", 503, 0));
  }

  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    res.setStatus(429);
    res.setContentType("application/json; charset=utf-8");
    res.getWriter().write("{\"ok\":false,\"error\":\"ratelimited\"}");
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    SlackGuardFilter.write(json, res, new SlackError(status == 404 ? "unknown_method" : "method_not_supported", status, 0));
  }

  @Override
  public synchronized void reset() {
    settings.reset();
    teams.reset();
    events.reset();
    delivery.reset();
    oauth.reset();
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    SlackTeam team = AccountRegistry.known(teams.forControl(request.get("account")), "slack account", request.get("account"));
    SlackWorkspace workspace = team.workspace;
    List<String> userIds = new ArrayList<>();
    if (request.get("records") instanceof List<?> l) {
      for (Object o : l) {
        Map<String, Object> r = (Map<String, Object>) o;
        String first = String.valueOf(r.getOrDefault("firstname", "Seed"));
        String last = String.valueOf(r.getOrDefault("lastname", "User"));
        String email = String.valueOf(r.get("email"));
        userIds.add((String) workspace.addUser(null, email.split("@")[0], first + " " + last, email, false).get("id"));
      }
    }
    Object n = request.getOrDefault("users", request.get("contacts"));
    for (int i = 0; n instanceof Number num && i < num.intValue(); i++) {
      String nr = String.format("%04d", team.nextSeed());
      userIds.add((String) workspace.addUser(null, "seed" + nr, "Seed User" + nr, "seed-" + nr + "@example.com", false).get("id"));
    }
    List<String> channelIds = new ArrayList<>();
    Object c = request.get("channels");
    for (int i = 0; c instanceof Number num && i < num.intValue(); i++) {
      channelIds.add(workspace.addChannel(null, String.format("seed-channel-%04d", team.nextSeed()), "public_channel", false).id);
    }
    return Map.of("vendor", name(), "account", team.number, "teamId", team.teamId, "users", userIds,
        "channels", channelIds);
  }

  /** Team 1's credentials at the top level (as before there were several), then {@code accounts[]}: every team. */
  @Override
  public Map<String, Object> credentials() {
    SlackTeam first = teams.first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", "/slack/api/");
    m.put("botToken", first.botToken);
    m.put("teamId", first.teamId);
    m.put("appId", settings.appId);
    m.put("botUserId", first.botUserId);
    m.put("clientId", settings.clientId);
    m.put("clientSecret", settings.clientSecret);
    m.put("signingSecret", settings.signingSecret);
    m.put("verificationToken", settings.verificationToken);
    m.put("incomingWebhookPath", SlackWebhookController.DEFAULT_PATH);
    m.put("oauthAuthorizeUrl", "/slack/oauth/v2/authorize");
    m.put("eventSubscriptionsUrl", "/slack/_apps/" + settings.appId + "/event_subscriptions");
    m.put("accounts", teams.all().stream().map(SlackVendor::account).toList());
    return m;
  }

  private static Map<String, Object> account(SlackTeam t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", t.number);
    m.put("teamId", t.teamId);
    m.put("teamName", t.teamName);
    m.put("botToken", t.botToken);
    m.put("botUserId", t.botUserId);
    m.put("botId", t.botId);
    m.put("incomingWebhookPath", t.webhookPath);
    return m;
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("tier2PerMinute") instanceof Number v) {
      settings.tier2PerMinute = v.intValue();
    }
    if (patch.get("tier3PerMinute") instanceof Number v) {
      settings.tier3PerMinute = v.intValue();
    }
    if (patch.get("tier4PerMinute") instanceof Number v) {
      settings.tier4PerMinute = v.intValue();
    }
    if (patch.get("postMessageBurst") instanceof Number v) {
      settings.postMessageBurst = Math.max(1, v.intValue());
    }
    if (patch.get("eventTimeoutMs") instanceof Number v) {
      settings.eventTimeoutMs = v.longValue();
    }
    if (patch.get("eventRetryDelaysMs") != null) {
      settings.eventRetryDelaysMs = SlackSettings.parseDelays(patch.get("eventRetryDelaysMs"));
    }
    if (patch.get("signingSecret") instanceof String s && !s.isEmpty()) {
      settings.signingSecret = s;
    }
    Map<String, Object> out = new LinkedHashMap<>(settings.toJson());
    if (patch.get("eventsRequestUrl") instanceof String url) {
      String failure = url.isEmpty() ? null : events.subscribe(url);
      if (url.isEmpty()) {
        events.unsubscribe();
      }
      out.put("eventsUrlError", failure);
    }
    out.put("vendor", name());
    out.put("eventsRequestUrl", events.requestUrl());
    return out;
  }
}
