package dev.switchboard.app.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.connectors.VendorException;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Merging through the binding ({@code Connector#merge}) does what a binding that declares
 * {@code BindingCapabilities#mergeable()} promises the spine's repeated merges: the object that remains is answered and
 * still read, the merged-away one is gone from batch reads, and a merge the vendor refuses (an id it does not have) is
 * a permanent failure, never retried. Skipped for a binding that declares no merges.
 */
public interface MergeContract extends ConnectorContract {

  @Test
  default void aMergeKeepsTheObjectItAnswersAndTheMergedOneLeavesReads() {
    Assumptions.assumeTrue(caps().declared().mergeable(), "the binding declares no merges");
    String survivor = createAtVendor(tagValue("merge-keep"));
    String merged = createAtVendor(tagValue("merge-fold"));

    String remaining = connector().merge(connection(), type(), survivor, merged).orElseThrow();

    assertThat(remaining).as("the survivor remains").isEqualTo(survivor);
    assertThat(connector().fetch(connection(), type(), remaining)).isPresent();
    assertThat(connector().fetchMany(connection(), type(), List.of(merged))).doesNotContainKey(merged);
  }

  @Test
  default void aMergeOfAnIdTheVendorDoesNotHaveIsPermanent() {
    Assumptions.assumeTrue(caps().declared().mergeable(), "the binding declares no merges");
    String survivor = createAtVendor(tagValue("merge-alone"));
    assertThatThrownBy(() -> connector().merge(connection(), type(), survivor, "999999999"))
        .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.retryable()).isFalse());
  }
}
