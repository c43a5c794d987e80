package dev.switchboard.app.canonical.model;

import dev.switchboard.app.canonical.ValueType;
import java.util.List;

/**
 * A clear, indexed column of {@code record_projection} that a canonical type may fill from one of its non-PII fields
 * (declared with {@link CanonicalType.Builder#project}), so that features filter records by state, pipeline, amount,
 * date or parent without decrypting golden records. Each column accepts one kind of value; a PII field, a custom
 * field, a field of a child or a fact, or a value of another kind can never be projected (checked when the type is
 * built).
 */
public enum Projection {
  /** The lifecycle state: deal stage, invoice, payment, subscription, booking or activity status (an enum code). */
  STATUS("status"),
  /** A deal's pipeline (an identifier or enum code). */
  PIPELINE("pipeline"),
  /**
   * A total in ISO 4217 minor units ({@code amount_minor}, bigint) with its {@code currency}: JPY 1500 is 1500 JPY,
   * USD 12.50 is 1250 USD. Only money fields at the currency's own ISO scale (totals, not unit prices), so the
   * conversion is exact for every value the field can hold.
   */
  AMOUNT("amount_minor", "currency"),
  /** A due date (local date, never shifted by a zone). */
  DUE_ON("due_on"),
  /** A close date (local date). */
  CLOSE_ON("close_on"),
  /** A start (an instant, UTC). */
  STARTS_AT("starts_at"),
  /** The id of the record this one belongs to (a deal's company, a payment's invoice): a single reference. */
  PARENT_ID("parent_id");

  private final List<String> columns;

  Projection(String... columns) {
    this.columns = List.of(columns);
  }

  /** The {@code record_projection} columns this projection fills. */
  public List<String> columns() {
    return columns;
  }

  /** Whether a field of {@code type} can fill this projection. */
  public boolean accepts(ValueType type) {
    return switch (this) {
      case STATUS -> type instanceof ValueType.EnumType;
      case PIPELINE -> type instanceof ValueType.EnumType
          || type instanceof ValueType.TextType t && t.rule() == ValueType.TextRule.IDENTIFIER;
      case AMOUNT -> type instanceof ValueType.MoneyType m && m.scale().isEmpty();
      case DUE_ON, CLOSE_ON -> type instanceof ValueType.DateType;
      case STARTS_AT -> type instanceof ValueType.InstantType;
      case PARENT_ID -> type instanceof ValueType.RefType;
    };
  }
}
