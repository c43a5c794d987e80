package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.mapping.EffectiveMapping;
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

  static final String EMAIL_ADDRESS = MAPPING.vendorFieldOf(ContactField.EMAIL);
  static final String STATUS = MAPPING.vendorFieldOf(ContactField.MARKETING_STATUS);
  static final String TAGS = MAPPING.vendorFieldOf(ContactField.TAGS);

  /** Statuses the API accepts in writes ({@code archived} is only reachable by DELETE). */
  static final Set<String> WRITABLE_STATUSES = Set.of("subscribed", "unsubscribed", "cleaned", "pending",
      "transactional");

  static final DateTimeFormatter SINCE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private MailchimpMapper() {}

  /**
   * The members' mapping for a connection with these settings: the file with the connection's override layered over it
   * ({@link EffectiveMapping}: {@code mapping.member}, or the older {@code mergeFields} setting typed at connect time,
   * {@code firstName=FNAME,custom.loyalty_tier=LOYALTY}, where {@code phone=} unmaps a default).
   */
  static MappingFile mapping(Map<String, String> settings) {
    return EffectiveMapping.of(MAPPING, settings);
  }

  /** The mapping for a {@code mergeFields} setting alone. */
  static MappingFile mapping(@Nullable String mergeFieldsSetting) {
    return mapping(mergeFieldsSetting == null ? Map.of() : Map.of("mergeFields", mergeFieldsSetting));
  }

  /** Canonical field → merge tag, for the one-field merge-field rules of {@code mapping} (any direction). */
  static Map<String, String> mergeTags(MappingFile mapping) {
    Map<String, String> m = new LinkedHashMap<>();
    for (FieldRule r : mergeRules(mapping.rules())) {
      m.put(r.canonicalField(), r.vendorField().substring(MERGE_PREFIX.length()));
    }
    return m;
  }

  /** The rules of one canonical field and one merge field: what a member's {@code merge_fields} carries. */
  private static List<FieldRule> mergeRules(List<FieldRule> rules) {
    return rules.stream().filter(r -> r.vendor().size() == 1 && r.vendorField().startsWith(MERGE_PREFIX)
        && r.canonical().size() == 1).toList();
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

  /** A list member object → canonical, the merge fields by {@code mapping}'s reading rules. */
  static CanonicalRecord toCanonical(JsonNode member, MappingFile mapping) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (member.has(EMAIL_ADDRESS)) {
      fields.put(ContactField.EMAIL, text(member.get(EMAIL_ADDRESS)));
    }
    if (member.has(STATUS)) {
      fields.put(ContactField.MARKETING_STATUS, text(member.get(STATUS)));
    }
    JsonNode merges = member.path(MERGE_FIELDS);
    for (FieldRule r : mergeRules(mapping.readRules())) {
      String field = r.canonicalField();
      JsonNode v = merges.get(r.vendorField().substring(MERGE_PREFIX.length()));
      Transform t = r.transform();
      if (v == null || !(v.isValueNode() || v.isNull() || (v.isObject() && !(t.equals(Transform.none()))))) {
        continue; // an object only where the mapping says how to read it (the address)
      }
      Object raw = v.isObject() ? MailchimpClient.JSON.convertValue(v, Map.class) : text(v);
      Object value = t.read(single(raw)).get(0);
      if (value != null) {
        fields.put(field, value instanceof Map<?, ?> ? value : plain(value));
      }
    }
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
  static ObjectNode toMember(CanonicalRecord desired, MappingFile mapping) {
    ObjectNode m = MailchimpClient.JSON.createObjectNode();
    String email = desired.string(ContactField.EMAIL);
    if (email != null && !email.isBlank()) {
      m.put(EMAIL_ADDRESS, email.trim());
    }
    ObjectNode merges = MailchimpClient.JSON.createObjectNode();
    for (FieldRule r : mergeRules(mapping.writeRules())) {
      String field = r.canonicalField();
      String tag = r.vendorField().substring(MERGE_PREFIX.length());
      if (!desired.has(field)) {
        continue;
      }
      Object value = desired.fields().get(field);
      if (value instanceof Map<?, ?> a && !isCompleteAddress(a)) {
        continue;
      }
      Object out = r.transform().write(single(value == null ? "" : value)).get(0);
      if (out instanceof Map<?, ?> object) {
        merges.set(tag, MailchimpClient.JSON.valueToTree(object));
      } else if (out != null) {
        merges.put(tag, plain(out));
      }
    }
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
  static dev.switchboard.app.connectors.SourceRecord source(JsonNode member, MappingFile merges) {
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
