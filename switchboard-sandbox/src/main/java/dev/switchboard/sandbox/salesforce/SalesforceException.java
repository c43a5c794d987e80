package dev.switchboard.sandbox.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answered as Salesforce's REST error array:
 * {@code [{"message":"…","errorCode":"NOT_FOUND","fields":[…]}]}.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
class SalesforceException extends RuntimeException {

  final int status;
  final String errorCode;
  final List<String> fields;

  SalesforceException(int status, String errorCode, String message, List<String> fields) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.fields = fields;
  }

  static SalesforceException notFound() {
    return new SalesforceException(404, "NOT_FOUND", "The requested resource does not exist", null);
  }

  static SalesforceException badRequest(String code, String message, List<String> fields) {
    return new SalesforceException(400, code, message, fields);
  }

  static SalesforceException malformedQuery(String message) {
    return new SalesforceException(400, "MALFORMED_QUERY", message, null);
  }

  static SalesforceException requiredMissing(List<String> fields) {
    return badRequest("REQUIRED_FIELD_MISSING", "Required fields are missing: " + fields.toString().replace(", ", ","), fields);
  }

  /** One error object (REST error array element). */
  Map<String, Object> error() {
    return error(errorCode, getMessage(), fields);
  }

  /** One error object; {@code fields} is omitted when null (as Salesforce does for e.g. NOT_FOUND). */
  static Map<String, Object> error(String code, String message, List<String> fields) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("message", message);
    m.put("errorCode", code);
    if (fields != null) {
      m.put("fields", fields);
    }
    return m;
  }

  /** Error as it appears inside composite / save results: {@code statusCode} instead of {@code errorCode}. */
  Map<String, Object> saveError() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("statusCode", errorCode);
    m.put("message", getMessage());
    m.put("fields", fields == null ? List.of() : fields);
    return m;
  }
}
