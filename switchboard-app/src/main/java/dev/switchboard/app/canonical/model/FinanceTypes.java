package dev.switchboard.app.canonical.model;

import static dev.switchboard.app.canonical.ValueType.bool;
import static dev.switchboard.app.canonical.ValueType.currency;
import static dev.switchboard.app.canonical.ValueType.date;
import static dev.switchboard.app.canonical.ValueType.decimal;
import static dev.switchboard.app.canonical.ValueType.enumOf;
import static dev.switchboard.app.canonical.ValueType.identifier;
import static dev.switchboard.app.canonical.ValueType.instant;
import static dev.switchboard.app.canonical.ValueType.integer;
import static dev.switchboard.app.canonical.ValueType.money;
import static dev.switchboard.app.canonical.ValueType.multiLineText;
import static dev.switchboard.app.canonical.ValueType.orderedList;
import static dev.switchboard.app.canonical.ValueType.positioned;
import static dev.switchboard.app.canonical.ValueType.ref;
import static dev.switchboard.app.canonical.ValueType.text;

import java.util.List;
import java.util.Set;

/**
 * Money records: invoice, payment, subscription and their children. Their amounts, lines, currency, status and dates
 * belong to the system that issued them (Stripe, QuickBooks, Square): other systems show them, and may annotate
 * (memo, deal), but a change of a total from HubSpot is refused ({@code issuer_only}). Once in a terminal state
 * (a paid or void invoice, a failed, cancelled or refunded payment, a cancelled or expired subscription) a record
 * accepts only its issuer's change of state ({@code terminal_state}). Linked only: two systems' invoices are never
 * merged by number or amount.
 */
final class FinanceTypes {

  private FinanceTypes() {}

  static List<CanonicalType> all() {
    return List.of(invoiceLine(), invoice(), paymentRefund(), payment(), subscriptionItem(), subscription());
  }

  static CanonicalType invoiceLine() {
    return CanonicalType.child("invoice_line")
        .field("id", identifier())
        .field("product", ref("product"))
        .field("description", text())
        .field("quantity", decimal(CrmTypes.QUANTITY_SCALE))
        .field("unitPrice", money(CrmTypes.UNIT_PRICE_SCALE))
        .field("discount", money())
        .field("amount", money())
        .field("position", integer())
        .required("product", "description")
        .required("amount")
        .build();
  }

  /** Statuses are Stripe's, the richest of our vendors'; QuickBooks' and Square's map onto them. */
  static CanonicalType invoice() {
    return CanonicalType.golden("invoice")
        .field("number", identifier())
        .issued("status", enumOf("draft", "open", "paid", "void", "uncollectible"))
        .issued("currency", currency())
        .field("customer", ref("contact", "company"))
        .field("deal", ref("deal"))
        .issued("lines", positioned(invoiceLine().asStruct()))
        .issued("subtotal", money())
        .issued("tax", money())
        .issued("total", money())
        .issued("amountPaid", money())
        .issued("amountDue", money())
        .issued("issuedOn", date())
        .issued("dueOn", date())
        .issued("paidOn", date())
        .field("memo", multiLineText())
        .required("status")
        .required("currency")
        .required("customer")
        .lifecycle("status", Set.of("paid", "void"), true)
        .project("status", Projection.STATUS)
        .project("total", Projection.AMOUNT)
        .project("dueOn", Projection.DUE_ON)
        .project("customer", Projection.PARENT_ID)
        .events(CrmTypes.CRM_SYNCED)
        .build();
  }

  /** A refund of a payment, oldest first. */
  static CanonicalType paymentRefund() {
    return CanonicalType.child("payment_refund")
        .field("id", identifier())
        .field("amount", money())
        .field("status", enumOf("pending", "succeeded", "failed", "canceled"))
        .field("reason", text())
        .field("createdAt", instant())
        .required("amount")
        .build();
  }

  /**
   * Money received. {@code succeeded} is not terminal: refunds still change a succeeded payment. Statuses follow
   * Stripe's spelling ({@code canceled}).
   */
  static CanonicalType payment() {
    return CanonicalType.golden("payment")
        .issued("amount", money())
        .issued("currency", currency())
        .issued("status", enumOf("pending", "succeeded", "failed", "canceled", "partially_refunded", "refunded"))
        .issued("method", enumOf("card", "bank_transfer", "direct_debit", "cash", "check", "wallet", "other"))
        .issued("paidAt", instant())
        .field("invoice", ref("invoice"))
        .field("customer", ref("contact", "company"))
        .issued("amountRefunded", money())
        .issued("refunds", orderedList(paymentRefund().asStruct()))
        .field("description", text())
        .required("amount")
        .required("status")
        .lifecycle("status", Set.of("failed", "canceled", "refunded"), true)
        .project("status", Projection.STATUS)
        .project("amount", Projection.AMOUNT)
        .project("invoice", Projection.PARENT_ID)
        .events(CrmTypes.CRM_SYNCED)
        .build();
  }

  /**
   * One item of a subscription: the plan (a product) and its price terms. Stripe's price and plan objects are not
   * canonical types of their own: the product says what, the item says at which price and interval.
   */
  static CanonicalType subscriptionItem() {
    return CanonicalType.child("subscription_item")
        .field("id", identifier())
        .field("product", ref("product"))
        .field("quantity", decimal(CrmTypes.QUANTITY_SCALE))
        .field("unitPrice", money(CrmTypes.UNIT_PRICE_SCALE))
        .field("interval", enumOf("day", "week", "month", "year"))
        .field("intervalCount", integer())
        .field("position", integer())
        .required("product")
        .build();
  }

  /** A recurring charge. Status has all eight Stripe subscription statuses. */
  static CanonicalType subscription() {
    return CanonicalType.golden("subscription")
        .issued("status", enumOf("incomplete", "incomplete_expired", "trialing", "active", "past_due", "canceled",
            "unpaid", "paused"))
        .field("customer", ref("contact", "company"))
        .issued("items", positioned(subscriptionItem().asStruct()))
        .issued("currency", currency())
        .issued("startedAt", instant())
        .issued("trialEnd", instant())
        .issued("currentPeriodStart", instant())
        .issued("currentPeriodEnd", instant())
        .issued("cancelAt", instant())
        .issued("cancelAtPeriodEnd", bool())
        .issued("canceledAt", instant())
        .required("status")
        .required("customer")
        .lifecycle("status", Set.of("canceled", "incomplete_expired"), true)
        .project("status", Projection.STATUS)
        .project("startedAt", Projection.STARTS_AT)
        .project("customer", Projection.PARENT_ID)
        .events(CrmTypes.CRM_SYNCED)
        .build();
  }
}
