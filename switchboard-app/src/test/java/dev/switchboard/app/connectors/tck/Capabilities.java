package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.connectors.BindingCapabilities;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the contracts hold a binding to: what the production binding declares ({@link BindingCapabilities}, read from
 * {@code connector.binding(vendorType).capabilities()} when the {@link TckBinding} is made), plus the knobs only a test
 * needs. The contracts hold each binding to what it declares, and a binding that declares less is held to less, so a
 * declaration is a promise, not a hint: the TCK is the proof that each declared capability holds.
 *
 * <p>Test-only knobs, stated by the TCK class:
 *
 * @param fullPage       records in a full page of an incremental listing, to seed a few pages (it depends on the
 *                       connector's configuration: Mailchimp's page size is a property)
 * @param writableFields the canonical fields a write sets and a read returns (the round trip is checked on these)
 * @param maxLength      per writable field, the longest value the vendor keeps whole
 * @param deletes        what a deletion at the vendor looks like to the connector
 * @param restores       a deleted object can be restored at the vendor (HubSpot's recycle bin) and is then fetched and
 *                       listed again, as modified at the restore
 * @param declared       the binding's declaration; null only until {@link TckBinding} reads it from the connector
 */
record Capabilities(int fullPage, List<String> writableFields, Map<String, Integer> maxLength, Deletes deletes,
    boolean restores, @Nullable BindingCapabilities declared) {

  /** The test-only knobs; the declaration is added from the binding under test. */
  Capabilities(int fullPage, List<String> writableFields, Map<String, Integer> maxLength, Deletes deletes,
      boolean restores) {
    this(fullPage, writableFields, maxLength, deletes, restores, null);
  }

  enum Deletes {
    /** Deleted objects are gone: fetch is empty and listings leave them out (the webhook says DELETED). */
    VANISH
  }

  /** These knobs, holding the binding to {@code declaration}. */
  Capabilities declaredBy(BindingCapabilities declaration) {
    return new Capabilities(fullPage, writableFields, maxLength, deletes, restores, declaration);
  }

  @Override
  public BindingCapabilities declared() {
    return Objects.requireNonNull(declared, "capabilities not yet read from the binding");
  }

  /** Declared: {@code listModified} with a {@code since} returns records by ascending modified-at. */
  boolean oldestFirst() {
    return declared().listing().oldestFirst();
  }

  /**
   * Declared: the vendor's modified-at resolution (HubSpot 1 ms, Mailchimp's {@code last_changed} 1 s): {@code since}
   * is honoured to this resolution, so a record that far before it may appear.
   */
  Duration timestampResolution() {
    return declared().timestamps().precision();
  }

  /**
   * Declared: how far back from the newest record of a page the next page may start again. Such repeats (same id,
   * same modified-at) are allowed; anything else seen twice is a repeat the cursor should not have made.
   */
  Duration pageOverlap() {
    return declared().listing().pageOverlap();
  }

  /** Declared: results one vendor query can reach (HubSpot search: 10,000); 0 when there is none. */
  int queryCap() {
    return declared().listing().queryCap();
  }

  /**
   * Declared: the canonical field a write without an id or create key upserts by, or null when the type has none
   * (HubSpot companies): then the contracts about natural keys are skipped, and every create carries a create key.
   */
  @Nullable String naturalKey() {
    return declared().keys().naturalKey();
  }

  /** Declared: a create repeated with the same create key finds the first object. */
  boolean createKeys() {
    return declared().keys().createKeys();
  }
}
