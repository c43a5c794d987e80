package dev.switchboard.sandbox.mailchimp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An error answered as Mailchimp's problem JSON ({@code application/problem+json}). */
class MailchimpException extends RuntimeException {

  static final String DOCS = "https://mailchimp.com/developer/marketing/docs/errors/";

  final int status;
  final String title;
  final List<Map<String, String>> errors;

  MailchimpException(int status, String title, String detail, List<Map<String, String>> errors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = errors;
  }

  MailchimpException(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  static MailchimpException notFound() {
    return new MailchimpException(404, "Resource Not Found", "The requested resource could not be found.");
  }

  static MailchimpException invalid(String field, String message, String detail) {
    return new MailchimpException(400, "Invalid Resource", detail, List.of(Map.of("field", field, "message", message)));
  }

  static MailchimpException invalidEmail() {
    return invalid("email_address", "This value should be a valid email.", "Please provide a valid email address.");
  }

  Map<String, Object> body() {
    Map<String, Object> m = body(status, title, getMessage());
    if (errors != null) {
      m.put("errors", errors);
    }
    return m;
  }

  static Map<String, Object> body(int status, String title, String detail) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", DOCS);
    m.put("title", title);
    m.put("status", status);
    m.put("detail", detail);
    m.put("instance", UUID.randomUUID().toString());
    return m;
  }
}
