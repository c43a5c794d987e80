package dev.switchboard.sandbox.mailchimp;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders members in Mailchimp's Marketing API 3.0 shape. */
final class MemberJson {

  private MemberJson() {}

  static String ts(Instant i) {
    return i == null ? "" : ChangeClock.SECONDS_OFFSET.format(i);
  }

  static Map<String, Object> render(Member m, String listId) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("id", m.hash());
    j.put("email_address", m.email);
    j.put("unique_email_id", m.uniqueEmailId);
    j.put("contact_id", m.uniqueEmailId);
    j.put("full_name", (m.mergeText("FNAME") + " " + m.mergeText("LNAME")).trim());
    j.put("web_id", m.webId);
    j.put("email_type", "html");
    j.put("status", m.status);
    j.put("consents_to_one_to_one_messaging", true);
    j.put("merge_fields", new LinkedHashMap<>(m.mergeFields));
    j.put("stats", Map.of("avg_open_rate", 0, "avg_click_rate", 0));
    j.put("ip_signup", "");
    j.put("timestamp_signup", ts(m.timestampSignup));
    j.put("ip_opt", m.timestampOpt == null ? "" : "127.0.0.1");
    j.put("timestamp_opt", ts(m.timestampOpt));
    j.put("member_rating", 2);
    j.put("last_changed", ts(m.lastChanged));
    j.put("language", "");
    j.put("vip", false);
    j.put("email_client", "");
    j.put("location", Map.of("latitude", 0, "longitude", 0, "gmtoff", 0, "dstoff", 0, "country_code", "", "timezone", "", "region", ""));
    j.put("source", "API - Generic");
    j.put("tags_count", m.tags.size());
    j.put("tags", tags(m));
    j.put("list_id", listId);
    j.put("_links", links(m, listId));
    return j;
  }

  /** A member's {@code tags}: {@code [{id, name}]}, oldest first. */
  static List<Map<String, Object>> tags(Member m) {
    return m.tags.values().stream().map(t -> Map.<String, Object>of("id", t.id(), "name", t.name())).toList();
  }

  /** {@code GET …/members/{hash}/tags} entries: {@code [{id, name, date_added}]}, oldest first. */
  static List<Map<String, Object>> tagsWithDates(Member m) {
    return m.tags.values().stream().map(t -> {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("id", t.id());
      j.put("name", t.name());
      j.put("date_added", ts(t.dateAdded()));
      return j;
    }).toList();
  }

  private static List<Map<String, Object>> links(Member m, String listId) {
    String parent = "/lists/" + listId + "/members";
    String self = parent + "/" + m.hash();
    return List.of(MailchimpLinks.link("self", self, "GET"), MailchimpLinks.link("parent", parent, "GET"),
        MailchimpLinks.link("update", self, "PATCH"), MailchimpLinks.link("upsert", self, "PUT"),
        MailchimpLinks.link("delete", self, "DELETE"), MailchimpLinks.link("tags", self + "/tags", "GET"));
  }
}
