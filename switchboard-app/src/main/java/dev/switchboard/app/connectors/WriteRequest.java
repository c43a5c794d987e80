package dev.switchboard.app.connectors;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One object to create or update at the vendor.
 *
 * @param ref        caller's reference, echoed in the {@link WriteResult}
 * @param externalId the vendor id when the object is already linked; null to create-or-match
 * @param desired    the values the vendor should hold for the mapped fields (full state, not a diff)
 * @param createKey  the spine's key for this record in this connection: the same for every attempt and every version
 *                   of the record, different per connection, and revealing nothing (a keyed hash). A connector that
 *                   can store it at the vendor as a unique id creates by it, so a create repeated after a crash finds
 *                   the object the first attempt made (see {@link Connector#write}). Null from callers outside the
 *                   spine: the connector then creates-or-matches by natural key (e-mail) alone.
 * @param references the vendor ids of the objects this one references at create, by edge label, for the kinds the
 *                   binding declares {@link AssociationKind#requiredAtCreate() required at create} (an invoice's
 *                   customer): the spine sends a create only once each is linked. Empty otherwise; other
 *                   associations are written as edges ({@link Connector#associate})
 * @param held       what the vendor holds of the linked object as far as the spine knows (the link's snapshot: what it
 *                   last read from or wrote to it), null for a create or when not known. A binding that writes a
 *                   collection whole (a deal's line items) removes from the object only what is in it: an element it
 *                   does not hold was added at the vendor after that, a change to read, not one to undo
 */
public record WriteRequest(long ref, @Nullable String externalId, CanonicalRecord desired, @Nullable String createKey,
    Map<String, String> references, @Nullable Map<String, Object> held) {

  public WriteRequest {
    references = Map.copyOf(references);
    held = held == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(held));
  }

  /** A write without what the vendor holds. */
  public WriteRequest(long ref, @Nullable String externalId, CanonicalRecord desired, @Nullable String createKey,
      Map<String, String> references) {
    this(ref, externalId, desired, createKey, references, null);
  }

  /** A write without required references. */
  public WriteRequest(long ref, @Nullable String externalId, CanonicalRecord desired, @Nullable String createKey) {
    this(ref, externalId, desired, createKey, Map.of());
  }

  /** A write without a create key (create-or-match by natural key only). */
  public WriteRequest(long ref, @Nullable String externalId, CanonicalRecord desired) {
    this(ref, externalId, desired, null);
  }
}
