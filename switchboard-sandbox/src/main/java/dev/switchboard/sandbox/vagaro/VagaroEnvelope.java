package dev.switchboard.sandbox.vagaro;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vagaro's JSON envelope. Success: {@code {"status":200,"responseCode":1000,"message":"Success","data":…}} — the
 * shape clients of the live API read (status 200, responseCode 1000, {@code data}); Vagaro's public pages do not
 * print it. Errors (an assumption, see docs/integrations/booking_vagaro_mapping.md):
 * {@code {"status":N,"responseCode":N,"message":"…","errors":{"<field>|exception":"<reason>"}}} with the HTTP
 * status N.
 */
final class VagaroEnvelope {

  static final int SUCCESS_CODE = 1000;

  private VagaroEnvelope() {}

  static Map<String, Object> ok(Object data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", 200);
    m.put("responseCode", SUCCESS_CODE);
    m.put("message", "Success");
    m.put("data", data);
    return m;
  }

  static Map<String, Object> error(int status, String message, Map<String, String> errors) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("responseCode", status);
    m.put("message", message);
    m.put("errors", errors);
    return m;
  }

  static void write(JsonMapper json, HttpServletResponse res, Map<String, Object> body) throws IOException {
    res.setStatus((Integer) body.get("status"));
    res.setContentType("application/json;charset=utf-8");
    res.getWriter().write(json.writeValueAsString(body));
  }
}
