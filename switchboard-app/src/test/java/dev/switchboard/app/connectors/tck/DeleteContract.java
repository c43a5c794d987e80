package dev.switchboard.app.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connectors.DeleteResult;
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
}
