package dev.switchboard.sandbox.pipedrive;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered in Pipedrive's envelope
 * {@code {success:false, error, error_info, data:null, additional_data:null}} (plus {@code errorCode} as Pipedrive
 * sends on 401/429).
 */
class PipedriveException extends RuntimeException {

  static final String INFO = "Please check developers.pipedrive.com for more information about Pipedrive API.";

  final int status;

  PipedriveException(int status, String message) {
    super(message);
    this.status = status;
  }

  static PipedriveException notFound(String what) {
    return new PipedriveException(404, what + " not found");
  }

  static PipedriveException bad(String message) {
    return new PipedriveException(400, message);
  }

  Map<String, Object> body() {
    return body(status, getMessage());
  }

  static Map<String, Object> body(int status, String error) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", false);
    m.put("error", error);
    if (status == 401 || status == 429 || status == 403) {
      m.put("errorCode", status);
    }
    m.put("error_info", INFO);
    m.put("data", null);
    m.put("additional_data", null);
    return m;
  }
}
