package dev.switchboard.sandbox.salesforce;

/**
 * Salesforce record ids: 3-char key prefix + 12 chars = 15-char case-sensitive id, plus the documented
 * 3-char case-insensitive checksum suffix (18-char id).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/field_types.htm#i1435616
 */
final class SalesforceIds {

  private static final String B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  private SalesforceIds() {}

  /** The 18-char id for the n-th record of a type. */
  static String make(String keyPrefix, long n) {
    StringBuilder sb = new StringBuilder();
    long v = n;
    for (int i = 0; i < 10; i++) {
      sb.append(B62.charAt((int) (v % 62)));
      v /= 62;
    }
    return to18(keyPrefix + "5g" + sb.reverse());
  }

  /** Appends the checksum suffix to a 15-char id. */
  static String to18(String id15) {
    StringBuilder out = new StringBuilder(id15);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      out.append(SUFFIX.charAt(bits));
    }
    return out.toString();
  }

  /** Normalises a 15- or 18-char id to 18 chars; null when it is not shaped like an id. */
  static String normalise(String id) {
    if (id == null || !id.matches("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?")) {
      return null;
    }
    return to18(id.substring(0, 15));
  }
}
