package dev.switchboard.app.connectors.tck;

import static dev.switchboard.app.connectors.tck.ConnectorContract.email;
import static dev.switchboard.app.connectors.tck.ConnectorContract.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      } else if (f.equals(ContactField.EMAIL)) {
        assertThat(got).as(f).isEqualTo(((String) want).trim().toLowerCase(Locale.ROOT));
      } else {
        assertThat(got).as(f).isEqualTo(want instanceof String s ? s.trim() : want);
      }
    }
  }

  @Test
  default void createThenUpdateReadsBackWithoutDiffOnEveryWritableField() {
    String email = email("roundtrip");
    Map<String, Object> created = new LinkedHashMap<>();
    created.put(ContactField.EMAIL, email);
    created.put(ContactField.FIRST_NAME, "Zoë Ångström 李小龍 🙂");
    created.put(ContactField.LAST_NAME, longest(ContactField.LAST_NAME));
    created.put(ContactField.PHONE, "+1 (415) 555-0100");
    created.put(ContactField.COMPANY, "  Ünïcødé GmbH  ");
    CanonicalRecord create = record(created);
    String id = written(write(List.of(new WriteRequest(11, null, create))).getFirst());
    assertReadsBack(create, read(id));

    // an update names some fields: "" and null clear theirs, an absent field is left as it is
    Map<String, Object> changed = new HashMap<>();
    changed.put(ContactField.EMAIL, email);
    changed.put(ContactField.FIRST_NAME, "");
    changed.put(ContactField.PHONE, null);
    changed.put(ContactField.COMPANY, "Straße & Söhne");
    CanonicalRecord update = record(changed);
    assertThat(written(write(List.of(new WriteRequest(12, id, update))).getFirst())).isEqualTo(id);
    SourceRecord after = read(id);
    assertReadsBack(update, after);
    assertThat(after.record().string(ContactField.LAST_NAME)).as("a field the update did not name is kept")
        .isEqualTo(longest(ContactField.LAST_NAME));

    // writing back what was read (whatever the vendor reformatted) changes nothing: no echo, no diff
    Map<String, Object> readBack = new HashMap<>();
    for (String f : caps().writableFields()) {
      if (after.record().has(f)) {
        readBack.put(f, after.record().fields().get(f));
      }
    }
    written(write(List.of(new WriteRequest(13, id, record(readBack)))).getFirst());
    SourceRecord again = read(id);
    assertThat(again.record()).as("read-back written again reads the same").isEqualTo(after.record());
    assertThat(again.modifiedAt()).as("and the vendor saw no change").isEqualTo(after.modifiedAt());
  }

  @Test
  default void aRefusedItemIsRejectedAloneAndTheOthersAreWritten() {
    String a = email("ok-a");
    String bad = email("refused");
    String b = email("ok-b");
    List<WriteResult> out = write(List.of(
        new WriteRequest(301, null, record(Map.of(ContactField.EMAIL, a, ContactField.FIRST_NAME, "A"))),
        new WriteRequest(302, null, binding().fixture().refusedRecord(bad)),
        new WriteRequest(303, null, record(Map.of(ContactField.EMAIL, b, ContactField.FIRST_NAME, "B")))));
    assertThat(out.get(1)).isInstanceOf(WriteResult.Rejected.class);
    WriteResult.Rejected rejected = (WriteResult.Rejected) out.get(1);
    assertThat(rejected.errorCode()).isNotBlank();
    assertThat(rejected.message()).as("no PII in the rejection").doesNotContain(bad);
    assertThat(read(written(out.get(0))).record().string(ContactField.EMAIL)).isEqualTo(a);
    assertThat(read(written(out.get(2))).record().string(ContactField.EMAIL)).isEqualTo(b);
  }

  /**
   * Refs out of order; creates, updates of existing objects (by key and by id), a refused item and a repeated key in
   * one batch, so that a vendor's answer (created before updated, errors apart, duplicates folded) never lines up
   * with the requests: each result must still name the object of its own request.
   */
  @Test
  default void resultsAreMatchedToRequestsByRefNotPosition() {
    String byKeyEmail = email("by-key");
    String byKey = binding().fixture().create(Map.of(ContactField.EMAIL, byKeyEmail, ContactField.FIRST_NAME, "Old"));
    String byIdEmail = email("by-id");
    String byId = binding().fixture().create(Map.of(ContactField.EMAIL, byIdEmail, ContactField.FIRST_NAME, "Old"));
    String fresh1 = email("new-1");
    String fresh2 = email("new-2");
    String refused = email("refused");
    List<WriteRequest> batch = List.of(
        new WriteRequest(907, null, subscribed(fresh1, "First")),
        new WriteRequest(13, null, subscribed(byKeyEmail, "Updated by key")),
        new WriteRequest(512, null, binding().fixture().refusedRecord(refused)),
        new WriteRequest(88, byId, subscribed(byIdEmail, "Updated by id")),
        new WriteRequest(2, null, subscribed(fresh2, "Second")),
        new WriteRequest(640, null, subscribed(fresh1, "First, again")));
    List<WriteResult> out = write(batch);
    assertThat(out.get(2)).as("the refused item").isInstanceOf(WriteResult.Rejected.class);
    Map<Integer, String> expectedEmail = Map.of(0, fresh1, 1, byKeyEmail, 3, byIdEmail, 4, fresh2, 5, fresh1);
    Map<Integer, String> expectedName = Map.of(0, "First, again", 1, "Updated by key", 3, "Updated by id",
        4, "Second", 5, "First, again");
    expectedEmail.forEach((i, e) -> {
      SourceRecord r = read(written(out.get(i)));
      assertThat(r.record().string(ContactField.EMAIL)).as("result of ref %d", batch.get(i).ref()).isEqualTo(e);
      assertThat(r.record().string(ContactField.FIRST_NAME)).as("values of ref %d", batch.get(i).ref())
          .isEqualTo(expectedName.get(i));
    });
    assertThat(written(out.get(1))).isEqualTo(byKey);
    assertThat(written(out.get(3))).isEqualTo(byId);
  }

  private static CanonicalRecord subscribed(String email, String firstName) {
    return record(Map.of(ContactField.EMAIL, email, ContactField.FIRST_NAME, firstName,
        ContactField.MARKETING_STATUS, "subscribed"));
  }

  /** The same natural key twice in one batch: one object, the later request's values, a result for both. */
  @Test
  default void duplicateKeysInOneBatchWriteOneObjectWithTheLastValues() {
    String e = email("dup");
    List<WriteResult> out = write(List.of(
        new WriteRequest(71, null, record(Map.of(ContactField.EMAIL, e, ContactField.FIRST_NAME, "First"))),
        new WriteRequest(72, null, record(Map.of(ContactField.EMAIL, e.toUpperCase(Locale.ROOT),
            ContactField.FIRST_NAME, "Second")))));
    String id = written(out.get(0));
    assertThat(written(out.get(1))).as("both requests name the one object").isEqualTo(id);
    assertThat(read(id).record().string(ContactField.FIRST_NAME)).isEqualTo("Second");
  }

  /** Egress retries a batch whose answer was lost: the repeat is an upsert, not a second object or an error. */
  @Test
  default void repeatingAWriteIsSafe() {
    java.time.Instant since = binding().fixture().now().minusSeconds(2);
    String e = email("again");
    CanonicalRecord r = record(Map.of(ContactField.EMAIL, e, ContactField.LAST_NAME, "Twice"));
    String id = written(write(List.of(new WriteRequest(5, null, r))).getFirst());
    SourceRecord first = read(id);
    assertThat(written(write(List.of(new WriteRequest(6, null, r))).getFirst())).isEqualTo(id);
    assertThat(written(write(List.of(new WriteRequest(7, id, r))).getFirst())).isEqualTo(id);
    SourceRecord again = read(id);
    assertThat(again.record()).isEqualTo(first.record());
    assertThat(again.modifiedAt()).as("an identical write changes nothing at the vendor").isEqualTo(first.modifiedAt());
    long sameEmail = ConnectorContract.flat(pages(connector(), since, null, 50)).stream()
        .filter(x -> e.equals(x.record().string(ContactField.EMAIL))).map(SourceRecord::externalId).distinct().count();
    assertThat(sameEmail).as("one object for the e-mail").isEqualTo(1);
  }
}
