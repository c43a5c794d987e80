package dev.switchboard.sandbox.mailchimp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One list webhook (https://mailchimp.com/developer/marketing/api/list-webhooks/). Immutable; an update makes a new
 * one. {@code disabled}: it answered 410 to a delivery and gets nothing more (Mailchimp's API shows no flag for it).
 */
record MailchimpWebhook(String id, String url, Map<String, Boolean> events, Map<String, Boolean> sources,
    boolean disabled) {

  static final List<String> EVENTS = List.of("subscribe", "unsubscribe", "profile", "cleaned", "upemail", "campaign");
  static final List<String> SOURCES = List.of("user", "admin", "api");

  MailchimpWebhook {
    events = Map.copyOf(events);
    sources = Map.copyOf(sources);
  }

  /**
   * True if {@code type} is on and, unless {@code source} is null (a change nobody made, e.g. a bounce), so is
   * {@code source}.
   */
  boolean wants(String type, String source) {
    return !disabled && events.getOrDefault(type, false) && (source == null || sources.getOrDefault(source, false));
  }

  MailchimpWebhook withUrl(String newUrl) {
    return new MailchimpWebhook(id, newUrl, events, sources, disabled);
  }

  MailchimpWebhook withFlags(Map<String, Boolean> newEvents, Map<String, Boolean> newSources) {
    return new MailchimpWebhook(id, url, newEvents, newSources, disabled);
  }

  MailchimpWebhook disable() {
    return new MailchimpWebhook(id, url, events, sources, true);
  }

  /** The API shape {@code {id, url, events, sources, list_id, _links}}, flags in Mailchimp's order. */
  Map<String, Object> json(String listId) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("id", id);
    j.put("url", url);
    j.put("events", ordered(EVENTS, events));
    j.put("sources", ordered(SOURCES, sources));
    j.put("list_id", listId);
    String self = "/lists/" + listId + "/webhooks/" + id;
    j.put("_links", List.of(MailchimpLinks.link("self", self, "GET"),
        MailchimpLinks.link("parent", "/lists/" + listId + "/webhooks", "GET"),
        MailchimpLinks.link("update", self, "PATCH"), MailchimpLinks.link("delete", self, "DELETE")));
    return j;
  }

  private static Map<String, Boolean> ordered(List<String> keys, Map<String, Boolean> flags) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    keys.forEach(k -> m.put(k, flags.getOrDefault(k, false)));
    return m;
  }
}
