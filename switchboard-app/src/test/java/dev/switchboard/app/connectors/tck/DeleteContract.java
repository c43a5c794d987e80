package dev.switchboard.app.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connectors.DeleteResult;
import dev.switchboard.app.connectors.ListsDeletions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Deleting through the binding ({@code Connector#delete}) does what the type's declared semantics say: the objects
 * are gone from reads, one result per id in request order, and deleting again (or an id the vendor never had) is
 * still {@link DeleteResult.Deleted} — a delete is safe to repeat after a crash. Skipped for a type the binding
 * declares no delete semantics for.
 */
public interface DeleteContract extends ConnectorContract {

  @Test
  default void deletedObjectsVanishFromReadsAndDeletingAgainIsSafe() {
    Assumptions.assumeTrue(connector().deleteSemantics(type()).isPresent(), "the binding declares no deletes");
    String a = createAtVendor(tagValue("del-a"));
    String b = createAtVendor(tagValue("del-b"));
    String kept = createAtVendor(tagValue("del-kept"));

    List<DeleteResult> results = connector().delete(connection(), type(), List.of(b, a));
    assertThat(results).containsExactly(new DeleteResult.Deleted(b), new DeleteResult.Deleted(a));
    assertThat(connector().fetch(connection(), type(), a)).isEmpty();
    assertThat(connector().fetch(connection(), type(), b)).isEmpty();
    assertThat(connector().fetch(connection(), type(), kept)).isPresent();

    assertThat(connector().delete(connection(), type(), List.of(a))).containsExactly(new DeleteResult.Deleted(a));
  }

  /**
   * A binding that lists its deleted objects ({@link ListsDeletions}, what reconciliation sweeps to find deletions
   * whose webhooks were lost) lists an object deleted at the vendor, across pages, with when it was deleted; a live
   * object is not listed.
   */
  @Test
  default void aBindingThatListsDeletionsListsAnObjectDeletedAtTheVendor() {
    Assumptions.assumeTrue(connector() instanceof ListsDeletions l && l.listsDeletions(type()),
        "the binding does not list deleted objects");
    ListsDeletions lister = (ListsDeletions) connector();
    Instant before = Instant.now().minusSeconds(5);
    String gone = createAtVendor(tagValue("swept"));
    String kept = createAtVendor(tagValue("swept-kept"));
    binding().fixture().delete(gone);

    Map<String, ListsDeletions.Deleted> listed = new HashMap<>();
    String cursor = null;
    int pages = 0;
    do {
      ListsDeletions.DeletedPage p = lister.listDeleted(connection(), type(), cursor);
      p.deleted().forEach(d -> listed.put(d.externalId(), d));
      cursor = p.nextCursor();
    } while (cursor != null && ++pages < 1_000);
    assertThat(listed).containsKey(gone).doesNotContainKey(kept);
    Instant at = listed.get(gone).deletedAt();
    if (at != null) {
      assertThat(at).isAfter(before);
    }
  }
}
