package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.mapping.FieldRule;
import dev.switchboard.app.mapping.MappingCatalog;
import dev.switchboard.app.mapping.MappingFile;
import dev.switchboard.app.mapping.Transform;
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
 * Pure Mailchimp list member ⇄ canonical functions; the fields, merge tags and transforms are those of
 * {@code mappings/mailchimp/member.yaml}. See docs/integrations/mailchimp_mapping.md.
 *
 * <p>A merge field present in {@code merge_fields} with {@code ""} maps to {@code ""} (cleared); a merge field
 * the member does not carry is absent. Values are only trimmed.
 */
final class MailchimpMapper {
  static final MappingFile MAPPING = MappingCatalog.defaults().file("mailchimp", MailchimpConnector.MEMBER);
  /** The member's object of merge fields: {@code merge_fields.FNAME} in the mapping is its key {@code FNAME}. */
  static final String MERGE_FIELDS = "merge_fields";
  private static final String MERGE_PREFIX = MERGE_FIELDS + ".";

  /** Default canonical field → merge tag mapping; the {@code mergeFields} setting adds to / overrides it. */
  static final Map<String, String> DEFAULT_MERGE_FIELDS = defaults();

  static final String EMAIL_ADDRESS = MAPPING.vendorFieldOf(ContactField.EMAIL);
  static final String STATUS = MAPPING.vendorFieldOf(ContactField.MARKETING_STATUS);
  static final String TAGS = MAPPING.vendorFieldOf(ContactField.TAGS);

  /** Statuses the API accepts in writes ({@code archived} is only reachable by DELETE). */
  static final Set<String> WRITABLE_STATUSES = Set.of("subscribed", "unsubscribed", "cleaned", "pending",
      "transactional");

  static final DateTimeFormatter SINCE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private MailchimpMapper() {}

  private static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    for (FieldRule r : MAPPING.rules()) {
      if (r.vendor().size() == 1 && r.vendorField().startsWith(MERGE_PREFIX) && r.canonical().size() == 1) {
        m.put(r.canonicalField(), r.vendorField().substring(MERGE_PREFIX.length()));
      }
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The mapping's transform of a merge field; none for a tag the mapping does not name (a custom merge field). */
  private static Transform transform(String field, String tag) {
    return MAPPING.ruleForVendor(MERGE_PREFIX + tag).filter(r -> r.canonical().equals(List.of(field)))
        .map(FieldRule::transform).orElse(NONE);
  }

  private static final Transform NONE = Transform.none();

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
    if (member.has(EMAIL_ADDRESS)) {
      fields.put(ContactField.EMAIL, text(member.get(EMAIL_ADDRESS)));
    }
    if (member.has(STATUS)) {
      fields.put(ContactField.MARKETING_STATUS, text(member.get(STATUS)));
    }
    JsonNode merges = member.path(MERGE_FIELDS);
    mergeFields.forEach((field, tag) -> {
      JsonNode v = merges.get(tag);
      Transform t = transform(field, tag);
      if (v == null || !(v.isValueNode() || v.isNull() || (v.isObject() && t != NONE))) {
        return; // an object only where the mapping says how to read it (the address)
      }
      Object raw = v.isObject() ? MailchimpClient.JSON.convertValue(v, Map.class) : text(v);
      Object value = t.read(single(raw)).get(0);
      if (value != null) {
        fields.put(field, value instanceof Map<?, ?> ? value : plain(value));
      }
    });
    if (member.has(TAGS)) {
      fields.put(ContactField.TAGS, tagNames(member.get(TAGS)));
    }
    return CanonicalRecord.contact(fields);
  }

  private static List<@Nullable Object> single(@Nullable Object v) {
    List<@Nullable Object> l = new ArrayList<>();
    l.add(v);
    return l;
  }

  private static String plain(Object v) {
    return v instanceof String s ? s.trim() : String.valueOf(v).trim();
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
   * fields present in {@code desired} ({@code ""} clears). Status is added by the connector. An address Mailchimp
   * would refuse (no street, city, state or zip) is left out.
   */
  static ObjectNode toMember(CanonicalRecord desired, Map<String, String> mergeFields) {
    ObjectNode m = MailchimpClient.JSON.createObjectNode();
    String email = desired.string(ContactField.EMAIL);
    if (email != null && !email.isBlank()) {
      m.put(EMAIL_ADDRESS, email.trim());
    }
    ObjectNode merges = MailchimpClient.JSON.createObjectNode();
    mergeFields.forEach((field, tag) -> {
      if (!desired.has(field)) {
        return;
      }
      Object value = desired.fields().get(field);
      if (value instanceof Map<?, ?> a && !isCompleteAddress(a)) {
        return;
      }
      Object out = transform(field, tag).write(single(value == null ? "" : value)).get(0);
      if (out instanceof Map<?, ?> object) {
        merges.set(tag, MailchimpClient.JSON.valueToTree(object));
      } else if (out != null) {
        merges.put(tag, plain(out));
      }
    });
    if (!merges.isEmpty()) {
      m.set(MERGE_FIELDS, merges);
    }
    return m;
  }

  /**
   * Whether Mailchimp stores this canonical address: it needs a street, city, state and zip ("Please enter a complete
   * address").
   */
  static boolean isCompleteAddress(Map<?, ?> a) {
    List<?> lines = a.get("lines") instanceof List<?> l ? l : List.of();
    return !lines.isEmpty() && !String.valueOf(lines.get(0)).isBlank()
        && java.util.stream.Stream.of("city", "region", "postalCode")
            .allMatch(k -> a.get(k) != null && !String.valueOf(a.get(k)).isBlank());
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
    String email = member.path(EMAIL_ADDRESS).asString("");
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
