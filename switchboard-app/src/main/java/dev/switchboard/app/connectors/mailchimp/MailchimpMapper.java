package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pure Mailchimp list member ⇄ canonical functions. See docs/integrations/mailchimp_mapping.md.
 *
 * <p>A merge field present in {@code merge_fields} with {@code ""} maps to {@code ""} (cleared); a merge field
 * the member does not carry is absent. Values are only trimmed.
 */
final class MailchimpMapper {

  /** Default canonical field → merge tag mapping; the {@code mergeFields} setting adds to / overrides it. */
  static final Map<String, String> DEFAULT_MERGE_FIELDS = defaults();

  /** Statuses the API accepts in writes ({@code archived} is only reachable by DELETE). */
  static final Set<String> WRITABLE_STATUSES = Set.of("subscribed", "unsubscribed", "cleaned", "pending",
      "transactional");

  /** The audience's default address merge field: {@code {addr1, addr2, city, state, zip, country}}. */
  static final String ADDRESS_TAG = "ADDRESS";
  /** What Mailchimp requires of an address it stores ("Please enter a complete address"). */
  static final List<String> ADDRESS_REQUIRED = List.of("addr1", "city", "state", "zip");

  static final DateTimeFormatter SINCE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private MailchimpMapper() {}

  private static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ContactField.FIRST_NAME, "FNAME");
    m.put(ContactField.LAST_NAME, "LNAME");
    m.put(ContactField.PHONE, "PHONE");
    m.put(ContactField.COMPANY, "COMPANY");
    m.put(ContactField.ADDRESS, ADDRESS_TAG);
    return m;
  }

  /**
   * Parses the {@code mergeFields} setting ({@code firstName=FNAME,custom.loyalty_tier=LOYALTY}) on top of the
   * defaults; {@code phone=} (empty tag) removes a default. Email, marketing status and tags are not merge
   * fields and are ignored here.
   */
  static Map<String, String> mergeFields(@Nullable String setting) {
    Map<String, String> m = new LinkedHashMap<>(DEFAULT_MERGE_FIELDS);
    if (setting == null || setting.isBlank()) {
      return m;
    }
    for (String pair : setting.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String field = pair.substring(0, eq).trim();
      String tag = pair.substring(eq + 1).trim().toUpperCase(Locale.ROOT);
      if (field.equals(ContactField.EMAIL) || field.equals(ContactField.MARKETING_STATUS)
          || field.equals(ContactField.TAGS)) {
        continue;
      }
      if (tag.isEmpty()) {
        m.remove(field);
      } else {
        m.put(field, tag);
      }
    }
    return m;
  }

  /** Mailchimp subscriber hash: lower-case hex MD5 of the lower-cased email. */
  static String subscriberHash(String email) {
    try {
      byte[] d = MessageDigest.getInstance("MD5")
          .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A list member object → canonical. */
  static CanonicalRecord toCanonical(JsonNode member, Map<String, String> mergeFields) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (member.has("email_address")) {
      fields.put(ContactField.EMAIL, text(member.get("email_address")));
    }
    if (member.has("status")) {
      fields.put(ContactField.MARKETING_STATUS, text(member.get("status")));
    }
    JsonNode merges = member.path("merge_fields");
    mergeFields.forEach((field, tag) -> {
      JsonNode v = merges.get(tag);
      if (v != null && v.isObject() && field.equals(ContactField.ADDRESS)) {
        fields.put(field, address(v));
      } else if (v != null && (v.isValueNode() || v.isNull())) {
        fields.put(field, text(v));
      }
    });
    if (member.has("tags")) {
      fields.put(ContactField.TAGS, tagNames(member.get("tags")));
    }
    return CanonicalRecord.contact(fields);
  }

  /** Sorted tag names of a member's {@code tags[{id, name}]}. */
  static List<String> tagNames(JsonNode tags) {
    List<String> names = new ArrayList<>();
    for (JsonNode t : tags) {
      String n = t.isObject() ? text(t.get("name")) : text(t);
      if (!n.isEmpty()) {
        names.add(n);
      }
    }
    names.sort(null);
    return names;
  }

  /**
   * The member body for a write: {@code email_address} when present and {@code merge_fields} for the mapped
   * fields present in {@code desired} ({@code ""} clears). Status is added by the connector.
   */
  static ObjectNode toMember(CanonicalRecord desired, Map<String, String> mergeFields) {
    ObjectNode m = MailchimpClient.JSON.createObjectNode();
    String email = desired.string(ContactField.EMAIL);
    if (email != null && !email.isBlank()) {
      m.put("email_address", email.trim());
    }
    ObjectNode merges = MailchimpClient.JSON.createObjectNode();
    mergeFields.forEach((field, tag) -> {
      if (!desired.has(field)) {
        return;
      }
      Object value = desired.fields().get(field);
      if (value instanceof Map<?, ?> a) {
        if (isCompleteAddress(a)) {
          merges.set(tag, toAddress(a));
        }
      } else {
        merges.put(tag, value == null ? "" : String.valueOf(value).trim());
      }
    });
    if (!merges.isEmpty()) {
      m.set("merge_fields", merges);
    }
    return m;
  }

  /**
   * A member's ADDRESS → the canonical structured form ({@code lines, city, region, postalCode, country}, absent
   * components left out; the spine cleans it); {@code ""} when every part is empty.
   */
  static Object address(JsonNode a) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    for (String line : List.of("addr1", "addr2")) {
      String v = text(a.get(line));
      if (!v.isEmpty()) {
        lines.add(v);
      }
    }
    if (!lines.isEmpty()) {
      out.put("lines", lines);
    }
    for (String[] kv : new String[][] {{"city", "city"}, {"state", "region"}, {"zip", "postalCode"},
        {"country", "country"}}) {
      String v = text(a.get(kv[0]));
      if (!v.isEmpty()) {
        out.put(kv[1], v);
      }
    }
    return out.isEmpty() ? "" : out;
  }

  /** Whether Mailchimp stores this canonical address: it needs a street, city, state and zip. */
  static boolean isCompleteAddress(Map<?, ?> a) {
    ObjectNode m = toAddress(a);
    return ADDRESS_REQUIRED.stream().noneMatch(k -> m.path(k).asString("").isBlank());
  }

  /** The canonical address as Mailchimp's ADDRESS object; lines past the second go with the second. */
  static ObjectNode toAddress(Map<?, ?> a) {
    ObjectNode m = MailchimpClient.JSON.createObjectNode();
    dev.switchboard.app.connectors.AddressLines.writeTwoLines(a, m::put, "addr1", "addr2", "city", "state", "zip",
        "country");
    return m;
  }

  /** The desired status when it is one Mailchimp accepts, else null (leave the member's status alone). */
  static @Nullable String writableStatus(CanonicalRecord desired) {
    String s = desired.string(ContactField.MARKETING_STATUS);
    if (s == null) {
      return null;
    }
    s = s.trim().toLowerCase(Locale.ROOT);
    return WRITABLE_STATUSES.contains(s) ? s : null;
  }

  /** A list member as the source record the spine applies; its id is the member hash. */
  static dev.switchboard.app.connectors.SourceRecord source(JsonNode member, Map<String, String> merges) {
    Instant modified = lastChanged(member);
    String email = member.path("email_address").asString("");
    String id = member.path("id").asString(email.isEmpty() ? "" : subscriberHash(email));
    return new dev.switchboard.app.connectors.SourceRecord(CanonicalRecord.CONTACT, id,
        modified != null ? modified : Instant.EPOCH, toCanonical(member, merges));
  }

  static @Nullable Instant lastChanged(JsonNode member) {
    return instant(text(member.get("last_changed")));
  }

  static @Nullable Instant instant(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s.trim()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s.trim());
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** {@code since_last_changed} value: ISO 8601 with an explicit offset, second precision. */
  static String sinceParam(Instant since) {
    return SINCE_FORMAT.format(since.atOffset(ZoneOffset.UTC));
  }

  static String text(@Nullable JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode() || !n.isValueNode()) {
      return "";
    }
    return n.asString().trim();
  }
}
