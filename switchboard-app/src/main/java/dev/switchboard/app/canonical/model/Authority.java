package dev.switchboard.app.canonical.model;

/** Which systems may change a field of a record. */
public enum Authority {
  /** Any connected system (contact and company fields, deal fields): last-modified wins. */
  EVERY_SYSTEM,
  /**
   * Only the system that issued the record (amounts, lines, currency, status and dates of invoices, payments and
   * subscriptions): a HubSpot edit of a Stripe invoice's total is refused with {@code issuer_only}, never merged.
   */
  ISSUER
}
