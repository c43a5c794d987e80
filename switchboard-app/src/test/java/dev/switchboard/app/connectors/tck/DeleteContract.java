package dev.switchboard.app.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.DeleteResult;
import java.util.List;
import java.util.Map;
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
    String a = binding().fixture().create(Map.of(ContactField.EMAIL, ConnectorContract.email("del-a"),
        ContactField.FIRST_NAME, "Ada"));
    String b = binding().fixture().create(Map.of(ContactField.EMAIL, ConnectorContract.email("del-b"),
        ContactField.FIRST_NAME, "Bea"));
    String kept = binding().fixture().create(Map.of(ContactField.EMAIL, ConnectorContract.email("del-kept"),
        ContactField.FIRST_NAME, "Kay"));

    List<DeleteResult> results = connector().delete(connection(), type(), List.of(b, a));
    assertThat(results).containsExactly(new DeleteResult.Deleted(b), new DeleteResult.Deleted(a));
    assertThat(connector().fetch(connection(), type(), a)).isEmpty();
    assertThat(connector().fetch(connection(), type(), b)).isEmpty();
    assertThat(connector().fetch(connection(), type(), kept)).isPresent();

    assertThat(connector().delete(connection(), type(), List.of(a))).containsExactly(new DeleteResult.Deleted(a));
  }
}
