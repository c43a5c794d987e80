package dev.switchboard.app.connectors;

/**
 * What deleting an object of one vendor type does at that vendor, as its binding declares it
 * ({@link BindingCapabilities#deletes()}, answered by {@link Connector#deleteSemantics}). It says what a propagated
 * deletion will do there, and whether the object can come back (a restore revives the same object and its link).
 */
public enum DeleteSemantics {
  /** Gone for good; nothing can bring it back. */
  HARD_DELETE,
  /** Archived: hidden and restorable (HubSpot archive and restore, Mailchimp archived member). */
  ARCHIVE,
  /** Made inactive, still readable (QuickBooks {@code Active=false}). */
  DEACTIVATE,
  /** Voided: kept for the books with its amounts zeroed or frozen (invoices). */
  VOID,
  /** A lifecycle status change (a booking cancelled, a deal closed lost). */
  STATUS
}
