package dev.switchboard.sandbox.quickbooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answered in Intuit's fault shape:
 * {@code {"Fault":{"Error":[{"Message","Detail","code","element"}],"type"},"time"}}.
 * https://developer.intuit.com/app/developer/qbo/docs/develop/troubleshooting/error-codes
 */
class QboFault extends RuntimeException {

  final int status;
  final String type;
  final String code;
  final String detail;
  final String element;

  QboFault(int status, String type, String code, String message, String detail, String element) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.detail = detail;
    this.element = element;
  }

  static QboFault validation(String code, String message, String detail, String element) {
    return new QboFault(400, "ValidationFault", code, message, detail, element);
  }

  static QboFault required(String field) {
    return validation("2020", "Required param missing, need to supply the required value for the API",
        "Required parameter " + field + " is missing in the request", field);
  }

  static QboFault notFound(String entity, String id) {
    return validation("610", "Object Not Found",
        "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, "
            + "customers, items, vendors or employees.", "");
  }

  static QboFault invalidReference(String field, String id) {
    return validation("2500", "Invalid Reference Id", "Invalid Reference Id : " + field + " " + id + " does not exist", field);
  }

  static QboFault stale() {
    return validation("5010", "Stale Object Error",
        "Stale Object Error : You and Sandbox User were working on this at the same time. Sandbox User finished before "
            + "you did, so your work was not saved.", "");
  }

  static QboFault duplicateName(String id) {
    return validation("6240", "Duplicate Name Exists Error",
        "The name supplied already exists. : Another customer, vendor or employee is already using this name. "
            + "Please use a different name. Id=" + id, "");
  }

  static QboFault query(String detail) {
    return validation("4000", "Error parsing query", "QueryParserError: " + detail, "");
  }

  static QboFault unsupported(String detail) {
    return validation("500", "Unsupported Operation", detail, "");
  }

  /** The error entry alone (also used inside batch item responses). */
  Map<String, Object> fault() {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("Message", getMessage());
    err.put("Detail", detail);
    err.put("code", code);
    err.put("element", element);
    Map<String, Object> fault = new LinkedHashMap<>();
    fault.put("Error", List.of(err));
    fault.put("type", type);
    return fault;
  }

  Map<String, Object> body(String time) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Fault", fault());
    m.put("time", time);
    return m;
  }
}
