package dev.switchboard.sandbox.mailchimp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An audience's merge fields (https://mailchimp.com/developer/marketing/api/list-merges/): the six every new audience
 * has (FNAME, LNAME, ADDRESS, PHONE, BIRTHDAY, COMPANY, merge ids 1–6) and those added through
 * {@code POST /lists/{list_id}/merge-fields}. A tag is upper-case letters, digits and {@code _}, at most 10 characters
 * (Mailchimp upper-cases what it is given); without one Mailchimp names the field {@code MMERGE<merge_id>}. A tag the
 * audience has already is refused 400. Not thread-safe: {@link Audience} holds it under its lock.
 */
final class MergeFieldDefinitions {

  static final Set<String> TYPES = Set.of("text", "number", "address", "phone", "date", "url", "imageurl", "radio",
      "dropdown", "birthday", "zip");
  private static final Pattern TAG = Pattern.compile("[A-Z][A-Z0-9_]{0,9}");
  private static final String INVALID = "The resource submitted could not be validated. For field-specific details, "
      + "see the 'errors' array.";

  /** One merge field. */
  record Definition(int mergeId, String tag, String name, String type, boolean required, String defaultValue,
      boolean isPublic, int displayOrder, Map<String, Object> options, String helpText) {

    Map<String, Object> json(String listId) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("merge_id", mergeId);
      j.put("tag", tag);
      j.put("name", name);
      j.put("type", type);
      j.put("required", required);
      j.put("default_value", defaultValue);
      j.put("public", isPublic);
      j.put("display_order", displayOrder);
      j.put("options", options);
      j.put("help_text", helpText);
      j.put("list_id", listId);
      String self = "/lists/" + listId + "/merge-fields/" + mergeId;
      j.put("_links", List.of(MailchimpLinks.link("self", self, "GET"),
          MailchimpLinks.link("parent", "/lists/" + listId + "/merge-fields", "GET"),
          MailchimpLinks.link("update", self, "PATCH"), MailchimpLinks.link("delete", self, "DELETE")));
      return j;
    }
  }

  private final Map<String, Definition> byTag = new LinkedHashMap<>();
  private int nextId;

  MergeFieldDefinitions() {
    reset();
  }

  void reset() {
    byTag.clear();
    nextId = 1;
    add("FNAME", "First Name", "text", Map.of("size", 25));
    add("LNAME", "Last Name", "text", Map.of("size", 25));
    add("ADDRESS", "Address", "address", Map.of("default_country", 164));
    add("PHONE", "Phone Number", "phone", Map.of("phone_format", "none"));
    add("BIRTHDAY", "Birthday", "birthday", Map.of("date_format", "MM/DD"));
    add("COMPANY", "Company", "text", Map.of("size", 25));
  }

  private Definition add(String tag, String name, String type, Map<String, Object> options) {
    int id = nextId++;
    Definition d = new Definition(id, tag, name, type, false, "", true, id + 1, options, "");
    byTag.put(tag, d);
    return d;
  }

  List<Definition> all() {
    return new ArrayList<>(byTag.values());
  }

  boolean has(String tag) {
    return byTag.containsKey(tag);
  }

  /** @throws MailchimpException 404 for an id the audience has none of */
  Definition get(String mergeId) {
    return byTag.values().stream().filter(d -> String.valueOf(d.mergeId()).equals(mergeId)).findFirst()
        .orElseThrow(MailchimpException::notFound);
  }

  /**
   * Adds a merge field from a request body ({@code name} and {@code type} required; {@code tag}, {@code required},
   * {@code default_value}, {@code public}, {@code display_order}, {@code options}, {@code help_text} optional).
   *
   * @throws MailchimpException 400 "Invalid Resource" for a missing name or type, an unknown type, a tag that is not
   *     upper-case letters, digits and {@code _} of at most 10 characters, or a tag the audience has
   */
  @SuppressWarnings("unchecked")
  Definition create(Map<String, Object> body) {
    Object name = body.get("name");
    if (!(name instanceof String n) || n.isBlank()) {
      throw MailchimpException.invalid("name", "This value should not be blank.", INVALID);
    }
    Object type = body.get("type");
    if (!(type instanceof String t) || !TYPES.contains(t)) {
      throw MailchimpException.invalid("type", "Value must be one of: " + String.join(", ", TYPES.stream().sorted()
          .toList()), INVALID);
    }
    int id = nextId;
    String tag;
    if (body.get("tag") instanceof String given && !given.isBlank()) {
      tag = given.trim().toUpperCase(Locale.ROOT);
      if (!TAG.matcher(tag).matches()) {
        throw MailchimpException.invalid("tag", "Merge tags must be 10 characters or fewer, start with a letter and "
            + "hold only letters, numbers and underscores.", INVALID);
      }
    } else {
      tag = "MMERGE" + id;
    }
    if (byTag.containsKey(tag)) {
      throw new MailchimpException(400, "Invalid Resource", "A Merge Field with the tag \"" + tag
          + "\" already exists for this list.", List.of(Map.of("field", "tag", "message", "Duplicate tag")));
    }
    nextId++;
    Map<String, Object> options = body.get("options") instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of();
    Definition d = new Definition(id, tag, n.trim(), t, Boolean.TRUE.equals(body.get("required")),
        body.get("default_value") instanceof String dv ? dv : "", !Boolean.FALSE.equals(body.get("public")),
        body.get("display_order") instanceof Number dn ? dn.intValue() : id + 1, options,
        body.get("help_text") instanceof String h ? h : "");
    byTag.put(tag, d);
    return d;
  }
}
