package dev.switchboard.sandbox.mailchimp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One audience member. Mutated only under the {@link Audience} lock; readers get {@link #copy()}. */
final class Member {
  String email;
  String status;
  final Map<String, String> mergeFields = new LinkedHashMap<>();
  final List<String> tags = new ArrayList<>();
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

  Member copy() {
    Member m = new Member();
    m.email = email;
    m.status = status;
    m.mergeFields.putAll(mergeFields);
    m.tags.addAll(tags);
    m.uniqueEmailId = uniqueEmailId;
    m.webId = webId;
    m.seq = seq;
    m.lastChanged = lastChanged;
    m.timestampOpt = timestampOpt;
    m.timestampSignup = timestampSignup;
    return m;
  }
}
