package dev.switchboard.app.canonical;

import java.util.List;

/**
 * Names of the canonical contact fields. Values in a {@link CanonicalRecord} are strings, except
 * {@link #TAGS} which is a sorted {@code List<String>}. Custom fields use the prefix {@link #CUSTOM_PREFIX}
 * followed by the tenant's own field key (e.g. {@code custom.loyalty_tier}).
 */
public final class ContactField {
  public static final String EMAIL = "email";
  public static final String FIRST_NAME = "firstName";
  public static final String LAST_NAME = "lastName";
  public static final String PHONE = "phone";
  public static final String COMPANY = "company";
  /**
   * Postal address, structured: {@code {lines: [..], city, region, postalCode, country}} with absent components left
   * out (the canonical JSON of {@link PostalAddress}).
   */
  public static final String ADDRESS = "address";
  /** HubSpot lifecycle stage (subscriber, lead, marketingqualifiedlead, customer, …). */
  public static final String LIFECYCLE_STAGE = "lifecycleStage";
  /** One of {@code subscribed, unsubscribed, cleaned, pending, transactional, archived}. */
  public static final String MARKETING_STATUS = "marketingStatus";
  /** Sorted list of tag names. */
  public static final String TAGS = "tags";
  public static final String CUSTOM_PREFIX = "custom.";

  /** The fields every contact-capable connector understands. */
  public static final List<String> STANDARD =
      List.of(EMAIL, FIRST_NAME, LAST_NAME, PHONE, COMPANY, LIFECYCLE_STAGE, MARKETING_STATUS, TAGS);

  /** Fields that hold personal data: encrypted at rest, tokenized in logs and events. */
  public static boolean isPii(String field) {
    return field.equals(EMAIL) || field.equals(PHONE) || field.equals(FIRST_NAME) || field.equals(LAST_NAME)
        || field.equals(ADDRESS) || field.startsWith(CUSTOM_PREFIX);
  }

  private ContactField() {}
}
