package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * What the spine's edges rely on: every read that carries associations (fetch, {@code fetchAssociations}, a backfill
 * page) reports them as the vendor holds them now, the primary one marked, and "none" as an empty list, never null
 * (null means "not looked at", and the spine would keep a removed edge forever). A batch read ({@code fetchMany})
 * carries none: null, so that a property change costs no association read and changes no edge.
 */
public interface AssociationContract extends ConnectorContract {

  AssociationFixture associations();

  @Test
  default void aPrimaryAssociationReadsBackAsPrimaryAndItsRemovalAsAnEmptyList() {
    AssociationFixture f = associations();
    String target = f.createTarget(RecordSamples.unique("primary"));
    String id = f.createWithPrimary(tagValue("associated"), target);
    List<SourceRecord.Association> primary = List.of(
        new SourceRecord.Association(f.label(), f.targetType(), target, f.primary()));
    assertEveryRead(id, primary);

    f.remove(id, target);
    assertEveryRead(id, List.of());
  }

  /** Every read path is checked and reported, so one failure names all the paths that are wrong. */
  private void assertEveryRead(String id, List<SourceRecord.Association> expected) {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(connector().fetch(connection(), type(), id).orElseThrow().associations()).as("fetch")
        .isNotNull().containsExactlyInAnyOrderElementsOf(expected);
    soft.assertThat(connector().fetchAssociations(connection(), type(), List.of(id)).get(id))
        .as("fetchAssociations").isNotNull().containsExactlyInAnyOrderElementsOf(expected);
    soft.assertThat(connector().fetchMany(connection(), type(), List.of(id)).get(id).associations())
        .as("fetchMany looks at none").isNull();
    soft.assertThat(backfilled(id).associations()).as("a backfill page").isNotNull()
        .containsExactlyInAnyOrderElementsOf(expected);
    soft.assertAll();
  }

  /** The object as a backfill lists it (a real account may hold many pages before it). */
  private SourceRecord backfilled(String id) {
    String cursor = null;
    for (int page = 0; page < 500; page++) {
      RecordPage p = connector().listModified(connection(), type(), null, cursor);
      for (SourceRecord r : p.records()) {
        if (r.externalId().equals(id)) {
          return r;
        }
      }
      cursor = p.nextCursor();
      if (cursor == null) {
        break;
      }
    }
    throw new AssertionError("the backfill does not list " + id);
  }
}
