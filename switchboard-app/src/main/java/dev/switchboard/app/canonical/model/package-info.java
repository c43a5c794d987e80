/**
 * The spine model's registry: every canonical type (contact, company, deal, product, activity, invoice, payment,
 * subscription, booking, their child collections, and the engagement fact kind) declared once, with typed fields,
 * required fields, identity rules, PII fields, lifecycle states, the events it emits and which systems may change
 * which field. {@link dev.switchboard.app.canonical.model.CanonicalTypes#standard()} is the entry point; records are
 * {@link dev.switchboard.app.canonical.model.TypedRecord}s of {@link dev.switchboard.app.canonical.Value}s. Pure,
 * immutable, no Spring beans.
 */
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.canonical.model;
