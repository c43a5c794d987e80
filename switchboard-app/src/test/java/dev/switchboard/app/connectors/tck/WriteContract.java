package dev.switchboard.app.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What egress relies on: a write lands as asked and reads back the same (else every sync would echo a diff), one bad
 * item costs only itself, results belong to their requests by ref, and repeating a write is harmless.
 */
public interface WriteContract extends ConnectorContract {

  private List<WriteResult> write(List<WriteRequest> batch) {
    List<WriteResult> out = connector().write(connection(), type(), batch);
    assertThat(out).as("one result per request").hasSize(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      assertThat(out.get(i).ref()).as("result %d carries its request's ref", i).isEqualTo(batch.get(i).ref());
    }
    return out;
  }

  private static String written(WriteResult r) {
    assertThat(r).as("written, not rejected").isInstanceOf(WriteResult.Written.class);
    return ((WriteResult.Written) r).externalId();
  }

  private SourceRecord read(String id) {
    return connector().fetch(connection(), type(), id).orElseThrow(() -> new AssertionError("not found after write"));
  }

  /** A value of exactly the vendor's maximum length for {@code field}, unicode included. */
  private String longest(String field) {
    int max = caps().maxLength().getOrDefault(field, 255);
    StringBuilder b = new StringBuilder("Łong-");
    while (b.length() < max) {
      b.append((char) ('a' + b.length() % 26));
    }
    return b.substring(0, max);
  }

  /** Asserts that every writable field {@code desired} names reads back as written (trimmed; "" and null clear). */
  private void assertReadsBack(CanonicalRecord desired, SourceRecord actual) {
    for (String f : caps().writableFields()) {
      if (!desired.has(f)) {
        continue;
      }
      Object want = desired.fields().get(f);
      Object got = actual.record().fields().get(f);
      if (want == null || (want instanceof String s && s.isBlank())) {
        assertThat(got).as("%s cleared reads back as \"\"", f).isEqualTo("");
      } else {
        assertThat(got).as(f).isEqualTo(samples().readsBackAs(f, want));
      }
    }
  }

  @Test
  default void createThenUpdateReadsBackWithoutDiffOnEveryWritableField() {
    String tag = tagValue("roundtrip");
    CanonicalRecord create = samples().roundTripCreate(tag, this::longest);
    String id = written(write(List.of(createRequest(11, create))).getFirst());
    assertReadsBack(create, read(id));
    Object kept = read(id).record().fields().get(samples().keptField());

    // an update names some fields: "" and null clear theirs, an absent field is left as it is
    SourceRecord after = null;
    long ref = 12;
    for (CanonicalRecord update : samples().roundTripUpdates(tag)) {
      assertThat(written(write(List.of(new WriteRequest(ref++, id, update))).getFirst())).isEqualTo(id);
      after = read(id);
      assertReadsBack(update, after);
      assertThat(after.record().fields().get(samples().keptField())).as("a field the update did not name is kept")
          .isEqualTo(kept);
    }
    assertThat(kept).isEqualTo(samples().readsBackAs(samples().keptField(), longest(samples().keptField())));

    // writing back what was read (whatever the vendor reformatted) changes nothing: no echo, no diff
    Map<String, Object> readBack = new HashMap<>();
    for (String f : caps().writableFields()) {
      if (after.record().has(f)) {
        readBack.put(f, after.record().fields().get(f));
      }
    }
    written(write(List.of(new WriteRequest(ref, id, record(readBack)))).getFirst());
    SourceRecord again = read(id);
    assertThat(again.record()).as("read-back written again reads the same").isEqualTo(after.record());
    assertThat(again.modifiedAt()).as("and the vendor saw no change").isEqualTo(after.modifiedAt());
  }

  @Test
  default void aRefusedItemIsRejectedAloneAndTheOthersAreWritten() {
    String a = tagValue("ok-a");
    String bad = tagValue("refused");
    String b = tagValue("ok-b");
    List<WriteResult> out = write(List.of(
        createRequest(301, samples().sample(a, "A")),
        createRequest(302, binding().fixture().refusedRecord(bad)),
        createRequest(303, samples().sample(b, "B"))));
    assertThat(out.get(1)).isInstanceOf(WriteResult.Rejected.class);
    WriteResult.Rejected rejected = (WriteResult.Rejected) out.get(1);
    assertThat(rejected.errorCode()).isNotBlank();
    assertThat(rejected.errorCode()).as("refused by the vendor, not for a missing key").doesNotStartWith("missing_");
    assertThat(rejected.message()).as("no PII in the rejection").doesNotContain(bad);
    assertThat(samples().tagOf(read(written(out.get(0))))).isEqualTo(a);
    assertThat(samples().tagOf(read(written(out.get(2))))).isEqualTo(b);
  }

  /**
   * Refs out of order; creates, updates of existing objects (by key and by id), a refused item and a repeated key in
   * one batch, so that a vendor's answer (created before updated, errors apart, duplicates folded) never lines up
   * with the requests: each result must still name the object of its own request. The key is the natural key where
   * the type has one (the object made by a user), else the create key (the object made by an earlier write).
   */
  @Test
  default void resultsAreMatchedToRequestsByRefNotPosition() {
    String byKeyTag = tagValue("by-key");
    String byKey = existingByKey(byKeyTag);
    String byIdTag = tagValue("by-id");
    String byId = createAtVendor(byIdTag, Map.of(samples().changeField(), "Old"));
    String fresh1 = tagValue("new-1");
    String fresh2 = tagValue("new-2");
    String refused = tagValue("refused");
    List<WriteRequest> batch = List.of(
        createRequest(907, creatable(fresh1, "First")),
        createRequest(13, creatable(byKeyTag, "Updated by key")),
        createRequest(512, binding().fixture().refusedRecord(refused)),
        new WriteRequest(88, byId, creatable(byIdTag, "Updated by id")),
        createRequest(2, creatable(fresh2, "Second")),
        createRequest(640, creatable(fresh1, "First, again")));
    List<WriteResult> out = write(batch);
    assertThat(out.get(2)).as("the refused item").isInstanceOf(WriteResult.Rejected.class);
    Map<Integer, String> expectedTag = Map.of(0, fresh1, 1, byKeyTag, 3, byIdTag, 4, fresh2, 5, fresh1);
    Map<Integer, String> expectedValue = Map.of(0, "First, again", 1, "Updated by key", 3, "Updated by id",
        4, "Second", 5, "First, again");
    expectedTag.forEach((i, e) -> {
      SourceRecord r = read(written(out.get(i)));
      assertThat(samples().tagOf(r)).as("result of ref %d", batch.get(i).ref()).isEqualTo(e);
      assertThat(r.record().string(samples().changeField())).as("values of ref %d", batch.get(i).ref())
          .isEqualTo(expectedValue.get(i));
    });
    assertThat(written(out.get(1))).isEqualTo(byKey);
    assertThat(written(out.get(3))).isEqualTo(byId);
  }

  /** An existing object a keyed write without an id finds: a user's (natural key), else an earlier write's. */
  private String existingByKey(String tag) {
    if (caps().naturalKey() != null) {
      return createAtVendor(tag, Map.of(samples().changeField(), "Old"));
    }
    return written(write(List.of(createRequest(1, creatable(tag, "Old")))).getFirst());
  }

  private CanonicalRecord creatable(String tag, String value) {
    Map<String, Object> fields = new HashMap<>(samples().createExtras());
    fields.putAll(samples().sample(tag, value).fields());
    return record(fields);
  }

  /** The same natural key twice in one batch: one object, the later request's values, a result for both. */
  @Test
  default void duplicateKeysInOneBatchWriteOneObjectWithTheLastValues() {
    Assumptions.assumeTrue(caps().naturalKey() != null, "the type has no natural key to upsert by");
    String e = tagValue("dup");
    List<WriteResult> out = write(List.of(
        new WriteRequest(71, null, record(Map.of(caps().naturalKey(), e, samples().changeField(), "First"))),
        new WriteRequest(72, null, record(Map.of(caps().naturalKey(), e.toUpperCase(Locale.ROOT),
            samples().changeField(), "Second")))));
    String id = written(out.get(0));
    assertThat(written(out.get(1))).as("both requests name the one object").isEqualTo(id);
    assertThat(read(id).record().string(samples().changeField())).isEqualTo("Second");
  }

  /** Egress retries a batch whose answer was lost: the repeat is an upsert, not a second object or an error. */
  @Test
  default void repeatingAWriteIsSafe() {
    java.time.Instant since = binding().fixture().now().minusSeconds(2);
    String e = tagValue("again");
    CanonicalRecord r = record(Map.of(samples().tagField(), e, samples().changeField(), "Twice"));
    String id = written(write(List.of(createRequest(5, r))).getFirst());
    SourceRecord first = read(id);
    assertThat(written(write(List.of(createRequest(6, r))).getFirst())).isEqualTo(id);
    assertThat(written(write(List.of(new WriteRequest(7, id, r))).getFirst())).isEqualTo(id);
    SourceRecord again = read(id);
    assertThat(again.record()).isEqualTo(first.record());
    assertThat(again.modifiedAt()).as("an identical write changes nothing at the vendor").isEqualTo(first.modifiedAt());
    assertThat(objectsTagged(since, e)).as("one object for the tag").isEqualTo(1);
  }

  /**
   * The crash-safe create: a create repeated with its create key (the first answer lost, the spine retries after a
   * restart, in the same batch or a later one, with the values changed meanwhile) finds the object the first made.
   */
  @Test
  default void aCreateRepeatedWithItsCreateKeyFindsTheFirstObject() {
    Assumptions.assumeTrue(caps().createKeys(), "the vendor keeps no create keys");
    java.time.Instant since = binding().fixture().now().minusSeconds(2);
    String e = tagValue("crash");
    String key = "tck-crash:" + e;
    String id = written(write(List.of(new WriteRequest(21, null, samples().sample(e, "Before the crash"), key)))
        .getFirst());
    List<WriteResult> retried = write(List.of(
        new WriteRequest(22, null, samples().sample(e, "Retried"), key),
        new WriteRequest(23, null, samples().sample(e, "Retried, newest"), key)));
    assertThat(written(retried.get(0))).as("the retry finds the first object").isEqualTo(id);
    assertThat(written(retried.get(1))).as("a duplicate key in one batch too").isEqualTo(id);
    assertThat(read(id).record().string(samples().changeField())).isEqualTo("Retried, newest");
    assertThat(objectsTagged(since, e)).as("one object for the create key").isEqualTo(1);
  }

  private long objectsTagged(java.time.Instant since, String tag) {
    return ConnectorContract.flat(pages(connector(), since, null, 50)).stream()
        .filter(x -> tag.equals(samples().tagOf(x))).map(SourceRecord::externalId).distinct().count();
  }
}
