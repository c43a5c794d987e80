package dev.switchboard.app.identity;

/** What to do with an inbound record and its best candidate. */
public enum Decision {
  /** The same record: link to it. */
  LINK,
  /** Possibly the same: a new record, and the pair goes to the review queue. */
  REVIEW,
  /** Someone else: a new record. */
  NEW
}
