package dev.switchboard.app.sync;

import java.time.Instant;

/**
 * A golden-record field value with its provenance.
 *
 * @param value      the canonical value ({@code String} or {@code List<String>})
 * @param system     the system it came from ({@code hubspot}, {@code mailchimp}, {@code api})
 * @param modifiedAt the source's own modification time for it
 */
public record FieldValue(Object value, String system, Instant modifiedAt) {}
