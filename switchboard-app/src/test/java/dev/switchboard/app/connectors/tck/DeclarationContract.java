package dev.switchboard.app.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connectors.BindingCapabilities;
import dev.switchboard.app.connectors.ListsDeletions;
import dev.switchboard.app.connectors.TypeBinding;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The binding's declaration is the one the spine plans by and the one the other contracts prove: the connector's
 * per-type answers are its binding's ({@code connector.timestamps(type)} is the declared timestamps, and so on), and
 * every capability it declares is held to the contract that proves it (a binding that declares deletes runs
 * {@link DeleteContract}, one that merges {@link MergeContract}, one that keeps associations
 * {@link AssociationContract}, one whose changes are polled
 * {@link ReconciliationContract}, one whose changes arrive by webhook {@link WebhookContract}).
 */
public interface DeclarationContract extends ConnectorContract {

  @Test
  default void theConnectorAnswersWhatItsBindingDeclares() {
    TypeBinding b = connector().binding(type());
    BindingCapabilities declared = b.capabilities();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(connector().vendorTypes()).as("vendor types").contains(b.vendorType());
    soft.assertThat(b.vendorType().name()).as("the binding's name").isEqualTo(type());
    soft.assertThat(connector().timestamps(type())).as("timestamps").isEqualTo(declared.timestamps());
    soft.assertThat(connector().deleteSemantics(type())).as("delete semantics").isEqualTo(declared.deleteSemantics());
    soft.assertThat(connector().associationKinds(type())).as("association kinds")
        .isEqualTo(declared.associationKinds());
    soft.assertThat(connector().mergeableTypes().contains(type())).as("mergeable").isEqualTo(declared.mergeable());
    soft.assertThat(connector().maxBatchSize(type())).as("max batch size").isEqualTo(b.maxBatchSize());
    soft.assertThat(caps().declared()).as("the TCK holds the binding to its own declaration").isSameAs(declared);
    soft.assertAll();
  }

  @Test
  default void everyDeclaredCapabilityIsHeldToTheContractThatProvesIt() {
    BindingCapabilities declared = caps().declared();
    if (declared.deleteSemantics().isPresent()) {
      assertThat(this).as("declares deletes").isInstanceOf(DeleteContract.class);
    }
    if (declared.mergeable()) {
      assertThat(this).as("declares merges").isInstanceOf(MergeContract.class);
    }
    if (!declared.associationKinds().isEmpty()) {
      assertThat(this).as("keeps associations").isInstanceOf(AssociationContract.class);
    }
    if (declared.detection().changes().poll()) {
      assertThat(this).as("changes are polled").isInstanceOf(ReconciliationContract.class);
    }
    if (declared.detection().deletions().poll()) {
      assertThat(connector() instanceof ListsDeletions l && l.listsDeletions(type()))
          .as("deletions are swept: the connector lists the type's deleted objects").isTrue();
      assertThat(this).as("deletions are swept").isInstanceOf(DeleteContract.class);
    }
    if (declared.detection().associationChanges().poll()) {
      assertThat(this).as("association changes are swept").isInstanceOf(AssociationContract.class);
    }
    if (declared.detection().changes().webhook() || declared.detection().deletions().webhook()) {
      assertThat(this).as("changes arrive by webhook").isInstanceOf(WebhookContract.class);
    }
    assertThat(this).as("every binding writes").isInstanceOf(WriteContract.class);
  }
}
