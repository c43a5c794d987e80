package dev.switchboard.app.connectors.tck;

import static dev.switchboard.app.connectors.tck.ConnectorContract.flat;
import static dev.switchboard.app.connectors.tck.ConnectorContract.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the reconciliation poll relies on: a listing from a watermark misses nothing (issue 16), however it is paged,
 * interrupted or raced by changes, and a page is no more than a page of what the vendor holds.
 */
public interface ReconciliationContract extends ConnectorContract {

  /**
   * Seeds a little over two full pages in small groups a second apart (so that pages span several of the vendor's
   * timestamps, whatever its resolution) and returns the ids; {@code since[0]} precedes them all.
   */
  private List<String> seedPages(Instant[] since) {
    requireSandbox("seeding several pages");
    VendorFixture fixture = binding().fixture();
    since[0] = fixture.now().minusSeconds(2);
    int count = caps().fullPage() * 2 + caps().fullPage() / 2;
    int group = Math.max(1, caps().fullPage() / 4);
    List<String> seeded = new java.util.ArrayList<>();
    while (seeded.size() < count) {
      seeded.addAll(fixture.seed(Math.min(group, count - seeded.size())));
      fixture.advance(java.time.Duration.ofMillis(1100));
    }
    return seeded;
  }

  @Test
  default void listsEveryObjectModifiedSinceTheWatermarkAcrossPages() {
    Instant[] since = new Instant[1];
    List<String> seeded = seedPages(since);
    // the oldest object, changed last: oldest first, it is listed last, not where it was added
    binding().fixture().modify(seeded.getFirst(), Map.of(samples().changeField(), "Changed Last"));
    List<RecordPage> pages = pages(connector(), since[0], null, 50);
    assertThat(pages).as("a listing of 2.5 full pages is paged").hasSizeGreaterThanOrEqualTo(3);
    assertThat(pages.getFirst().records()).as("a full page holds the declared page size").hasSize(caps().fullPage());
    assertThat(ids(flat(pages))).containsAll(seeded);
    assertPagingRules(pages);
    if (caps().oldestFirst()) {
      assertThat(flat(pages).getLast().externalId()).as("the object changed last is listed last")
          .isEqualTo(seeded.getFirst());
    }
    for (SourceRecord r : flat(pages)) {
      assertThat(r.modifiedAt()).as("nothing before since (to the vendor's resolution)")
          .isAfterOrEqualTo(since[0].minus(caps().timestampResolution()));
      assertThat(r.objectType()).isEqualTo(samples().type()); // the canonical type it is a record of
    }
  }

  @Test
  default void resumingFromAPersistedCursorLosesAndRepeatsNothing() {
    Instant[] since = new Instant[1];
    List<String> seeded = seedPages(since);
    RecordPage first = connector().listModified(connection(), type(), since[0], null);
    String persisted = first.nextCursor();
    assertThat(persisted).as("a first page of 2.5 pages has a next cursor").isNotNull();
    // SyncCursors keeps the position in sync_cursor.poll_cursor / backfill_cursor, varchar(2000)
    assertThat(persisted.length()).as("cursor fits sync_cursor's column").isLessThanOrEqualTo(2000);
    List<RecordPage> rest = pages(binding().restarted().get(), since[0], persisted, 50);
    List<RecordPage> all = new java.util.ArrayList<>(List.of(first));
    all.addAll(rest);
    assertThat(ids(flat(all))).containsAll(seeded);
    assertPagingRules(all);
  }

  @Test
  default void recordsModifiedExactlyAtTheWatermarkAreIncluded() {
    String before = createAtVendor(tagValue("before"));
    String at = createAtVendor(tagValue("at"));
    String after = createAtVendor(tagValue("after"));
    Instant watermark = connector().fetch(connection(), type(), at).orElseThrow().modifiedAt();
    List<SourceRecord> listed = flat(pages(connector(), watermark, null, 20));
    assertThat(ids(listed)).as("the record at the watermark and the one after it").contains(at, after);
    Instant beforeAt = connector().fetch(connection(), type(), before).orElseThrow().modifiedAt();
    if (beforeAt.isBefore(watermark.minus(caps().timestampResolution()))) {
      assertThat(ids(listed)).as("a record older than the watermark").doesNotContain(before);
    }
    for (SourceRecord r : listed) {
      assertThat(r.modifiedAt()).isAfterOrEqualTo(watermark.minus(caps().timestampResolution()));
    }
  }

  /**
   * Changes made between two pages: the changed objects and every other one are all seen in their latest state,
   * in this run or in the next one, which starts from the watermark this run would persist.
   */
  @Test
  default void objectsModifiedWhilePagingAreNotLost() {
    Instant[] since = new Instant[1];
    List<String> seeded = seedPages(since);
    RecordPage first = connector().listModified(connection(), type(), since[0], null);
    assertThat(first.nextCursor()).isNotNull();
    String seenEarly = first.records().getFirst().externalId();
    Set<String> firstIds = ids(first.records());
    String notYetSeen = seeded.stream().filter(id -> !firstIds.contains(id)).findFirst().orElseThrow();
    binding().fixture().modify(seenEarly, Map.of(samples().changeField(), "Changed Early"));
    binding().fixture().modify(notYetSeen, Map.of(samples().changeField(), "Changed Late"));

    List<RecordPage> run = new java.util.ArrayList<>(List.of(first));
    run.addAll(pages(connector(), since[0], first.nextCursor(), 50));
    List<SourceRecord> seen = new java.util.ArrayList<>(flat(run));
    seen.addAll(flat(pages(connector(), ConnectorContract.watermark(flat(run)), null, 50)));

    assertThat(ids(seen)).as("every object, in this run or the next").containsAll(seeded);
    Set<String> changedSeen = new HashSet<>();
    for (SourceRecord r : seen) {
      String name = r.record().string(samples().changeField());
      if ((r.externalId().equals(seenEarly) && "Changed Early".equals(name))
          || (r.externalId().equals(notYetSeen) && "Changed Late".equals(name))) {
        changedSeen.add(r.externalId());
      }
    }
    assertThat(changedSeen).as("both changes seen in their latest state").containsExactlyInAnyOrder(seenEarly, notYetSeen);
  }

  /**
   * A bulk import: 2.5 pages of objects in one go (one timestamp, where the vendor's resolution is coarse), paged
   * part way, then one already seen changes. Objects sharing a timestamp can only be paged by position or id; a
   * position shifts when an object moves out from before it, and the one shifted past must not be lost.
   */
  @Test
  default void objectsOfABulkImportAreNotLostWhenOneChangesWhilePaging() {
    requireSandbox("seeding a bulk import");
    VendorFixture fixture = binding().fixture();
    Instant since = fixture.now().minusSeconds(2);
    List<String> seeded = fixture.seedBulkImport(caps().fullPage() * 2 + caps().fullPage() / 2);
    List<RecordPage> run = new java.util.ArrayList<>();
    String cursor = null;
    do { // well inside the shared timestamp: more than a page of distinct objects read, more to come
      RecordPage p = connector().listModified(connection(), type(), since, cursor);
      run.add(p);
      cursor = p.nextCursor();
    } while (cursor != null && ids(flat(run)).size() < caps().fullPage() * 3 / 2 && run.size() < 10);
    assertThat(cursor).as("still paging the import").isNotNull();
    fixture.advance(java.time.Duration.ofMillis(1100));
    String changed = run.getFirst().records().get(1).externalId();
    fixture.modify(changed, Map.of(samples().changeField(), "Changed Mid-Import"));
    run.addAll(pages(connector(), since, cursor, 50));
    List<SourceRecord> seen = new java.util.ArrayList<>(flat(run));
    seen.addAll(flat(pages(connector(), ConnectorContract.watermark(flat(run)), null, 50)));
    assertThat(ids(seen)).as("every object of the import, in this run or the next").containsAll(seeded);
    assertThat(seen).as("the change seen").anyMatch(r -> r.externalId().equals(changed)
        && "Changed Mid-Import".equals(r.record().string(samples().changeField())));
  }

  @Test
  default void aBacklogPastTheVendorsQueryCapIsFullyListed() {
    Assumptions.assumeTrue(caps().queryCap() > 0, "the vendor's queries have no result cap");
    requireSandbox("seeding past the query cap");
    Instant since = binding().fixture().now().minusSeconds(2);
    List<String> seeded = binding().fixture().seed(caps().queryCap() + caps().fullPage() / 2);
    List<RecordPage> pages = pages(connector(), since, null, caps().queryCap() / caps().fullPage() * 3);
    Set<String> listed = ids(flat(pages));
    assertThat(listed.size()).as("every seeded object listed").isGreaterThanOrEqualTo(seeded.size());
    assertThat(listed).containsAll(seeded);
  }

  @Test
  default void deletedObjectsVanishFromFetchAndListings() {
    Assumptions.assumeTrue(caps().deletes() == Capabilities.Deletes.VANISH);
    Instant since = binding().fixture().now().minusSeconds(2);
    String kept = createAtVendor(tagValue("kept"));
    String gone = createAtVendor(tagValue("gone"));
    binding().fixture().delete(gone);
    assertThat(connector().fetch(connection(), type(), gone)).isEmpty();
    assertThat(connector().fetchMany(connection(), type(), List.of(kept, gone))).containsOnlyKeys(kept);
    Set<String> listed = ids(flat(pages(connector(), since, null, 20)));
    assertThat(listed).contains(kept).doesNotContain(gone);
    Set<String> backfill = ids(flat(pages(connector(), null, null, 20)));
    assertThat(backfill).contains(kept).doesNotContain(gone);
  }

  /**
   * A deleted object restored at the vendor (HubSpot's recycle bin) is back: fetched, fetched in a batch and listed
   * again with its values, and, modified at the restore, in the listing from the watermark taken while it was gone.
   */
  @Test
  default void aRestoredObjectIsFetchedAndListedAgain() {
    Assumptions.assumeTrue(caps().restores(), "the vendor cannot restore a deleted object");
    Assumptions.assumeTrue(caps().deletes() == Capabilities.Deletes.VANISH);
    requireSandbox("restoring from the recycle bin (a user's action, no API)");
    String tag = tagValue("restored");
    String id = createAtVendor(tag, Map.of(samples().changeField(), "Before the bin"));
    binding().fixture().delete(id);
    assertThat(connector().fetch(connection(), type(), id)).as("gone while deleted").isEmpty();
    Instant whileGone = connector().fetch(connection(), type(), createAtVendor(tagValue("while-gone")))
        .orElseThrow().modifiedAt();
    binding().fixture().advance(java.time.Duration.ofMillis(5));
    binding().fixture().restore(id);

    SourceRecord back = connector().fetch(connection(), type(), id).orElseThrow(() -> new AssertionError("restored"));
    assertThat(samples().tagOf(back)).isEqualTo(tag);
    assertThat(back.record().string(samples().changeField())).as("its values come back").isEqualTo("Before the bin");
    assertThat(back.modifiedAt()).as("modified at the restore").isAfter(whileGone);
    assertThat(connector().fetchMany(connection(), type(), List.of(id))).containsOnlyKeys(id);
    assertThat(ids(flat(pages(connector(), whileGone, null, 20)))).as("listed from the watermark").contains(id);
    assertThat(ids(flat(pages(connector(), null, null, 20)))).as("and in a backfill").contains(id);
  }
}
