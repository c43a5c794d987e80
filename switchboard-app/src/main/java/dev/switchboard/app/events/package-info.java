/**
 * The durable event log ({@code crm.synced}, {@code audit.logged}, …) and operator alerts. Writers call these
 * inside their own transaction so that an event exists exactly when the change it describes was committed.
 * Payloads carry ids and tokens, never raw PII.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.events;
