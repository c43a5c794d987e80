package dev.switchboard.sandbox.mailchimp;

import static dev.switchboard.sandbox.mailchimp.MailchimpGuardFilter.ACCOUNT;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mailchimp list members and member tags of the account the request's key reaches
 * ({@link MailchimpGuardFilter#ACCOUNT}); another account's list id answers 404. {@code subscriber_hash} may be any case, or the raw email.
 */
@RestController
@RequestMapping("/mailchimp/3.0/lists/{listId}/members")
class MembersController {

  // https://mailchimp.com/developer/marketing/api/list-members/list-members-info/
  /**
   * Members in change order. {@code since_*} filters are inclusive of the second given and {@code before_*} exclusive
   * ({@code last_changed} and {@code timestamp_opt} have second resolution, so consecutive windows neither overlap
   * nor leave gaps); members never opted in are left out by the {@code *_timestamp_opt} filters.
   */
  @GetMapping
  Map<String, Object> list(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @RequestParam(defaultValue = "10") int count, @RequestParam(defaultValue = "0") int offset,
      @RequestParam Map<String, String> query, @RequestParam(required = false) String status) {
    account.checkList(listId);
    if (count < 0 || count > 1000) {
      throw MailchimpException.invalid("count", "Must be between 0 and 1000", "Invalid count.");
    }
    Predicate<Member> filter = m -> status == null || m.status.equals(status);
    filter = filter.and(window(query, "since_last_changed", "before_last_changed", m -> m.lastChanged));
    filter = filter.and(window(query, "since_timestamp_opt", "before_timestamp_opt", m -> m.timestampOpt));
    List<Member> all = sorted(account.audience.list(filter), query.get("sort_field"), query.get("sort_dir"));
    Map<String, Object> res = new LinkedHashMap<>();

    res.put("members", all.stream().skip(offset).limit(count).map(m -> MemberJson.render(m, listId)).toList());
    res.put("list_id", listId);
    res.put("total_items", all.size());
    return res;
  }

  /**
   * {@code sort_field} ({@code timestamp_opt}, {@code timestamp_signup}, {@code last_changed}) and {@code sort_dir}
   * ({@code ASC}, {@code DESC}); without a sort field, the audience's own order (as added). Clients that page by
   * {@code last_changed} rely on this order: in creation order a member changed late sits among the old ones. Ties
   * (and members without the timestamp, last) keep the audience's order.
   */
  static List<Member> sorted(List<Member> members, String sortField, String sortDir) {
    if (sortField == null || sortField.isBlank()) {
      return members;
    }
    Function<Member, Instant> key = switch (sortField) {
      case "last_changed" -> m -> m.lastChanged;
      case "timestamp_opt" -> m -> m.timestampOpt;
      case "timestamp_signup" -> m -> m.timestampSignup;
      default -> throw MailchimpException.invalid("sort_field",
          "Must be one of timestamp_opt, timestamp_signup, last_changed", "Invalid sort_field.");
    };
    boolean desc = sortDir != null && sortDir.equalsIgnoreCase("DESC");
    if (sortDir != null && !desc && !sortDir.equalsIgnoreCase("ASC")) {
      throw MailchimpException.invalid("sort_dir", "Must be one of ASC, DESC", "Invalid sort_dir.");
    }
    java.util.Comparator<Instant> byTime = desc ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder();
    List<Member> out = new java.util.ArrayList<>(members);
    out.sort(java.util.Comparator.comparing(key, java.util.Comparator.nullsLast(byTime)));
    return out;
  }

  private static Predicate<Member> window(
Map<String, String> query, String sinceParam, String beforeParam,
      Function<Member, Instant> field) {
    Instant since = query.get(sinceParam) == null ? null : MailchimpDates.parse(sinceParam, query.get(sinceParam));
    Instant before = query.get(beforeParam) == null ? null : MailchimpDates.parse(beforeParam, query.get(beforeParam));
    if (since == null && before == null) {
      return m -> true;
    }
    return m -> {
      Instant t = field.apply(m);
      if (t == null) {
        return false;
      }
      Instant second = t.truncatedTo(ChronoUnit.SECONDS);
      return (since == null || !second.isBefore(since)) && (before == null || second.isBefore(before));
    };
  }

  // https://mailchimp.com/developer/marketing/api/list-members/get-member-info/
  @GetMapping("/{hash}")
  Map<String, Object> get(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @PathVariable String hash) {
    account.checkList(listId);
    return MemberJson.render(account.audience.get(hash), listId);
  }

  // https://mailchimp.com/developer/marketing/api/list-members/add-member-to-list/
  @PostMapping
  Map<String, Object> create(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @RequestBody Map<String, Object> body) {
    account.checkList(listId);
    Audience.validEmail(body.get("email_address"));
    String status = Audience.validStatus(body.get("status"), "status");
    List<String> tags = body.get("tags") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    return MemberJson.render(account.audience.create((String) body.get("email_address"), status, merges(body), tags, "api"),
        listId);
  }

  // https://mailchimp.com/developer/marketing/api/list-members/add-or-update-list-member/
  @PutMapping("/{hash}")
  Map<String, Object> put(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @PathVariable String hash, @RequestBody Map<String, Object> body) {
    account.checkList(listId);
    Object email = body.get("email_address");
    if (email == null) {
      throw MailchimpException.invalid("email_address", "Required", "The resource submitted could not be validated. For field-specific details, see the 'errors' array.");
    }
    String statusIfNew = (String) body.get("status_if_new");
    Member m = account.audience.upsert(hash, Audience.validEmail(email), (String) body.get("status"),
        statusIfNew, merges(body), "api");
    return MemberJson.render(m, listId);
  }

  // https://mailchimp.com/developer/marketing/api/list-members/update-list-member/
  @PatchMapping("/{hash}")
  Map<String, Object> patch(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @PathVariable String hash, @RequestBody Map<String, Object> body) {
    account.checkList(listId);
    account.audience.get(hash); // 404 if absent
    String email = body.get("email_address") == null ? null : Audience.validEmail(body.get("email_address"));
    return MemberJson.render(account.audience.upsert(hash, email, (String) body.get("status"), null, merges(body), "api"),
        listId);
  }

  // https://mailchimp.com/developer/marketing/api/list-members/archive-list-member/
  @DeleteMapping("/{hash}")
  ResponseEntity<Void> archive(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @PathVariable String hash) {
    account.checkList(listId);
    account.audience.archive(hash, "api");
    return ResponseEntity.noContent().build();
  }

  // https://mailchimp.com/developer/marketing/api/list-members/delete-list-member/
  @PostMapping("/{hash}/actions/delete-permanent")
  ResponseEntity<Void> deletePermanent(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @PathVariable String hash) {
    account.checkList(listId);
    account.audience.deletePermanent(hash, "api");
    return ResponseEntity.noContent().build();
  }

  // https://mailchimp.com/developer/marketing/api/list-member-tags/list-member-tags/
  @GetMapping("/{hash}/tags")
  Map<String, Object> tags(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @PathVariable String hash) {
    account.checkList(listId);
    Member m = account.audience.get(hash);
    return Map.of("tags", MemberJson.tagsWithDates(m), "total_items", m.tags.size());
  }

  // https://mailchimp.com/developer/marketing/api/list-member-tags/add-or-remove-member-tags/
  @SuppressWarnings("unchecked")
  @PostMapping("/{hash}/tags")
  ResponseEntity<Void> setTags(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @PathVariable String hash, @RequestBody Map<String, Object> body) {
    account.checkList(listId);
    account.audience.tags(hash, (List<Map<String, Object>>) body.getOrDefault("tags", List.of()));
    return ResponseEntity.noContent().build();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> merges(Map<String, Object> body) {
    Object m = body.get("merge_fields");
    return m instanceof Map ? (Map<String, Object>) m : null;
  }
}
