package dev.switchboard.sandbox.mailchimp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One audience member. Mutated only under the {@link Audience} lock; readers get {@link #copy()}. Merge field
 * values are JSON ({@link MailchimpMergeFields}: a string, or an object for ADDRESS); tags are keyed by name in
 * the order they were added.
 */
final class Member {
  String email;
  String status;
  final Map<String, JsonNode> mergeFields = new LinkedHashMap<>();
  final Map<String, MailchimpTag> tags = new LinkedHashMap<>();
  String uniqueEmailId;
  long webId;
  long seq;
  Instant lastChanged;
  Instant timestampOpt;
  Instant timestampSignup;

  String hash() {
    return hash(email);
  }

  /** Mailchimp subscriber hash: lower-case hex MD5 of the lower-cased email. */
  static String hash(String email) {
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return String.format("%032x", new BigInteger(1, d));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of a merge field ("" if absent or not a string, e.g. an ADDRESS object). */
  String mergeText(String tag) {
    JsonNode v = mergeFields.get(tag);
    return v != null && v.isString() ? v.asString() : "";
  }

  Member copy() {
    Member m = new Member();
    m.email = email;
    m.status = status;
    mergeFields.forEach((k, v) -> m.mergeFields.put(k, v.deepCopy()));
    m.tags.putAll(tags);
    m.uniqueEmailId = uniqueEmailId;
    m.webId = webId;
    m.seq = seq;
    m.lastChanged = lastChanged;
    m.timestampOpt = timestampOpt;
    m.timestampSignup = timestampSignup;
    return m;
  }
}
