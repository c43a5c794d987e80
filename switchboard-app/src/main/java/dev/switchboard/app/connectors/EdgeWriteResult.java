package dev.switchboard.app.connectors;

/** Outcome of one {@link EdgeWrite} in a {@link Connector#associate} or {@link Connector#dissociate} call. */
public sealed interface EdgeWriteResult {

  /** The caller's {@link EdgeWrite#ref()}. */
  long ref();

  /**
   * The vendor holds the association now (associate), or no longer holds it (dissociate); also when that was so
   * already: both calls are idempotent.
   */
  record Done(long ref) implements EdgeWriteResult {}

  /** A permanent refusal of this association (retrying cannot succeed), or a kind the connector cannot write. */
  record Rejected(long ref, String errorCode, String message) implements EdgeWriteResult {}
}
