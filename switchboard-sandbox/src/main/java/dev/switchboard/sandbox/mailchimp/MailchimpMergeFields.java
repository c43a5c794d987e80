package dev.switchboard.sandbox.mailchimp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audience's merge fields and their values as JSON (https://mailchimp.com/developer/marketing/docs/merge-fields/).
 * Text fields hold a string. ADDRESS (type address) holds {@code {addr1, addr2, city, state, zip, country}}: addr1,
 * city, state and zip must be non-blank, addr2 defaults to "" and country to "US"; an incomplete address is refused
 * with 400 "Your merge fields were invalid." and {@code errors:[{field:"ADDRESS", message:"Please enter a complete
 * address"}]}. {@code ""} or {@code null} clears any field (an empty field reads {@code ""}, for ADDRESS too).
 */
final class MailchimpMergeFields {

  static final List<String> ADDRESS_PARTS = List.of("addr1", "addr2", "city", "state", "zip", "country");
  private static final List<String> ADDRESS_REQUIRED = List.of("addr1", "city", "state", "zip");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String INVALID = "Your merge fields were invalid.";

  private MailchimpMergeFields() {}

  static JsonNode empty() {
    return NODES.stringNode("");
  }

  /**
   * The canonical tag for a request key (any case).
   *
   * @throws MailchimpException 400 for a tag the audience does not have ({@code fields})
   */
  static String tag(String key, MergeFieldDefinitions fields) {
    String tag = key.toUpperCase(Locale.ROOT);
    if (!fields.has(tag)) {
      throw MailchimpException.invalid("merge_fields." + key, "Unknown merge field", INVALID);
    }
    return tag;
  }

  /**
   * The stored JSON value for a request value.
   *
   * @throws MailchimpException 400 for an incomplete address, or an object or array given to a text field
   */
  static JsonNode value(String tag, Object in) {
    if (in == null || "".equals(in)) {
      return empty();
    }
    if (tag.equals("ADDRESS")) {
      return address(in);
    }
    if (in instanceof Map || in instanceof List) {
      throw MailchimpException.invalid(tag, "This value should be of type string.", INVALID);
    }
    return NODES.stringNode(String.valueOf(in));
  }

  private static JsonNode address(Object in) {
    if (!(in instanceof Map<?, ?> m) || ADDRESS_REQUIRED.stream().anyMatch(k -> blank(m.get(k)))) {
      throw MailchimpException.invalid("ADDRESS", "Please enter a complete address", INVALID);
    }
    ObjectNode a = NODES.objectNode();
    for (String part : ADDRESS_PARTS) {
      Object v = m.get(part);
      a.put(part, blank(v) ? (part.equals("country") ? "US" : "") : String.valueOf(v).trim());
    }
    return a;
  }

  private static boolean blank(Object v) {
    return v == null || String.valueOf(v).isBlank();
  }

  /** Adds {@code prefix[TAG]} (and {@code prefix[TAG][part]} for an object value) form fields, PHP style. */
  static void toForm(Map<String, JsonNode> fields, String prefix, Map<String, String> form) {
    fields.forEach((tag, v) -> {
      if (v.isObject()) {
        v.properties().forEach(e -> form.put(prefix + "[" + tag + "][" + e.getKey() + "]", e.getValue().asString()));
      } else {
        form.put(prefix + "[" + tag + "]", v.asString());
      }
    });
  }
}
