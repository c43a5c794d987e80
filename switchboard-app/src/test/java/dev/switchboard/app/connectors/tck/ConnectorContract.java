package dev.switchboard.app.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.WriteRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The root of the connector contract suite (TCK). A binding joins by one class that implements the contract
 * interfaces it is held to ({@link ReconciliationContract}, {@link WriteContract}, {@link FailureContract},
 * {@link WebhookContract}) and answers {@link #binding()}; the test methods are the interfaces' defaults, so the same
 * assertions run against every binding, now and when new ones arrive.
 */
public interface ConnectorContract {

  /** The binding under test; one per test instance (JUnit makes a new instance per test). */
  TckBinding binding();

  @BeforeEach
  default void resetVendor() {
    binding().fixture().reset();
  }

  /** The sandbox outlives the class (one per JVM); its data need not. */
  @AfterAll
  static void releaseSandboxData() {
    TckSandbox.releaseData();
  }

  /** Skips a contract that needs the sandbox (seeding, faults, counters) when the suite targets a real account. */
  default void requireSandbox(String why) {
    Assumptions.assumeTrue(binding().fixture().sandboxed(), why + " needs the sandbox");
  }

  default Connector connector() {
    return binding().connector();
  }

  default ConnectionContext connection() {
    return binding().connection();
  }

  /** The vendor type under test: what every connector call names. */
  default String type() {
    return binding().vendorType();
  }

  default Capabilities caps() {
    return binding().caps();
  }

  default RecordSamples samples() {
    return binding().samples();
  }

  /** A unique, obviously synthetic e-mail: tests against a real account only ever look at their own objects. */
  static String email(String tag) {
    return "tck-" + tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  /** A record of the binding's type. */
  default CanonicalRecord record(Map<String, ?> fields) {
    return new CanonicalRecord(samples().type(), new LinkedHashMap<String, Object>(fields));
  }

  /** A unique tag value ({@link RecordSamples#tagValue}) of the binding's type. */
  default String tagValue(String tag) {
    return samples().tagValue(tag);
  }

  /** Creates an object named {@code tagValue} at the vendor, as a user would (not through the connector). */
  default String createAtVendor(String tagValue, Map<String, String> more) {
    Map<String, String> fields = new LinkedHashMap<>(more);
    fields.put(samples().tagField(), tagValue);
    return binding().fixture().create(fields);
  }

  default String createAtVendor(String tagValue) {
    return createAtVendor(tagValue, Map.of());
  }

  /**
   * A write of a new object as the spine sends it: by natural key alone where the type has one (no create key, as
   * callers outside the spine write), else with a create key derived from the record's tag value, so that requests
   * for the same tagged object carry the same key.
   */
  default WriteRequest createRequest(long ref, CanonicalRecord desired) {
    return new WriteRequest(ref, null, desired, caps().naturalKey() != null ? null : createKey(desired));
  }

  /** The create key the suite uses for a record: its tag value, under a prefix. */
  default String createKey(CanonicalRecord desired) {
    String tag = desired.string(samples().tagField());
    if (tag == null || tag.isBlank()) {
      throw new IllegalArgumentException("a record the suite creates carries its tag field " + samples().tagField());
    }
    return "tck-key:" + tag.trim();
  }

  /** The same connection under a new id: a fresh limiter gate, so one test's pause does not slow the next call. */
  static ConnectionContext fresh(ConnectionContext c) {
    return new ConnectionContext(c.connectionId() + "-" + UUID.randomUUID(), c.tenantId(), c.system(), c.accountId(),
        c.settings(), c.credentials());
  }

  /** Every page from {@code cursor} to the end (at most {@code maxPages}, so a cursor that never ends fails). */
  default List<RecordPage> pages(Connector c, @Nullable Instant since, @Nullable String cursor, int maxPages) {
    List<RecordPage> out = new ArrayList<>();
    String next = cursor;
    do {
      RecordPage p = c.listModified(connection(), type(), since, next);
      out.add(p);
      next = p.nextCursor();
      assertThat(out).as("pages before the listing ended").hasSizeLessThanOrEqualTo(maxPages);
    } while (next != null);
    return out;
  }

  static List<SourceRecord> flat(List<RecordPage> pages) {
    return pages.stream().flatMap(p -> p.records().stream()).toList();
  }

  static Set<String> ids(List<SourceRecord> records) {
    Set<String> out = new java.util.LinkedHashSet<>();
    records.forEach(r -> out.add(r.externalId()));
    return out;
  }

  /**
   * Checks the paging rules on a run's pages: within a page oldest first (when declared); a record seen again only on
   * the very next page, unchanged, and within the declared overlap of the previous page's newest; and (oldest first)
   * no page starting before the previous one's newest minus the overlap.
   */
  default void assertPagingRules(List<RecordPage> pages) {
    Duration overlap = caps().pageOverlap();
    Map<String, Integer> pageOf = new HashMap<>();
    Map<String, Instant> modifiedOf = new HashMap<>();
    Instant previousNewest = null;
    for (int i = 0; i < pages.size(); i++) {
      Instant newest = previousNewest;
      Instant prior = null;
      for (SourceRecord r : pages.get(i).records()) {
        if (caps().oldestFirst()) {
          if (prior != null) {
            assertThat(r.modifiedAt()).as("page %d is oldest first", i).isAfterOrEqualTo(prior);
          }
          if (prior == null && previousNewest != null) {
            assertThat(r.modifiedAt()).as("page %d starts within the overlap of page %d's newest", i, i - 1)
                .isAfterOrEqualTo(previousNewest.minus(overlap));
          }
        }
        prior = r.modifiedAt();
        Integer seenOn = pageOf.get(r.externalId());
        if (seenOn != null) {
          assertThat(seenOn).as("a record repeated on page %d was first seen on the page just before", i)
              .isEqualTo(i - 1);
          assertThat(r.modifiedAt()).as("a repeat is unchanged").isEqualTo(modifiedOf.get(r.externalId()));
          assertThat(r.modifiedAt()).as("a repeat lies within the declared overlap of the previous page's newest")
              .isAfterOrEqualTo(previousNewest.minus(overlap));
        } else {
          pageOf.put(r.externalId(), i);
        }
        modifiedOf.put(r.externalId(), r.modifiedAt());
        newest = newest == null || r.modifiedAt().isAfter(newest) ? r.modifiedAt() : newest;
      }
      for (SourceRecord r : pages.get(i).records()) {
        pageOf.put(r.externalId(), Math.max(pageOf.get(r.externalId()), i));
      }
      previousNewest = newest;
    }
  }

  /** The newest modified-at of a run: what the reconciler persists as the watermark when the run completes. */
  static Instant watermark(List<SourceRecord> records) {
    return records.stream().map(SourceRecord::modifiedAt).max(Instant::compareTo).orElseThrow();
  }
}
