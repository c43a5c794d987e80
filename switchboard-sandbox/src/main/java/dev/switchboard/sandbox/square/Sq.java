package dev.switchboard.sandbox.square;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the Square controllers: ids, timestamps, cursors, request reading. */
final class Sq {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALNUM = "ABCDEFGHJKMNPQRSTVWXYZ0123456789";

  private Sq() {}

  /** A Square-looking opaque id: {@code prefix} followed by upper-case letters/digits, 26 chars in all. */
  static String id(String prefix) {
    StringBuilder b = new StringBuilder(prefix);
    while (b.length() < 26) {
      b.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
    }
    return b.toString();
  }

  /** RFC 3339 with milliseconds, UTC ({@code 2026-01-02T03:04:05.678Z}), as Square returns. */
  static String ts(Instant t) {
    return dev.switchboard.sandbox.support.ChangeClock.MILLIS_Z.format(t);
  }

  /**
   * Square's optimistic concurrency for versioned objects: when the request names a {@code version}, it must
   * be the object's current one (409 CONFLICT otherwise); then the version goes up by one and
   * {@code updated_at} moves to the next change time.
   *
   * @param what the object's name in the conflict message ("booking", "invoice")
   */
  static Map<String, Object> bumpVersion(Map<String, Object> object, Object version, String what,
      dev.switchboard.sandbox.support.ChangeClock clock) {
    if (version != null && ((Number) version).intValue() != (Integer) object.get("version")) {
      throw SquareException.conflict("Version mismatch: the " + what + " is at version " + object.get("version") + ".",
          "version");
    }
    object.put("version", (Integer) object.get("version") + 1);
    object.put("updated_at", ts(clock.nextChange()));
    return object;
  }

  /** Parses an RFC 3339 timestamp of a request field; 400 INVALID_VALUE if malformed. */
  static Instant parseTs(Object v, String field) {
    try {
      return java.time.OffsetDateTime.parse(v.toString()).toInstant();
    } catch (RuntimeException e) {
      throw SquareException.invalid("INVALID_TIME", "Invalid RFC 3339 timestamp: " + v, field);
    }
  }

  /** Page size from {@code limit}: default {@code max}; below 1 → VALUE_TOO_LOW, above max → VALUE_TOO_HIGH. */
  static int limit(Object raw, int max, String field) {
    if (raw == null) {
      return max;
    }
    int n;
    try {
      n = raw instanceof Number num ? num.intValue() : Integer.parseInt(raw.toString());
    } catch (NumberFormatException e) {
      throw SquareException.invalid("INVALID_VALUE", "Expected an integer value.", field);
    }
    if (n < 1) {
      throw SquareException.invalid("VALUE_TOO_LOW", "`limit` must be greater than or equal to 1.", field);
    }
    if (n > max) {
      throw SquareException.invalid("VALUE_TOO_HIGH", "`limit` must be less than or equal to " + max + ".", field);
    }
    return n;
  }

  /** Offset encoded in an opaque cursor (0 for none); 400 INVALID_CURSOR if it is not ours. */
  static int offset(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!s.startsWith("sbx:")) {
        throw new IllegalArgumentException();
      }
      return Integer.parseInt(s.substring(4));
    } catch (IllegalArgumentException e) {
      throw SquareException.invalid("INVALID_CURSOR", "The pagination cursor is invalid.", "cursor");
    }
  }

  static String cursor(int offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("sbx:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One page of {@code all} starting at the cursor's offset: puts the items under {@code key} (omitted when
   * empty, as Square does) and a {@code cursor} when more remain.
   */
  static <T> Map<String, Object> page(List<T> all, String cursor, int limit, String key) {
    int from = Math.min(offset(cursor), all.size());
    int to = Math.min(all.size(), from + limit);
    Map<String, Object> out = new LinkedHashMap<>();
    if (to > from) {
      out.put(key, List.copyOf(all.subList(from, to)));
    }
    if (to < all.size()) {
      out.put("cursor", cursor(to));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  static String str(Object o) {
    return o == null ? null : o.toString();
  }

  /** Non-null {@code Map}: the body, or empty. */
  static Map<String, Object> body(Map<String, Object> b) {
    return b == null ? Map.of() : b;
  }
}
