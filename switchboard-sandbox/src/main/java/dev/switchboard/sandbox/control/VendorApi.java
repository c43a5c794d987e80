package dev.switchboard.sandbox.control;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * What every vendor emulator offers to the shared {@code /_sandbox} controls and to the shared
 * traffic filter. One Spring bean per vendor.
 */
public interface VendorApi {

  /** Vendor name used in controls, e.g. {@code hubspot}. */
  String name();

  /** URL path prefix of the emulated API, e.g. {@code /hubspot} or {@code /mailchimp/3.0}. */
  String pathPrefix();

  /** Writes the vendor's "service unavailable" answer (status 503). */
  void writeUnavailable(HttpServletResponse response) throws IOException;

  /** Writes the vendor's 429 answer for a rate-limit storm (caller already set Retry-After). */
  void writeRateLimited(HttpServletResponse response) throws IOException;

  /** Writes the vendor's answer for a path/method it does not serve (status 404 or 405). */
  void writeNotFound(HttpServletResponse response, int status) throws IOException;

  /** Clears all state: data, webhook registrations, limits counters, runtime config. */
  void reset();

  /** Seeds data; see {@code POST /_sandbox/seed}. Returns a JSON-able summary. */
  Map<String, Object> seed(Map<String, Object> request);

  /** Every credential/identifier the emulator accepts, plus its base path. */
  Map<String, Object> credentials();

  /** Applies runtime config (e.g. {@code rateLimitPer10s}); returns the resulting config. */
  Map<String, Object> configure(Map<String, Object> patch);

  /**
   * The endpoint a call is counted under in {@code /_sandbox/counters}, given the path template that matched it
   * (relative to {@link #pathPrefix()}, e.g. {@code /crm/v3/objects/{objectType}}). By default the template itself;
   * a vendor that serves many resources through one generic template names the resource instead.
   */
  default String endpoint(jakarta.servlet.http.HttpServletRequest request, String pattern) {
    return pattern;
  }
}
