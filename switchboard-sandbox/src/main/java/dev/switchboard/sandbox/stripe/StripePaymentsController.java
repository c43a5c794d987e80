package dev.switchboard.sandbox.stripe;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payment intents (create, retrieve, list, confirm), charges (list, retrieve) and refunds (create,
 * retrieve, list). Test
 * payment methods: any {@code pm_…} succeeds except {@code pm_card_chargeDeclined}, which answers 402
 * {@code card_error} / {@code card_declined} as Stripe's test cards do (https://stripe.com/docs/testing).
 */
@RestController
class StripePaymentsController {

  static final String DECLINED = "pm_card_chargeDeclined";

  private final StripeStore store;
  private final StripeEvents events;

  StripePaymentsController(StripeStore store, StripeEvents events) {
    this.store = store;
    this.events = events;
  }

  // https://stripe.com/docs/api/payment_intents/create
  @PostMapping("/stripe/v1/payment_intents")
  Map<String, Object> createIntent(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    Long amount = p.longOr("amount", null);
    if (amount == null) {
      throw StripeException.paramMissing("amount");
    }
    if (amount < 50) {
      throw StripeException.invalid("amount_too_small", "Amount must be at least $0.50 usd", "amount");
    }
    String customer = p.str("customer");
    if (customer != null && store.find("customer", customer) == null) {
      throw StripeException.missing("customer", customer, "customer");
    }
    Map<String, Object> pi = intent(amount, p.required("currency").toLowerCase(), customer, p.str("payment_method"), p.str("description"));
    StripeStore.mergeMetadata(pi, p);
    List<Object> types = p.list("payment_method_types");
    if (!types.isEmpty()) {
      pi.put("payment_method_types", types);
    }
    store.put(pi);
    events.record("payment_intent.created", pi, null, req);
    return p.bool("confirm", false) ? confirm(pi, p, req) : pi;
  }

  Map<String, Object> intent(long amount, String currency, String customer, String paymentMethod, String description) {
    Map<String, Object> pi = store.blank("pi", "payment_intent", false);
    pi.put("amount", amount);
    pi.put("amount_capturable", 0);
    pi.put("amount_received", 0);
    pi.put("canceled_at", null);
    pi.put("cancellation_reason", null);
    pi.put("capture_method", "automatic");
    pi.put("client_secret", pi.get("id") + "_secret_" + StripeStore.newId("s", 24).substring(2));
    pi.put("confirmation_method", "automatic");
    pi.put("created", store.now());
    pi.put("currency", currency);
    pi.put("customer", customer);
    pi.put("description", description);
    pi.put("last_payment_error", null);
    pi.put("latest_charge", null);
    pi.put("livemode", false);
    pi.put("metadata", new LinkedHashMap<String, Object>());
    pi.put("next_action", null);
    pi.put("payment_method", paymentMethod);
    pi.put("payment_method_types", List.of("card"));
    pi.put("status", paymentMethod == null ? "requires_payment_method" : "requires_confirmation");
    return pi;
  }

  // https://stripe.com/docs/api/payment_intents/retrieve
  @GetMapping("/stripe/v1/payment_intents/{id}")
  Map<String, Object> intent(@PathVariable String id) {
    return store.get("payment_intent", "payment_intent", id);
  }

  // https://stripe.com/docs/api/payment_intents/list (filter: customer)
  @GetMapping("/stripe/v1/payment_intents")
  Map<String, Object> intents(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String customer = p.str("customer");
    return store.list("payment_intent", "/v1/payment_intents", p, pi -> customer == null || customer.equals(pi.get("customer")));
  }

  // https://stripe.com/docs/api/payment_intents/confirm
  @PostMapping("/stripe/v1/payment_intents/{id}/confirm")
  Map<String, Object> confirm(@PathVariable String id, HttpServletRequest req) {
    return confirm(intent(id), StripeParams.of(req), req);
  }

  Map<String, Object> confirm(Map<String, Object> pi, StripeParams p, HttpServletRequest req) {
    String pm = Objects.requireNonNullElse(p.str("payment_method"), (String) pi.get("payment_method"));
    if (List.of("succeeded", "canceled").contains(pi.get("status"))) {
      throw StripeException.invalid("payment_intent_unexpected_state", "This PaymentIntent's status is " + pi.get("status")
          + ", so it cannot be confirmed.", null);
    }
    if (pm == null) {
      throw StripeException.invalid("payment_intent_unexpected_state",
          "You cannot confirm this PaymentIntent because it's missing a payment method.", "payment_method");
    }
    pi.put("payment_method", pm);
    Map<String, Object> charge = charge(pi, null, req);
    if (!"succeeded".equals(charge.get("status"))) {
      pi.put("status", "requires_payment_method");
      Map<String, Object> err = new LinkedHashMap<>();
      err.put("code", "card_declined");
      err.put("doc_url", "https://stripe.com/docs/error-codes/card-declined");
      err.put("message", "Your card was declined.");
      err.put("type", "card_error");
      err.put("decline_code", "generic_decline");
      pi.put("last_payment_error", err);
      events.record("payment_intent.payment_failed", pi, null, req);
      throw new StripeException(402, "card_error", "card_declined", "Your card was declined.", null);
    }
    pi.put("amount_received", pi.get("amount"));
    pi.put("status", "succeeded");
    events.record("payment_intent.succeeded", pi, null, req);
    return pi;
  }

  /** Creates the charge of a confirmed intent; declined for {@link #DECLINED}. */
  Map<String, Object> charge(Map<String, Object> pi, String invoice, HttpServletRequest req) {
    boolean ok = !DECLINED.equals(pi.get("payment_method"));
    Map<String, Object> ch = store.blank("ch", "charge", false);
    ch.put("amount", pi.get("amount"));
    ch.put("amount_captured", ok ? pi.get("amount") : 0);
    ch.put("amount_refunded", 0L);
    ch.put("balance_transaction", null);
    Map<String, Object> billing = new LinkedHashMap<>();
    billing.put("address", null);
    billing.put("email", null);
    billing.put("name", null);
    billing.put("phone", null);
    ch.put("billing_details", billing);
    ch.put("captured", ok);
    ch.put("created", store.now());
    ch.put("currency", pi.get("currency"));
    ch.put("customer", pi.get("customer"));
    ch.put("description", pi.get("description"));
    ch.put("disputed", false);
    ch.put("failure_code", ok ? null : "card_declined");
    ch.put("failure_message", ok ? null : "Your card was declined.");
    ch.put("invoice", invoice);
    ch.put("livemode", false);
    ch.put("metadata", new LinkedHashMap<String, Object>());
    ch.put("paid", ok);
    ch.put("payment_intent", pi.get("id"));
    ch.put("payment_method", pi.get("payment_method"));
    ch.put("refunded", false);
    ch.put("status", ok ? "succeeded" : "failed");
    store.put(ch);
    pi.put("latest_charge", ch.get("id"));
    events.record(ok ? "charge.succeeded" : "charge.failed", ch, null, req);
    return ch;
  }

  // https://stripe.com/docs/api/charges/list (filters: customer, payment_intent)
  @GetMapping("/stripe/v1/charges")
  Map<String, Object> charges(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String customer = p.str("customer");
    String intent = p.str("payment_intent");
    return store.list("charge", "/v1/charges", p, c -> (customer == null || customer.equals(c.get("customer")))
        && (intent == null || intent.equals(c.get("payment_intent"))));
  }

  // https://stripe.com/docs/api/charges/retrieve
  @GetMapping("/stripe/v1/charges/{id}")
  Map<String, Object> charge(@PathVariable String id) {
    return store.get("charge", "charge", id);
  }

  // https://stripe.com/docs/api/refunds/list (filters: charge, payment_intent)
  @GetMapping("/stripe/v1/refunds")
  Map<String, Object> refunds(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    String charge = p.str("charge");
    String intent = p.str("payment_intent");
    return store.list("refund", "/v1/refunds", p, r -> (charge == null || charge.equals(r.get("charge")))
        && (intent == null || intent.equals(r.get("payment_intent"))));
  }

  // https://stripe.com/docs/api/refunds/retrieve
  @GetMapping("/stripe/v1/refunds/{id}")
  Map<String, Object> refund(@PathVariable String id) {
    return store.get("refund", "refund", id);
  }

  // https://stripe.com/docs/api/refunds/create (charge or payment_intent; amount defaults to the rest)
  @PostMapping("/stripe/v1/refunds")
  Map<String, Object> refund(HttpServletRequest req) {
    StripeParams p = StripeParams.of(req);
    Map<String, Object> ch;
    if (p.str("charge") != null) {
      ch = store.find("charge", p.str("charge"));
      if (ch == null) {
        throw StripeException.missing("charge", p.str("charge"), "charge");
      }
    } else if (p.str("payment_intent") != null) {
      Map<String, Object> pi = store.find("payment_intent", p.str("payment_intent"));
      if (pi == null) {
        throw StripeException.missing("payment_intent", p.str("payment_intent"), "payment_intent");
      }
      ch = store.find("charge", (String) pi.get("latest_charge"));
      if (ch == null) {
        throw StripeException.invalid("charge_not_refundable", "This PaymentIntent does not have a successful charge to refund.", "payment_intent");
      }
    } else {
      throw StripeException.paramMissing("charge");
    }
    long left = ((Number) ch.get("amount_captured")).longValue() - ((Number) ch.get("amount_refunded")).longValue();
    long amount = p.longOr("amount", left);
    if (left <= 0) {
      throw StripeException.invalid("charge_already_refunded", "Charge " + ch.get("id") + " has already been refunded.", null);
    }
    if (amount <= 0 || amount > left) {
      throw StripeException.invalid("amount_too_large", "Refund amount ($" + amount / 100.0 + ") is greater than unrefunded amount on charge ($"
          + left / 100.0 + ")", "amount");
    }
    Map<String, Object> re = store.blank("re", "refund", false);
    re.put("amount", amount);
    re.put("balance_transaction", null);
    re.put("charge", ch.get("id"));
    re.put("created", store.now());
    re.put("currency", ch.get("currency"));
    re.put("metadata", new LinkedHashMap<String, Object>());
    StripeStore.mergeMetadata(re, p);
    re.put("payment_intent", ch.get("payment_intent"));
    re.put("reason", p.str("reason"));
    re.put("status", "succeeded");
    store.put(re);
    Map<String, Object> previous = new LinkedHashMap<>();
    previous.put("amount_refunded", ch.get("amount_refunded"));
    previous.put("refunded", ch.get("refunded"));
    ch.put("amount_refunded", ((Number) ch.get("amount_refunded")).longValue() + amount);
    ch.put("refunded", amount == left);
    events.record("charge.refunded", ch, previous, req);
    return re;
  }
}
