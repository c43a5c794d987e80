package dev.switchboard.sandbox.stripe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Builds invoice, invoice item and line item objects in the 2023-08-16 shape
 * (https://stripe.com/docs/api/invoices/object) and keeps an invoice's totals in step with its lines.
 */
@Component
class StripeInvoiceFactory {

  private final StripeStore store;

  StripeInvoiceFactory(StripeStore store) {
    this.store = store;
  }

  Map<String, Object> item(String customer, long amount, String currency, long quantity, Map<String, Object> price,
      String description, String subscription) {
    Map<String, Object> ii = store.blank("ii", "invoiceitem", false);
    long now = store.now();
    ii.put("amount", amount);
    ii.put("currency", currency);
    ii.put("customer", customer);
    ii.put("date", now);
    ii.put("description", description);
    ii.put("discountable", true);
    ii.put("invoice", null);
    ii.put("livemode", false);
    ii.put("metadata", new LinkedHashMap<String, Object>());
    ii.put("period", Map.of("end", now, "start", now));
    ii.put("price", price);
    ii.put("proration", false);
    ii.put("quantity", quantity);
    ii.put("subscription", subscription);
    ii.put("unit_amount", quantity == 0 ? amount : amount / quantity);
    ii.put("unit_amount_decimal", Long.toString(quantity == 0 ? amount : amount / quantity));
    return ii;
  }

  Map<String, Object> invoice(Map<String, Object> customer, String currency, String collectionMethod, String subscription) {
    Map<String, Object> inv = store.blank("in", "invoice", false);
    long now = store.now();
    inv.put("account_country", "US");
    inv.put("amount_due", 0L);
    inv.put("amount_paid", 0L);
    inv.put("amount_remaining", 0L);
    inv.put("amount_shipping", 0L);
    inv.put("attempt_count", 0L);
    inv.put("attempted", false);
    inv.put("auto_advance", false);
    Map<String, Object> tax = new LinkedHashMap<>();
    tax.put("enabled", false);
    tax.put("status", null);
    inv.put("automatic_tax", tax);
    inv.put("billing_reason", subscription == null ? "manual" : "subscription_create");
    inv.put("charge", null);
    inv.put("collection_method", Objects.requireNonNullElse(collectionMethod, "charge_automatically"));
    inv.put("created", now);
    inv.put("currency", Objects.requireNonNullElse(currency, "usd").toLowerCase());
    inv.put("customer", customer.get("id"));
    inv.put("customer_email", customer.get("email"));
    inv.put("customer_name", customer.get("name"));
    inv.put("default_tax_rates", List.of());
    inv.put("description", null);
    inv.put("due_date", null);
    inv.put("hosted_invoice_url", null);
    inv.put("invoice_pdf", null);
    inv.put("lines", StripeStore.listObject(new ArrayList<>(), false, "/v1/invoices/" + inv.get("id") + "/lines"));
    inv.put("livemode", false);
    inv.put("metadata", new LinkedHashMap<String, Object>());
    inv.put("number", null);
    inv.put("paid", false);
    inv.put("paid_out_of_band", false);
    inv.put("payment_intent", null);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("default_mandate", null);
    settings.put("payment_method_options", null);
    settings.put("payment_method_types", null);
    inv.put("payment_settings", settings);
    inv.put("period_end", now);
    inv.put("period_start", now);
    inv.put("post_payment_credit_notes_amount", 0L);
    inv.put("pre_payment_credit_notes_amount", 0L);
    inv.put("starting_balance", 0L);
    inv.put("status", "draft");
    Map<String, Object> transitions = new LinkedHashMap<>();
    transitions.put("finalized_at", null);
    transitions.put("marked_uncollectible_at", null);
    transitions.put("paid_at", null);
    transitions.put("voided_at", null);
    inv.put("status_transitions", transitions);
    inv.put("subscription", subscription);
    inv.put("subtotal", 0L);
    inv.put("tax", null);
    inv.put("total", 0L);
    inv.put("total_tax_amounts", List.of());
    return inv;
  }

  /** Adds a line for invoice item {@code ii} (type invoiceitem, or subscription when it has one). */
  synchronized void attach(Map<String, Object> inv, Map<String, Object> ii) {
    ii.put("invoice", inv.get("id"));
    Map<String, Object> line = store.blank("il", "line_item", false);
    line.put("amount", ii.get("amount"));
    line.put("currency", ii.get("currency"));
    line.put("description", ii.get("description"));
    line.put("discountable", true);
    if (ii.get("subscription") == null) {
      line.put("invoice_item", ii.get("id")); // absent, not null, on subscription lines (not nullable in the spec)
    }
    line.put("livemode", false);
    line.put("metadata", new LinkedHashMap<String, Object>());
    line.put("period", ii.get("period"));
    line.put("price", ii.get("price"));
    line.put("proration", false);
    line.put("quantity", ii.get("quantity"));
    line.put("subscription", ii.get("subscription"));
    line.put("type", ii.get("subscription") == null ? "invoiceitem" : "subscription");
    List<Map<String, Object>> lines = StripeInvoicesController.lines(inv);
    lines.add(line);
    long total = lines.stream().mapToLong(l -> ((Number) l.get("amount")).longValue()).sum();
    inv.put("subtotal", total);
    inv.put("total", total);
    inv.put("amount_due", total);
    inv.put("amount_remaining", total);
    inv.put("currency", ii.get("currency"));
  }

  @SuppressWarnings("unchecked")
  synchronized void finalizeInvoice(Map<String, Object> inv) {
    inv.put("status", "open");
    inv.put("number", inv.get("id").toString().substring(3, 11).toUpperCase() + "-" + String.format("%04d", store.current().nextInvoiceSequence()));
    inv.put("hosted_invoice_url", "https://invoice.stripe.com/i/sandbox/" + inv.get("id"));
    ((Map<String, Object>) inv.get("status_transitions")).put("finalized_at", store.now());
  }

  @SuppressWarnings("unchecked")
  void markPaid(Map<String, Object> inv, boolean outOfBand) {
    inv.put("amount_paid", inv.get("amount_due"));
    inv.put("amount_remaining", 0L);
    inv.put("paid", true);
    inv.put("paid_out_of_band", outOfBand);
    inv.put("status", "paid");
    ((Map<String, Object>) inv.get("status_transitions")).put("paid_at", store.now());
  }
}
