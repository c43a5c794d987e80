package dev.switchboard.app.connectors;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link TypeBinding} declares about its vendor type: the facts the spine plans by, and the promises the
 * contract suite (TCK) holds the binding to. A declaration is a promise, not a hint: a binding that declares less is
 * trusted with less (no delete semantics: deletion propagation cannot be turned on; no association kinds: no edges
 * are written; not mergeable: a merge is never repeated there), and one that declares more must pass the contracts
 * that prove it.
 *
 * @param timestamps       how the vendor dates changes of the type ({@link Connector#timestamps})
 * @param deletes          what {@link TypeBinding#delete} does at the vendor, or null when the binding cannot delete
 *                         ({@link Connector#deleteSemantics})
 * @param associationKinds the associations kept as edges from objects of the type ({@link Connector#associationKinds})
 * @param mergeable        {@link TypeBinding#merge} merges two objects of the type at the vendor
 *                         ({@link Connector#mergeableTypes})
 * @param detection        how changes, deletions and association changes made at the vendor come to be known
 * @param keys             what a write that carries no external id upserts by
 * @param listing          how {@link TypeBinding#listModified} pages
 */
public record BindingCapabilities(TimestampCapability timestamps, @Nullable DeleteSemantics deletes,
    List<AssociationKind> associationKinds, boolean mergeable, Detection detection, Keys keys, Listing listing) {

  public BindingCapabilities {
    Objects.requireNonNull(timestamps, "timestamps");
    associationKinds = List.copyOf(associationKinds);
    Objects.requireNonNull(detection, "detection");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(listing, "listing");
  }

  /** {@link #deletes()}, empty when the binding cannot delete. */
  public Optional<DeleteSemantics> deleteSemantics() {
    return Optional.ofNullable(deletes);
  }

  /** The association kinds a create of the type must carry ({@link AssociationKind#requiredAtCreate()}). */
  public List<AssociationKind> requiredReferences() {
    return associationKinds.stream().filter(AssociationKind::requiredAtCreate).toList();
  }

  /** How a kind of change made at the vendor reaches the spine. */
  public enum Via {
    /** Not at all: the spine learns of it only when it reads the object for another reason. */
    NOT_DETECTED,
    /** Webhooks only: a listing cannot show it (a deleted object simply vanishes from listings). */
    WEBHOOK,
    /**
     * Only by reconciliation: listing modified objects (the poll), or for deletions and association changes the sweeps
     * of deleted objects ({@link ListsDeletions}) and of linked objects' associations.
     */
    POLL,
    /** Webhooks, and reconciliation (the poll, or a sweep) catches what a lost webhook missed. */
    WEBHOOK_AND_POLL;

    public boolean webhook() {
      return this == WEBHOOK || this == WEBHOOK_AND_POLL;
    }

    public boolean poll() {
      return this == POLL || this == WEBHOOK_AND_POLL;
    }
  }

  /**
   * How the spine learns of what happened at the vendor.
   *
   * @param changes            creates and updates ({@link InboundEvent.Kind#CHANGED}, listings)
   * @param deletions          deletions ({@link InboundEvent.Kind#DELETED})
   * @param associationChanges association changes ({@link InboundEvent.Kind#ASSOCIATIONS_CHANGED});
   *                           {@link Via#NOT_DETECTED} for a type that keeps no associations
   */
  public record Detection(Via changes, Via deletions, Via associationChanges) {
    public Detection {
      Objects.requireNonNull(changes, "changes");
      Objects.requireNonNull(deletions, "deletions");
      Objects.requireNonNull(associationChanges, "associationChanges");
    }
  }

  /**
   * What a create upserts by, so that repeating it is safe ({@link Connector#write}).
   *
   * @param naturalKey the canonical field a write without an id or create key upserts by, unique at the vendor
   *                   ({@code email} for a HubSpot contact or a Mailchimp member), or null when the type has none
   *                   (a HubSpot company: a domain is not unique); then every create carries a create key
   * @param createKeys a write's {@link WriteRequest#createKey()} is kept at the vendor as a unique key, so a create
   *                   repeated with the same key finds the object the first one made
   */
  public record Keys(@Nullable String naturalKey, boolean createKeys) {}

  /**
   * How {@link TypeBinding#listModified} pages, as far as a caller may rely on it.
   *
   * @param oldestFirst a listing with a {@code since} returns records by ascending modified-at
   * @param pageOverlap how far back from the newest record of a page the next page may start again: such repeats
   *                    (same id, same modified-at) are expected, the engine drops them as unchanged
   * @param queryCap    results one vendor query can reach (HubSpot search: 10,000), which paging must get past by
   *                    key; 0 when there is none
   */
  public record Listing(boolean oldestFirst, Duration pageOverlap, int queryCap) {
    public Listing {
      Objects.requireNonNull(pageOverlap, "pageOverlap");
      if (pageOverlap.isNegative() || queryCap < 0) {
        throw new IllegalArgumentException("a negative page overlap or query cap");
      }
    }
  }
}
