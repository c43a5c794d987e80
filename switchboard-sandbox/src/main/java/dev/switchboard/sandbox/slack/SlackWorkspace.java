package dev.switchboard.sandbox.slack;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One team's workspace: users (by id and by email), conversations (in creation order) and the
 * messages posted into each conversation (oldest first). Seeded ids come from {@link SlackTeam#id}. Message {@code ts} values are unique and
 * strictly increasing ({@code "<epoch seconds>.<micros>"}). Thread-safe (synchronized).
 */
final class SlackWorkspace {

  /** A conversation; {@code type} is public_channel, private_channel, mpim or im. */
  static final class Channel {
    final String id;
    final String name;
    final String type;
    final boolean archived;
    final long created;
    final List<Map<String, Object>> messages = new ArrayList<>();

    Channel(String id, String name, String type, boolean archived, long created) {
      this.id = id;
      this.name = name;
      this.type = type;
      this.archived = archived;
      this.created = created;
    }
  }

  private final SlackTeam team;
  private final ChangeClock clock;
  private final Map<String, Map<String, Object>> users = new LinkedHashMap<>();
  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private int seq;

  SlackWorkspace(SlackTeam team, ChangeClock clock) {
    this.team = team;
    this.clock = clock;
    reset();
  }

  /** Back to the seeded workspace: 3 people + the bot user; #general, #sales, #random, an archived and a private channel. */
  final synchronized void reset() {
    users.clear();
    channels.clear();
    seq = 0;
    addUser(team.id("U0SANDBOX01"), "alice", "Alice Anders", "alice@example.com", false);
    addUser(team.id("U0SANDBOX02"), "bob", "Bob Brown", "bob@example.com", false);
    addUser(team.id("U0SANDBOX03"), "carol", "Carol Chen", "carol@example.com", false);
    addUser(team.botUserId, "switchboard", "Switchboard", null, true);
    addChannel(team.id("C0GENERAL01"), "general", "public_channel", false);
    addChannel(team.id("C0SALES001"), "sales", "public_channel", false);
    addChannel(team.id("C0RANDOM01"), "random", "public_channel", false);
    addChannel(team.id("C0ARCHIVED1"), "old-announcements", "public_channel", true);
    addChannel(team.id("G0PRIVATE01"), "leadership", "private_channel", false);
  }

  synchronized Map<String, Object> addUser(String id, String name, String realName, String email, boolean bot) {
    String uid = id != null ? id : team.id(String.format("U0SEED%05d", ++seq));
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("real_name", realName);
    profile.put("display_name", name);
    profile.put("avatar_hash", "g" + Integer.toHexString(uid.hashCode() & 0xfffffff));
    profile.put("real_name_normalized", realName);
    profile.put("display_name_normalized", name);
    profile.put("title", "");
    profile.put("phone", "");
    profile.put("skype", "");
    profile.put("status_text", "");
    profile.put("status_emoji", "");
    profile.put("fields", null);
    if (email != null) {
      profile.put("email", email);
    }
    String[] parts = realName.split(" ", 2);
    profile.put("first_name", parts[0]);
    profile.put("last_name", parts.length > 1 ? parts[1] : "");
    profile.put("team", team.teamId);
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("id", uid);
    u.put("team_id", team.teamId);
    u.put("name", name);
    u.put("deleted", false);
    u.put("color", "9f69e7");
    u.put("real_name", realName);
    u.put("tz", "Europe/Berlin");
    u.put("tz_label", "Central European Time");
    u.put("tz_offset", 3600);
    u.put("profile", profile);
    u.put("is_admin", false);
    u.put("is_owner", false);
    u.put("is_primary_owner", false);
    u.put("is_restricted", false);
    u.put("is_ultra_restricted", false);
    u.put("is_bot", bot);
    u.put("is_app_user", false);
    u.put("updated", clock.now().getEpochSecond());
    users.put(uid, u);
    return u;
  }

  synchronized Channel addChannel(String id, String name, String type, boolean archived) {
    String cid = id != null ? id : team.id(String.format("C0SEED%05d", ++seq));
    Channel c = new Channel(cid, name, type, archived, clock.now().getEpochSecond());
    channels.put(cid, c);
    return c;
  }

  synchronized Map<String, Object> user(String id) {
    return users.get(id);
  }

  synchronized Map<String, Object> userByEmail(String email) {
    String e = email == null ? "" : email.toLowerCase(Locale.ROOT);
    return users.values().stream()
        .filter(u -> e.equalsIgnoreCase((String) ((Map<?, ?>) u.get("profile")).get("email")))
        .findFirst().orElse(null);
  }

  /** By id, or by name with or without {@code #}; null if unknown. */
  synchronized Channel channel(String idOrName) {
    if (idOrName == null) {
      return null;
    }
    Channel c = channels.get(idOrName);
    if (c != null) {
      return c;
    }
    String name = idOrName.startsWith("#") ? idOrName.substring(1) : idOrName;
    return channels.values().stream().filter(ch -> ch.name.equals(name)).findFirst().orElse(null);
  }

  synchronized List<Channel> channels() {
    return new ArrayList<>(channels.values());
  }

  /** Appends a message (fields given, plus {@code type}, {@code ts}, {@code team}); returns a copy of it. */
  synchronized Map<String, Object> post(Channel c, Map<String, Object> fields) {
    Instant at = clock.nextChange();
    long ms = at.toEpochMilli();
    String ts = String.format("%d.%06d", ms / 1000, (ms % 1000) * 1000);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "message");
    m.putAll(fields);
    m.put("ts", ts);
    m.put("team", team.teamId);
    Object threadTs = fields.get("thread_ts");
    if (threadTs != null) {
      c.messages.stream().filter(p -> threadTs.equals(p.get("ts"))).findFirst().ifPresent(parent -> {
        parent.put("thread_ts", threadTs);
        parent.put("reply_count", ((Number) parent.getOrDefault("reply_count", 0)).intValue() + 1);
        parent.put("latest_reply", ts);
      });
    }
    c.messages.add(m);
    return new LinkedHashMap<>(m);
  }

  /** Top-level messages (thread replies excluded), newest first, as copies. */
  synchronized List<Map<String, Object>> history(Channel c) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = c.messages.size() - 1; i >= 0; i--) {
      Map<String, Object> m = c.messages.get(i);
      Object thread = m.get("thread_ts");
      if (thread == null || thread.equals(m.get("ts"))) {
        out.add(new LinkedHashMap<>(m));
      }
    }
    return out;
  }

  synchronized int userCount() {
    return users.size();
  }
}
