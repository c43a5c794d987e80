package dev.switchboard.sandbox.stripe;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invoice items (create, retrieve, list) and invoices (create, retrieve, list by customer, finalize, pay). A draft
 * invoice collects items created with {@code invoice=in_…} (or, with
 * {@code pending_invoice_items_behavior=include}, the customer's pending items). Paying creates a
 * payment intent and a succeeded charge.
 */
@RestController
class StripeInvoicesController {

  private final StripeStore store;
  private final StripeEvents events;
  private final StripeInvoiceFactory factory;
  private final StripePaymentsController payments;

  StripeInvoicesController(StripeStore store, StripeEvents events, StripeInvoiceFactory factory, StripePaymentsController payments) {
    this.store = store;
    this.events = events;
    this.factory = factory;
    this.payments = payments;
  }

  // https://stripe.com/docs/api/invoiceitems/create
  @PostMapping("/stripe/v1/invoiceitems")
  Map<String, Object> createItem(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String customer = p.required("customer");
    if (store.find("customer", customer) == null) {
      throw StripeException.missing("customer", customer, "customer");
    }
    String invoiceId = p.str("invoice");
    Map<String, Object> invoice = invoiceId == null ? null : store.get("invoice", "invoice", invoiceId);
    if (invoice != null && !"draft".equals(invoice.get("status"))) {
      throw StripeException.invalid("invoice_not_editable", "You can only add invoice items to draft invoices.", "invoice");
    }
    Map<String, Object> price = p.str("price") == null ? null : store.get("price", "price", p.str("price"));
    long quantity = p.longOr("quantity", 1L);
    Long unit = price != null ? (Long) price.get("unit_amount") : p.longOr("unit_amount", null);
    Long amount = unit != null ? unit * quantity : p.longOr("amount", null);
    if (amount == null) {
      throw StripeException.paramMissing("amount");
    }
    String currency = price != null ? (String) price.get("currency") : p.required("currency").toLowerCase();
    Map<String, Object> ii = factory.item(customer, amount, currency, quantity, price, p.str("description"), null);
    StripeStore.mergeMetadata(ii, p);
    store.put(ii);
    if (invoice != null) {
      factory.attach(invoice, ii);
    }
    events.record("invoiceitem.created", ii, null, req);
    return ii;
  }

  // https://stripe.com/docs/api/invoices/create
  @PostMapping("/stripe/v1/invoices")
  Map<String, Object> create(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String customer = p.required("customer");
    Map<String, Object> cus = store.find("customer", customer);
    if (cus == null) {
      throw StripeException.missing("customer", customer, "customer");
    }
    Map<String, Object> inv = factory.invoice(cus, p.str("currency"), p.str("collection_method"), null);
    inv.put("description", p.str("description"));
    StripeStore.mergeMetadata(inv, p);
    store.put(inv);
    if ("include".equals(p.str("pending_invoice_items_behavior"))) {
      for (Map<String, Object> ii : store.all("invoiceitem", i -> customer.equals(i.get("customer")) && i.get("invoice") == null).reversed()) {
        factory.attach(inv, ii);
      }
    }
    events.record("invoice.created", inv, null, req);
    return inv;
  }

  // https://stripe.com/docs/api/invoiceitems/retrieve
  @GetMapping("/stripe/v1/invoiceitems/{id}")
  Map<String, Object> item(@PathVariable String id) {
    return store.get("invoiceitem", "invoiceitem", id);
  }

  // https://stripe.com/docs/api/invoiceitems/list (filters: customer, invoice, pending)
  @GetMapping("/stripe/v1/invoiceitems")
  Map<String, Object> items(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String customer = p.str("customer");
    String invoice = p.str("invoice");
    String pending = p.str("pending");
    return store.list("invoiceitem", "/v1/invoiceitems", p, ii -> (customer == null || customer.equals(ii.get("customer")))
        && (invoice == null || invoice.equals(ii.get("invoice")))
        && (pending == null || Boolean.parseBoolean(pending) == (ii.get("invoice") == null)));
  }

  // https://stripe.com/docs/api/invoices/retrieve
  @GetMapping("/stripe/v1/invoices/{id}")
  Map<String, Object> retrieve(@PathVariable String id) {
    return store.get("invoice", "invoice", id);
  }

  // https://stripe.com/docs/api/invoices/list (filters: customer, status, subscription)
  @GetMapping("/stripe/v1/invoices")
  Map<String, Object> list(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String customer = p.str("customer");
    String status = p.str("status");
    String sub = p.str("subscription");
    return store.list("invoice", "/v1/invoices", p, i -> (customer == null || customer.equals(i.get("customer")))
        && (status == null || status.equals(i.get("status"))) && (sub == null || sub.equals(i.get("subscription"))));
  }

  // https://stripe.com/docs/api/invoices/finalize
  @PostMapping("/stripe/v1/invoices/{id}/finalize")
  Map<String, Object> finalizeInvoice(@PathVariable String id, HttpServletRequest req) {
    Map<String, Object> inv = retrieve(id);
    if (!"draft".equals(inv.get("status"))) {
      throw StripeException.invalid("invoice_not_editable", "This invoice is already finalized, you can't re-finalize a non-draft invoice.", null);
    }
    factory.finalizeInvoice(inv);
    events.record("invoice.finalized", inv, Map.of("status", "draft"), req);
    return inv;
  }

  // https://stripe.com/docs/api/invoices/pay (finalizes a draft first, as Stripe does)
  @PostMapping("/stripe/v1/invoices/{id}/pay")
  Map<String, Object> pay(@PathVariable String id, HttpServletRequest req) {
    Map<String, Object> inv = retrieve(id);
    StripeParams p = StripeParams.of(req);
    if ("draft".equals(inv.get("status"))) {
      finalizeInvoice(id, req);
    }
    if (!"open".equals(inv.get("status"))) {
      throw StripeException.invalid("invoice_unexpected_state", "Invoice is already " + inv.get("status") + ".", null);
    }
    return pay(inv, p.str("payment_method") == null ? "pm_card_visa" : p.str("payment_method"), p.bool("paid_out_of_band", false), req);
  }

  Map<String, Object> pay(Map<String, Object> inv, String paymentMethod, boolean outOfBand, HttpServletRequest req) {
    long due = ((Number) inv.get("amount_due")).longValue();
    if (!outOfBand && due > 0) {
      Map<String, Object> pi = payments.intent(due, (String) inv.get("currency"), (String) inv.get("customer"), paymentMethod,
          "Invoice " + inv.get("number"));
      store.put(pi);
      inv.put("payment_intent", pi.get("id"));
      Map<String, Object> ch = payments.charge(pi, (String) inv.get("id"), req);
      inv.put("attempt_count", ((Number) inv.get("attempt_count")).longValue() + 1);
      inv.put("attempted", true);
      inv.put("charge", ch.get("id"));
      if (!"succeeded".equals(ch.get("status"))) {
        events.record("invoice.payment_failed", inv, null, req);
        throw new StripeException(402, "card_error", "card_declined", "Your card was declined.", null);
      }
      pi.put("status", "succeeded");
      pi.put("amount_received", due);
    }
    Map<String, Object> previous = new LinkedHashMap<>(Map.of("status", "open", "paid", false));
    factory.markPaid(inv, outOfBand);
    events.record("invoice.paid", inv, previous, req);
    events.record("invoice.payment_succeeded", inv, null, req);
    return inv;
  }

  static List<Map<String, Object>> lines(Map<String, Object> inv) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> data = (List<Map<String, Object>>) ((Map<String, Object>) inv.get("lines")).get("data");
    return data == null ? new ArrayList<>() : data;
  }
}
