package dev.switchboard.app.connectors;

import dev.switchboard.app.canonical.CanonicalRecord;
import org.jspecify.annotations.Nullable;

/**
 * One object to create or update at the vendor.
 *
 * @param ref        caller's reference, echoed in the {@link WriteResult}
 * @param externalId the vendor id when the object is already linked; null to create-or-match by natural key
 *                   (email)
 * @param desired    the values the vendor should hold for the mapped fields (full state, not a diff)
 */
public record WriteRequest(long ref, @Nullable String externalId, CanonicalRecord desired) {}
