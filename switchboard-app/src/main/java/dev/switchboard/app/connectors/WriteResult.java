package dev.switchboard.app.connectors;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Outcome of one {@link WriteRequest} in a batch. */
public sealed interface WriteResult {

  long ref();

  /**
   * @param externalId the vendor id of the written object (new id on create; new member hash after an email
   *                   change)
   * @param modifiedAt the vendor's modified-at after the write, when the response carries it
   */
  record Written(long ref, String externalId, @Nullable Instant modifiedAt) implements WriteResult {}

  /** A permanent, per-item rejection (validation). Retrying the same values cannot succeed. */
  record Rejected(long ref, String errorCode, @Nullable String field, String message) implements WriteResult {}
}
