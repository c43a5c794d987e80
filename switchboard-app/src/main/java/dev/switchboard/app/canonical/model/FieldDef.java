package dev.switchboard.app.canonical.model;

import dev.switchboard.app.canonical.ValueType;

/**
 * One declared field of a canonical type.
 *
 * @param name      canonical field name (camelCase)
 * @param type      its value type, which is also its clean-up rule
 * @param pii       personal data: encrypted at rest (every golden record is) and tokenised, never written, in logs,
 *                  events and error messages
 * @param authority which systems may change it
 */
public record FieldDef(String name, ValueType type, boolean pii, Authority authority) {}
