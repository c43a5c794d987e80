package dev.switchboard.sandbox.mailchimp;

import static dev.switchboard.sandbox.mailchimp.MailchimpGuardFilter.ACCOUNT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An audience's merge fields (https://mailchimp.com/developer/marketing/api/list-merges/): list them ({@code count}
 * default 10, at most 1000, {@code offset}), read one by merge id, add one. A list id of another account is 404.
 */
@RestController
@RequestMapping("/mailchimp/3.0/lists/{listId}/merge-fields")
class MergeFieldsController {

  // https://mailchimp.com/developer/marketing/api/list-merges/list-merge-fields/
  @GetMapping
  Map<String, Object> list(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @RequestParam(defaultValue = "10") int count, @RequestParam(defaultValue = "0") int offset) {
    account.checkList(listId);
    if (count > 1000 || count < 1) {
      throw MailchimpException.invalid("count", "Value must be between 1 and 1000",
          "The resource submitted could not be validated. For field-specific details, see the 'errors' array.");
    }
    List<MergeFieldDefinitions.Definition> all = account.audience.mergeFields();
    List<Map<String, Object>> page = all.stream().skip(Math.max(0, offset)).limit(count).map(d -> d.json(listId))
        .toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("merge_fields", page);
    out.put("list_id", listId);
    out.put("total_items", all.size());
    out.put("_links", List.of(MailchimpLinks.link("self", "/lists/" + listId + "/merge-fields", "GET"),
        MailchimpLinks.link("create", "/lists/" + listId + "/merge-fields", "POST")));
    return out;
  }

  // https://mailchimp.com/developer/marketing/api/list-merges/get-merge-field/
  @GetMapping("/{mergeId}")
  Map<String, Object> get(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @PathVariable String mergeId) {
    account.checkList(listId);
    return account.audience.mergeField(mergeId).json(listId);
  }

  // https://mailchimp.com/developer/marketing/api/list-merges/add-merge-field/
  @PostMapping
  Map<String, Object> add(@RequestAttribute(ACCOUNT) MailchimpAccount account, @PathVariable String listId,
      @RequestBody Map<String, Object> body) {
    account.checkList(listId);
    return account.audience.addMergeField(body).json(listId);
  }
}
