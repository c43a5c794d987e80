package dev.switchboard.sandbox.slack;

import dev.switchboard.sandbox.slack.SlackWorkspace.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox-only Slack controls (no auth). {@code /slack/_apps/{app_id}/event_subscriptions} stands in for the
 * app config page's "Event Subscriptions → Request URL": POST {@code {"request_url":...}} runs the
 * url_verification handshake and answers {@code {ok, request_url}} or {@code {ok:false, error}}.
 * {@code POST /slack/_sandbox/events} simulates workspace activity: {@code {type:"message", channel, user, text}}
 * stores the message and fires {@code message}; {@code {type:"team_join", user:{name, real_name, email}}}
 * adds the user and fires {@code team_join}; any other {@code {type, ...}} is wrapped and sent as given. The
 * activity happens in team {@code ?account=} (number or team id, default 1; unknown → 400 {@code team_not_found}).
 */
@RestController
class SlackSandboxController {

  private final SlackSettings settings;
  private final SlackTeams teams;
  private final SlackEvents events;

  SlackSandboxController(SlackSettings settings, SlackTeams teams, SlackEvents events) {
    this.settings = settings;
    this.teams = teams;
    this.events = events;
  }

  @PostMapping("/slack/_apps/{appId}/event_subscriptions")
  ResponseEntity<Map<String, Object>> subscribe(@PathVariable String appId, @RequestBody Map<String, Object> body) {
    if (!settings.appId.equals(appId)) {
      return ResponseEntity.status(404).body(Map.of("ok", false, "error", "app_not_found"));
    }
    String failure = events.subscribe((String) body.get("request_url"));
    return ResponseEntity.ok(failure == null ? Map.of("ok", true, "request_url", events.requestUrl())
        : Map.of("ok", false, "error", failure));
  }

  @GetMapping("/slack/_apps/{appId}/event_subscriptions")
  Map<String, Object> subscription(@PathVariable String appId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", true);
    m.put("request_url", events.requestUrl());
    return m;
  }

  @DeleteMapping("/slack/_apps/{appId}/event_subscriptions")
  Map<String, Object> unsubscribe(@PathVariable String appId) {
    events.unsubscribe();
    return Map.of("ok", true);
  }

  @PostMapping("/slack/_sandbox/events")
  ResponseEntity<Map<String, Object>> trigger(@RequestBody Map<String, Object> body,
      @RequestParam(required = false) String account) {
    SlackTeam team = teams.forControl(account);
    if (team == null) {
      return ResponseEntity.badRequest().body(Map.of("ok", false, "error", "team_not_found"));
    }
    SlackWorkspace workspace = team.workspace;
    Object type = body.get("type");
    if ("message".equals(type) && body.get("channel") != null) {
      Channel c = workspace.channel(String.valueOf(body.get("channel")));
      if (c == null) {
        return ResponseEntity.badRequest().body(Map.of("ok", false, "error", "channel_not_found"));
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("text", String.valueOf(body.getOrDefault("text", "")));
      fields.put("user", String.valueOf(body.getOrDefault("user", team.authedUserId)));
      Map<String, Object> msg = workspace.post(c, fields);
      events.messagePosted(team, c, msg);
      return ResponseEntity.ok(Map.of("ok", true, "channel", c.id, "ts", msg.get("ts")));
    }
    if ("team_join".equals(type) && body.get("user") instanceof Map<?, ?> u) {
      String email = String.valueOf(u.get("email"));
      Map<String, Object> user = workspace.addUser(null, String.valueOf(u.containsKey("name") ? u.get("name") : email.split("@")[0]),
          String.valueOf(u.containsKey("real_name") ? u.get("real_name") : email), email, false);
      Map<String, Object> envelope = events.fire(team, Map.of("type", "team_join", "user", user));
      return ResponseEntity.ok(Map.of("ok", true, "user", user, "event_id", envelope.get("event_id")));
    }
    if (!(type instanceof String)) {
      return ResponseEntity.badRequest().body(Map.of("ok", false, "error", "invalid_event"));
    }
    return ResponseEntity.ok(Map.of("ok", true, "event_id", events.fire(team, body).get("event_id")));
  }
}
