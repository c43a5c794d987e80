package dev.switchboard.sandbox.pipedrive;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pipedrive's success envelope {@code {success:true, data, additional_data}} and its opaque cursors. */
final class PipedriveEnvelope {

  private PipedriveEnvelope() {}

  static Map<String, Object> ok(Object data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", true);
    m.put("data", data);
    return m;
  }

  static Map<String, Object> ok(Object data, Map<String, Object> additional) {
    Map<String, Object> m = ok(data);
    m.put("additional_data", additional);
    return m;
  }

  /** Opaque cursor for a list position (the sandbox encodes an offset; clients must not parse it). */
  static String cursor(int offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** Offset of a cursor; 400 "Invalid cursor" when it was not issued by {@link #cursor}. */
  static int offset(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (s.startsWith("offset:")) {
        return Integer.parseInt(s.substring(7));
      }
    } catch (IllegalArgumentException e) {
      // falls through
    }
    throw PipedriveException.bad("Invalid cursor");
  }

  /** Validates {@code limit} (default 100, 1..500). */
  static int limit(Integer limit) {
    if (limit == null) {
      return 100;
    }
    if (limit < 1 || limit > 500) {
      throw PipedriveException.bad("Validation failed: limit: Number must be less than or equal to 500 and greater than 0");
    }
    return limit;
  }
}
