package dev.switchboard.sandbox.slack;

import dev.switchboard.sandbox.slack.SlackWorkspace.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incoming webhooks (https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks):
 * {@code POST /slack/services/{team}/{bot}/{secret}} with JSON {@code {text, blocks}} posts into the
 * webhook's channel (each team's seeded one posts into that team's #general) and answers plain text {@code ok}. Errors as
 * Slack: 400 {@code invalid_payload} (not a JSON object, blocks not an array), 400 {@code no_text},
 * 404 {@code no_service} (unknown URL).
 */
@RestController
class SlackWebhookController {

  /** Team 1's incoming webhook; the others' are in {@link SlackTeam#webhookPath}. */
  static final String DEFAULT_PATH = "/slack/services/T0SANDBOX/B0SANDBOXWH/sandboxWebhookSecret000";

  private final SlackTeams teams;
  private final SlackEvents events;
  private final JsonMapper json;

  SlackWebhookController(SlackTeams teams, SlackEvents events, JsonMapper json) {
    this.teams = teams;
    this.events = events;
    this.json = json;
  }

  // https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks#handling_errors
  @PostMapping("/slack/services/{team}/{bot}/{secret}")
  ResponseEntity<String> post(@PathVariable String team, @PathVariable String bot, @PathVariable String secret,
      @RequestBody(required = false) String body) {
    SlackTeam owner = teams.byWebhookPath("/slack/services/" + team + "/" + bot + "/" + secret);
    if (owner == null) {
      return text(404, "no_service");
    }
    JsonNode payload;
    try {
      payload = body == null ? null : json.readTree(body);
    } catch (JacksonException e) {
      payload = null;
    }
    if (payload == null || !payload.isObject()) {
      return text(400, "invalid_payload");
    }
    JsonNode blocks = payload.get("blocks");
    if (blocks != null && !blocks.isArray()) {
      return text(400, "invalid_payload");
    }
    String text = payload.path("text").asString("");
    if (text.isEmpty() && (blocks == null || blocks.isEmpty()) && !payload.path("attachments").isArray()) {
      return text(400, "no_text");
    }
    Channel c = owner.workspace.channel(owner.id("C0GENERAL01"));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("subtype", "bot_message");
    fields.put("text", text);
    fields.put("bot_id", owner.id("B0SANDBOXWH"));
    if (blocks != null) {
      fields.put("blocks", blocks);
    }
    if (payload.hasNonNull("thread_ts")) {
      fields.put("thread_ts", payload.get("thread_ts").asString());
    }
    events.messagePosted(owner, c, owner.workspace.post(c, fields));
    return text(200, "ok");
  }

  private static ResponseEntity<String> text(int status, String body) {
    return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(body);
  }
}
