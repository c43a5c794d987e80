package dev.switchboard.sandbox.slack;

import dev.switchboard.sandbox.slack.SlackWorkspace.Channel;
import dev.switchboard.sandbox.support.ChangeClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events API (https://docs.slack.dev/apis/events-api/): the app's Request URL and the
 * {@code event_callback} envelopes sent to it. Nothing is sent until a Request URL passed the
 * {@code url_verification} handshake. Envelopes: {@code token, team_id, api_app_id, event, type,
 * event_id, event_time, authed_users}; delivery, signing and retries in {@link SlackEventDelivery}.
 *
 * <p>As at Slack, the Request URL belongs to the app, so one URL hears every team the app is installed in; each
 * envelope names its team ({@code team_id}, {@code authorizations[].team_id}, its bot user) and the one app
 * ({@code api_app_id}).
 */
@Component
class SlackEvents {

  private final SlackSettings settings;
  private final SlackEventDelivery delivery;
  private final ChangeClock clock;
  private final JsonMapper json;
  private final AtomicLong eventSeq = new AtomicLong();
  private volatile String requestUrl;

  SlackEvents(SlackSettings settings, SlackEventDelivery delivery, ChangeClock clock, JsonMapper json) {
    this.settings = settings;
    this.delivery = delivery;
    this.clock = clock;
    this.json = json;
  }

  /**
   * https://docs.slack.dev/reference/events/url_verification — sends the handshake; the URL is kept
   * only if the receiver echoes the challenge (body {@code challenge}, JSON or plain text). Returns
   * null on success, else the reason.
   */
  String subscribe(String url) {
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      return "invalid_url";
    }
    String challenge = SlackTokens.alnum(48);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", settings.verificationToken);
    body.put("challenge", challenge);
    body.put("type", "url_verification");
    String answer = delivery.handshake(url, json.writeValueAsString(body));
    if (answer == null) {
      return "url_unreachable";
    }
    String echoed = answer.trim();
    if (echoed.startsWith("{")) {
      try {
        echoed = json.readTree(echoed).path("challenge").asString("");
      } catch (RuntimeException e) {
        echoed = "";
      }
    }
    if (!challenge.equals(echoed)) {
      return "challenge_failed";
    }
    requestUrl = url;
    return null;
  }

  void unsubscribe() {
    requestUrl = null;
  }

  String requestUrl() {
    return requestUrl;
  }

  /** A message landed in a channel: {@code message} event, plus {@code app_mention} if it mentions the bot. */
  void messagePosted(SlackTeam team, Channel c, Map<String, Object> msg) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", "message");
    e.put("channel", c.id);
    if (msg.get("subtype") != null) {
      e.put("subtype", msg.get("subtype"));
    }
    if (msg.get("user") != null) {
      e.put("user", msg.get("user"));
    }
    if (msg.get("bot_id") != null) {
      e.put("bot_id", msg.get("bot_id"));
    }
    e.put("text", msg.get("text"));
    if (msg.get("blocks") != null) {
      e.put("blocks", msg.get("blocks"));
    }
    e.put("ts", msg.get("ts"));
    if (msg.get("thread_ts") != null) {
      e.put("thread_ts", msg.get("thread_ts"));
    }
    e.put("team", team.teamId);
    e.put("event_ts", msg.get("ts"));
    e.put("channel_type", c.type.equals("private_channel") ? "group" : "channel");
    fire(team, e);
    if (String.valueOf(msg.get("text")).contains("<@" + team.botUserId + ">")) {
      Map<String, Object> mention = new LinkedHashMap<>(e);
      mention.put("type", "app_mention");
      mention.remove("channel_type");
      fire(team, mention);
    }
  }

  /** Wraps {@code event} of {@code team} (needs {@code type}; {@code event_ts} added if missing) and queues its delivery. */
  Map<String, Object> fire(SlackTeam team, Map<String, Object> event) {
    Map<String, Object> e = new LinkedHashMap<>(event);
    long now = clock.now().getEpochSecond();
    e.putIfAbsent("event_ts", String.format("%d.%06d", now, eventSeq.get() % 1_000_000));
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("token", settings.verificationToken);
    envelope.put("team_id", team.teamId);
    envelope.put("context_team_id", team.teamId);
    envelope.put("api_app_id", settings.appId);
    envelope.put("event", e);
    envelope.put("type", "event_callback");
    envelope.put("event_id", String.format("Ev0SANDBOX%06d", eventSeq.incrementAndGet()));
    envelope.put("event_time", now);
    envelope.put("authed_users", List.of(team.botUserId));
    envelope.put("authorizations", List.of(Map.of("enterprise_id", "", "team_id", team.teamId,
        "user_id", team.botUserId, "is_bot", true, "is_enterprise_install", false)));
    envelope.put("is_ext_shared_channel", false);
    String url = requestUrl;
    if (url != null) {
      delivery.deliver(url, json.writeValueAsString(envelope));
    }
    return envelope;
  }

  void reset() {
    requestUrl = null;
    eventSeq.set(0);
  }
}
