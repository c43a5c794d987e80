package dev.switchboard.app.mapping;

/**
 * A value written from an associated record, reached through an edge: a Mailchimp member's {@code COMPANY} is the
 * name of the contact's primary company ({@code lookup: {edge: company, type: company, field: name}} on the entry).
 * The sync module resolves it when it computes what a target receives ({@link DerivedFields}); the entry's transform
 * then applies to the resolved value. A direction that reads takes the vendor's value into the record's own field,
 * never into the associated record.
 *
 * @param fallback true: only when the record has no value of its own (a contact's own address wins over its
 *                 company's); false: the associated record's value wins whenever the edge exists
 */
public record Lookup(String edge, String type, String field, boolean fallback) {}
