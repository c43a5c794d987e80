package dev.switchboard.app.connectors.tck;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a binding declares about itself where today's SPI has no way to say it. The contracts hold each binding to
 * what it declares, and a binding that declares less is held to less, so a declaration is a promise, not a hint.
 * Issue 10 moves these into the per-type binding of the redesigned SPI; until then they live with the TCK subclass.
 *
 * @param oldestFirst         {@code listModified} with a {@code since} returns records by ascending modified-at
 * @param timestampResolution the vendor's modified-at resolution (HubSpot 1 ms, Mailchimp's {@code last_changed} 1 s):
 *                            {@code since} is honoured to this resolution, so a record that far before it may appear
 * @param pageOverlap         how far back from the newest record of a page the next page may start again: such
 *                            repeats (same id, same modified-at) are allowed, the engine drops them as unchanged;
 *                            anything else seen twice is a repeat the cursor should not have made
 * @param fullPage            records in a full page of an incremental listing, to seed a few pages
 * @param queryCap            results one vendor query can reach (HubSpot search: 10,000); 0 when there is none
 * @param writableFields      the canonical fields a write sets and a read returns (the round trip is checked on these)
 * @param maxLength           per writable field, the longest value the vendor keeps whole
 * @param deletes             what a deletion at the vendor looks like to the connector
 * @param naturalKey          the canonical field a write without an id or create key upserts by (a contact's
 *                            {@code email}), or null when the type has none (HubSpot companies): then the contracts
 *                            about natural keys are skipped, and every create carries a create key
 * @param createKeys          a write's {@link dev.switchboard.app.connectors.WriteRequest#createKey()} is kept at the
 *                            vendor as a unique key, so a create repeated with the same key finds the first object
 * @param restores            a deleted object can be restored at the vendor (HubSpot's recycle bin) and is then
 *                            fetched and listed again, as modified at the restore
 */
record Capabilities(boolean oldestFirst, Duration timestampResolution, Duration pageOverlap, int fullPage,
    int queryCap, List<String> writableFields, Map<String, Integer> maxLength, Deletes deletes,
    @Nullable String naturalKey, boolean createKeys, boolean restores) {

  enum Deletes {
    /** Deleted objects are gone: fetch is empty and listings leave them out (the webhook says DELETED). */
    VANISH
  }
}
