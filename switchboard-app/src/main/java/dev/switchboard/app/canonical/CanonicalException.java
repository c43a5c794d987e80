package dev.switchboard.app.canonical;

import org.jspecify.annotations.Nullable;

/**
 * A value or record that the canonical model refuses. {@link #code()} is a stable, snake_case error code meant for
 * API problems ({@code error_code}), dead letters and metrics; {@link #field()} names the canonical field at fault
 * when one is known. The message never contains the refused value itself (it may be personal data): it names what
 * was expected.
 */
public final class CanonicalException extends RuntimeException {

  /** Not an e-mail address we can normalise (see {@link EmailCleaner}). */
  public static final String INVALID_EMAIL = "invalid_email";
  /** Not a web address with an http(s) scheme and a valid host (see {@link UrlCleaner}). */
  public static final String INVALID_URL = "invalid_url";
  /** Not a registrable internet domain name (see {@link Domains}). */
  public static final String INVALID_DOMAIN = "invalid_domain";
  /** A country name or code we cannot map to ISO 3166-1 alpha-2 (see {@link Countries}). */
  public static final String INVALID_COUNTRY = "invalid_country";
  /** An address with a component of the wrong shape. */
  public static final String INVALID_ADDRESS = "invalid_address";
  /** A code outside the field's canonical set. */
  public static final String INVALID_ENUM_VALUE = "invalid_enum_value";
  public static final String INVALID_BOOLEAN = "invalid_boolean";
  /** Not a number (or NaN, infinite, locale-formatted). */
  public static final String INVALID_NUMBER = "invalid_number";
  /** A number with a fraction where a whole number is declared, or outside the 64-bit range. */
  public static final String NOT_AN_INTEGER = "not_an_integer";
  /** More fraction digits than the field declares; values are never rounded silently. */
  public static final String SCALE_EXCEEDED = "scale_exceeded";
  /** An amount more precise than the target's minor units hold (JPY 1.5, KWD 1.2345, Stripe KWD 1.235). */
  public static final String PRECISION_EXCEEDED = "precision_exceeded";
  /** A currency the target system cannot hold; never relabelled as another currency. */
  public static final String UNSUPPORTED_CURRENCY = "unsupported_currency";
  /** Not an ISO 4217 currency code. */
  public static final String INVALID_CURRENCY = "invalid_currency";
  /** Minor units outside the 64-bit range. */
  public static final String AMOUNT_OUT_OF_RANGE = "amount_out_of_range";
  /** Money of several currencies in one record (e.g. a EUR line on a USD invoice). */
  public static final String CURRENCY_MISMATCH = "currency_mismatch";
  /** Not an instant with a zone or offset, or outside years 1-9999. */
  public static final String INVALID_INSTANT = "invalid_instant";
  /** Not a calendar date, or outside years 1-9999. */
  public static final String INVALID_DATE = "invalid_date";
  /** Longer than the field's declared maximum (counted in Unicode code points). */
  public static final String TOO_LONG = "too_long";
  /** A reference without type and id, or to a type the field does not allow. */
  public static final String INVALID_REFERENCE = "invalid_reference";
  /** A value of the wrong shape for its declared type, or not in canonical form where canonical form is required. */
  public static final String INVALID_VALUE = "invalid_value";
  /** A document that is not JSON. */
  public static final String INVALID_JSON = "invalid_json";
  public static final String UNKNOWN_FIELD = "unknown_field";
  public static final String UNKNOWN_TYPE = "unknown_type";
  public static final String MISSING_FIELD = "missing_field";
  /** A change to a field that only the issuing system may change (amounts, lines, status, dates of money records). */
  public static final String ISSUER_ONLY = "issuer_only";
  /** A change to a money record in a terminal state other than its issuer's status transition. */
  public static final String TERMINAL_STATE = "terminal_state";

  private final String code;
  private final @Nullable String field;

  public CanonicalException(String code, String message) {
    this(code, null, message);
  }

  public CanonicalException(String code, @Nullable String field, String message) {
    super(message);
    this.code = code;
    this.field = field;
  }

  public String code() {
    return code;
  }

  /** The canonical field at fault (dotted for nested values, e.g. {@code lines.2.quantity}), or null. */
  public @Nullable String field() {
    return field;
  }

  /** This error attributed to {@code field}; a field already set is kept as the inner part of the path. */
  public CanonicalException at(String field) {
    String path = this.field == null ? field : field + "." + this.field;
    CanonicalException e = new CanonicalException(code, path, getMessage());
    e.setStackTrace(getStackTrace());
    return e;
  }
}
