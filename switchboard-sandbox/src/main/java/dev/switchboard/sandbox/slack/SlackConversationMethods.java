package dev.switchboard.sandbox.slack;

import dev.switchboard.sandbox.slack.SlackWorkspace.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** chat.postMessage, conversations.list and conversations.history over the calling token's team's {@link SlackWorkspace}. */
@Component
class SlackConversationMethods {

  private final SlackSettings settings;
  private final SlackEvents events;
  private final JsonMapper json;

  SlackConversationMethods(SlackSettings settings, SlackEvents events, JsonMapper json) {
    this.settings = settings;
    this.events = events;
    this.json = json;
  }

  /**
   * https://docs.slack.dev/reference/methods/chat.postMessage — {@code blocks} as a JSON string (form) or
   * array (JSON body); needs text, blocks or attachments ({@code no_text}). At most
   * {@code postMessageBurst} messages per channel in any {@code postMessageBurst}-second window (≈1/s with
   * bursts), else 429. Fires a {@code message} event (and {@code app_mention} if the bot is mentioned).
   */
  Map<String, Object> postMessage(SlackCall call) {
    SlackTeam team = call.team();
    Channel c = team.workspace.channel(call.str("channel"));
    if (c == null) {
      throw new SlackError("channel_not_found");
    }
    if (c.archived) {
      throw new SlackError("is_archived");
    }
    JsonNode blocks = parseJsonArray(call.args().get("blocks"), "invalid_blocks");
    JsonNode attachments = parseJsonArray(call.args().get("attachments"), "invalid_attachments");
    String text = call.str("text");
    if (text == null && blocks == null && attachments == null) {
      throw new SlackError("no_text");
    }
    if (text != null && text.length() > 40_000) {
      throw new SlackError("msg_too_long");
    }
    int burst = settings.postMessageBurst;
    long wait = team.tokens.limiter.acquire("post:" + c.id, burst, burst * 1000L);
    if (wait > 0) {
      throw SlackError.rateLimited(wait);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("text", text == null ? "" : text);
    fields.put("user", team.botUserId);
    fields.put("bot_id", team.botId);
    if (blocks != null) {
      fields.put("blocks", blocks);
    }
    if (attachments != null) {
      fields.put("attachments", attachments);
    }
    if (call.str("thread_ts") != null) {
      fields.put("thread_ts", call.str("thread_ts"));
    }
    Map<String, Object> msg = team.workspace.post(c, fields);
    events.messagePosted(team, c, msg);
    return Map.of("channel", c.id, "ts", msg.get("ts"), "message", msg);
  }

  private JsonNode parseJsonArray(Object v, String error) {
    if (v == null || v.toString().isEmpty()) {
      return null;
    }
    try {
      JsonNode n = v instanceof JsonNode node ? node : json.readTree(v.toString());
      if (!n.isArray()) {
        throw new SlackError(error);
      }
      return n;
    } catch (JacksonException e) {
      throw new SlackError(error);
    }
  }

  /**
   * https://docs.slack.dev/reference/methods/conversations.list — {@code types} (default public_channel),
   * {@code exclude_archived}, {@code limit} (default 100, at most 1000) and an opaque {@code cursor};
   * {@code response_metadata.next_cursor} is empty on the last page.
   */
  Map<String, Object> list(SlackCall call) {
    List<String> types = Arrays.asList((call.str("types") == null ? "public_channel" : call.str("types")).split("\\s*,\\s*"));
    for (String t : types) {
      if (!List.of("public_channel", "private_channel", "mpim", "im").contains(t)) {
        throw new SlackError("invalid_types");
      }
    }
    boolean excludeArchived = call.bool("exclude_archived");
    SlackWorkspace workspace = call.team().workspace;
    List<Channel> all = workspace.channels().stream()
        .filter(c -> types.contains(c.type) && !(excludeArchived && c.archived)).toList();
    int limit = Math.min(1000, Math.max(1, call.integer("limit", 100)));
    int start = 0;
    if (call.str("cursor") != null) {
      String id = decodeCursor(call.str("cursor"), "channel:");
      start = indexOf(all.stream().map(c -> c.id).toList(), id);
    }
    List<Map<String, Object>> page = new ArrayList<>();
    for (int i = start; i < Math.min(all.size(), start + limit); i++) {
      page.add(render(call.team(), all.get(i)));
    }
    String next = start + limit < all.size() ? cursor("channel:" + all.get(start + limit).id) : "";
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("channels", page);
    out.put("response_metadata", Map.of("next_cursor", next));
    return out;
  }

  /**
   * https://docs.slack.dev/reference/methods/conversations.history — top-level messages newest first,
   * {@code oldest}/{@code latest} (exclusive unless {@code inclusive}), {@code limit} (default 100, max
   * 999) and {@code cursor}; {@code has_more} plus {@code response_metadata.next_cursor} when more remain.
   */
  Map<String, Object> history(SlackCall call) {
    SlackWorkspace workspace = call.team().workspace;
    Channel c = workspace.channel(call.str("channel"));
    if (c == null || !c.id.equals(call.str("channel"))) {
      throw new SlackError("channel_not_found");
    }
    Double oldest = call.ts("oldest", "invalid_ts_oldest");
    Double latest = call.ts("latest", "invalid_ts_latest");
    boolean inclusive = call.bool("inclusive");
    List<Map<String, Object>> all = workspace.history(c).stream().filter(m -> {
      double ts = Double.parseDouble((String) m.get("ts"));
      boolean afterOldest = oldest == null || (inclusive ? ts >= oldest : ts > oldest);
      boolean beforeLatest = latest == null || (inclusive ? ts <= latest : ts < latest);
      return afterOldest && beforeLatest;
    }).toList();
    int limit = Math.min(999, Math.max(1, call.integer("limit", 100)));
    int start = 0;
    if (call.str("cursor") != null) {
      String ts = decodeCursor(call.str("cursor"), "next_ts:");
      start = indexOf(all.stream().map(m -> (String) m.get("ts")).toList(), ts);
    }
    List<Map<String, Object>> page = all.subList(start, Math.min(all.size(), start + limit));
    boolean hasMore = start + limit < all.size();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("messages", page);
    out.put("has_more", hasMore);
    out.put("pin_count", 0);
    out.put("channel_actions_ts", null);
    out.put("channel_actions_count", 0);
    if (hasMore) {
      out.put("response_metadata", Map.of("next_cursor", cursor("next_ts:" + all.get(start + limit).get("ts"))));
    }
    return out;
  }

  private static String cursor(String raw) {
    return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor, String prefix) {
    try {
      String raw = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (raw.startsWith(prefix)) {
        return raw.substring(prefix.length());
      }
    } catch (IllegalArgumentException ignored) {
      // falls through
    }
    throw new SlackError("invalid_cursor");
  }

  private static int indexOf(List<String> ids, String id) {
    int i = ids.indexOf(id);
    if (i < 0) {
      throw new SlackError("invalid_cursor");
    }
    return i;
  }

  private static Map<String, Object> render(SlackTeam team, Channel c) {
    boolean priv = c.type.equals("private_channel");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id);
    m.put("name", c.name);
    m.put("is_channel", !priv);
    m.put("is_group", priv);
    m.put("is_im", false);
    m.put("is_mpim", false);
    m.put("is_private", priv);
    m.put("created", c.created);
    m.put("is_archived", c.archived);
    m.put("is_general", c.name.equals("general"));
    m.put("unlinked", 0);
    m.put("name_normalized", c.name);
    m.put("is_shared", false);
    m.put("is_org_shared", false);
    m.put("is_ext_shared", false);
    m.put("is_pending_ext_shared", false);
    m.put("is_member", true);
    m.put("creator", team.authedUserId);
    m.put("topic", Map.of("value", "", "creator", "", "last_set", 0));
    m.put("purpose", Map.of("value", "#" + c.name, "creator", "", "last_set", 0));
    m.put("previous_names", List.of());
    m.put("num_members", team.workspace.userCount());
    m.put("context_team_id", team.teamId);
    return m;
  }
}
