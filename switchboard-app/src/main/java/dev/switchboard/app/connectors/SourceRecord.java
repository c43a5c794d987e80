package dev.switchboard.app.connectors;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.time.Instant;

/**
 * The current state of one vendor object, mapped to canonical fields (not yet cleaned up).
 *
 * @param objectType canonical type
 * @param externalId vendor id
 * @param modifiedAt the vendor's own last-modified time (HubSpot {@code updatedAt}, Mailchimp {@code last_changed})
 * @param record     mapped canonical values; fields the vendor does not have are absent
 */
public record SourceRecord(String objectType, String externalId, Instant modifiedAt, CanonicalRecord record) {}
