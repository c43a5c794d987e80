package dev.switchboard.app.connectors;

/** Outcome of deleting one object in a {@link Connector#delete} call. */
public sealed interface DeleteResult {

  /** The vendor id the result is about. */
  String externalId();

  /**
   * The object is deleted (or archived, per the type's {@link DeleteSemantics}) at the vendor now, including when
   * it was already gone: a delete is idempotent.
   */
  record Deleted(String externalId) implements DeleteResult {}

  /** A permanent refusal of this object (retrying cannot succeed), or a type the connector cannot delete. */
  record Rejected(String externalId, String errorCode, String message) implements DeleteResult {}
}
