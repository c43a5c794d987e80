package dev.switchboard.sandbox.mailchimp;

import static dev.switchboard.sandbox.mailchimp.MailchimpGuardFilter.ACCOUNT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mailchimp ping, lists, batch subscribe and list webhooks, each acting on the account the request's key reaches
 * ({@link MailchimpGuardFilter#ACCOUNT}); a list id of any other account answers 404 "Resource Not Found".
 */
@RestController
@RequestMapping("/mailchimp/3.0")
class ListsController {

  // https://mailchimp.com/developer/marketing/api/ping/ping/
  @GetMapping("/ping")
  Map<String, Object> ping() {
    return Map.of("health_status", "Everything's Chimpy!");
  }

  // https://mailchimp.com/developer/marketing/api/lists/get-lists-info/
  @GetMapping("/lists")
  Map<String, Object> lists(@RequestAttribute(ACCOUNT) MailchimpAccount account) {
    return Map.of("lists", List.of(list(account)), "total_items", 1);
  }

  // https://mailchimp.com/developer/marketing/api/lists/get-list-info/
  @GetMapping("/lists/{listId}")
  Map<String, Object> list(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId) {
    account.checkList(listId);
    return list(account);
  }

  private static Map<String, Object> list(MailchimpAccount account) {
    Audience audience = account.audience;
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("id", account.listId);
    l.put("web_id", account.number);
    l.put("name", account.listName);
    l.put("contact", Map.of("company", "Switchboard Sandbox", "address1", "1 Sandbox Way", "city", "Atlanta", "state", "GA", "zip", "30308", "country", "US"));
    l.put("permission_reminder", "You signed up in the sandbox.");
    l.put("campaign_defaults", Map.of("from_name", "Sandbox", "from_email", "sandbox@example.com", "subject", "", "language", "en"));
    l.put("email_type_option", false);
    l.put("double_optin", false);
    l.put("visibility", "pub");
    l.put("stats", Map.of("member_count", audience.count("subscribed"), "unsubscribe_count", audience.count("unsubscribed"),
        "cleaned_count", audience.count("cleaned")));
    String self = "/lists/" + account.listId;
    l.put("_links", List.of(MailchimpLinks.link("self", self, "GET"), MailchimpLinks.link("parent", "/lists", "GET"),
        MailchimpLinks.link("members", self + "/members", "GET"), MailchimpLinks.link("webhooks", self + "/webhooks", "GET")));
    return l;
  }

  // https://mailchimp.com/developer/marketing/api/lists/batch-subscribe-or-unsubscribe/
  @SuppressWarnings("unchecked")
  @PostMapping("/lists/{listId}")
  Map<String, Object> batch(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @RequestBody Map<String, Object> body) {
    account.checkList(listId);
    Audience audience = account.audience;
    List<Map<String, Object>> in = (List<Map<String, Object>>) body.getOrDefault("members", List.of());
    if (in.size() > 500) {
      throw MailchimpException.invalid("members", "Maximum 500 members", "You may only submit up to 500 members per batch.");
    }
    boolean updateExisting = Boolean.TRUE.equals(body.get("update_existing"));
    List<Map<String, Object>> created = new ArrayList<>();
    List<Map<String, Object>> updated = new ArrayList<>();
    List<Map<String, Object>> errors = new ArrayList<>();
    for (Map<String, Object> m : in) {
      Object email = m.get("email_address");
      try {
        String e = Audience.validEmail(email);
        boolean exists = audience.list(x -> x.hash().equals(Member.hash(e)) && !x.status.equals("archived")).size() == 1;
        if (exists && !updateExisting) {
          errors.add(Map.of("email_address", e, "error", e + " is already a list member, do you want to update? please provide update_existing:true in the request body",
              "error_code", "ERROR_CONTACT_EXISTS"));
          continue;
        }
        String status = (String) (m.get("status") != null ? m.get("status") : m.get("status_if_new"));
        Member r = exists
            ? audience.upsert(e, e, (String) m.get("status"), null, MembersController.merges(m), "api")
            : audience.create(e, Audience.validStatus(status, "status"), MembersController.merges(m), "api");
        if (m.get("tags") instanceof List<?> tags) {
          audience.tags(e, tags.stream().map(t -> Map.<String, Object>of("name", String.valueOf(t), "status", "active")).toList());
          r = audience.get(e);
        }
        (exists ? updated : created).add(MemberJson.render(r, listId));
      } catch (MailchimpException ex) {
        errors.add(Map.of("email_address", String.valueOf(email), "error", ex.getMessage(), "error_code", "ERROR_GENERIC"));
      }
    }
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("new_members", created);
    res.put("updated_members", updated);
    res.put("errors", errors);
    res.put("total_created", created.size());
    res.put("total_updated", updated.size());
    res.put("error_count", errors.size());
    return res;
  }

  // https://mailchimp.com/developer/marketing/api/list-webhooks/list-webhooks/
  @GetMapping("/lists/{listId}/webhooks")
  Map<String, Object> webhooks(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId) {
    account.checkList(listId);
    List<Map<String, Object>> all = account.webhooks.list().stream().map(h -> h.json(listId)).toList();
    return Map.of("webhooks", all, "list_id", listId, "total_items", all.size());
  }

  // https://mailchimp.com/developer/marketing/api/list-webhooks/add-webhook/
  @PostMapping("/lists/{listId}/webhooks")
  Map<String, Object> addWebhook(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @RequestBody Map<String, Object> body) {
    account.checkList(listId);
    return account.webhooks.register(body).json(listId);
  }

  // https://mailchimp.com/developer/marketing/api/list-webhooks/get-webhook-info/
  @GetMapping("/lists/{listId}/webhooks/{id}")
  Map<String, Object> webhook(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @PathVariable String id) {
    account.checkList(listId);
    return account.webhooks.get(id).json(listId);
  }

  // https://mailchimp.com/developer/marketing/api/list-webhooks/update-webhook/
  @PatchMapping("/lists/{listId}/webhooks/{id}")
  Map<String, Object> updateWebhook(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @PathVariable String id, @RequestBody Map<String, Object> body) {
    account.checkList(listId);
    return account.webhooks.update(id, body).json(listId);
  }

  // https://mailchimp.com/developer/marketing/api/list-webhooks/delete-webhook/
  @DeleteMapping("/lists/{listId}/webhooks/{id}")
  ResponseEntity<Void> deleteWebhook(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @PathVariable String id) {
    account.checkList(listId);
    account.webhooks.remove(id);
    return ResponseEntity.noContent().build();
  }
}
