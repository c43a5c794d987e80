package dev.switchboard.app.connectors;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A connector that can list the objects of a vendor type that were deleted (archived) at the vendor and are still
 * listed there (HubSpot keeps archived CRM objects in its recycle bin for 90 days). Reconciliation sweeps it so that a
 * deletion whose webhook was lost still tombstones its link: changes are found by {@link Connector#listModified},
 * deletions by this. A connector without it relies on its deletion webhooks (and on a write to a deleted object being
 * refused).
 */
public interface ListsDeletions {

  /** Whether deleted objects of {@code vendorType} can be listed. */
  boolean listsDeletions(String vendorType);

  /**
   * One page of the deleted objects of {@code vendorType}, in the vendor's order.
   *
   * @param cursor the {@link DeletedPage#nextCursor()} of the previous page, or null for the first page
   * @throws VendorException as {@link Connector#listModified} does
   */
  DeletedPage listDeleted(ConnectionContext connection, String vendorType, @Nullable String cursor);

  /** A deleted object: its id and when the vendor says it was deleted (null when it does not say). */
  record Deleted(String externalId, @Nullable Instant deletedAt) {}

  /** A page of deleted objects; {@code nextCursor} null on the last page. */
  record DeletedPage(List<Deleted> deleted, @Nullable String nextCursor) {
    public DeletedPage {
      deleted = List.copyOf(deleted);
    }
  }
}
