package dev.switchboard.sandbox.quickbooks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Payments and their effect: a Payment's {@code Line[].LinkedTxn[{TxnId, TxnType:"Invoice"}]} reduce the invoice's
 * {@code Balance} and add a {@code LinkedTxn} to the payment on the invoice (a real change: new SyncToken, Update
 * webhook); {@code UnappliedAmt} = TotalAmt minus applied; Customer {@code Balance} = sum of its invoice balances.
 */
final class QboPayments {

  private QboPayments() {}

  static void payment(QboStore store, Map<String, Object> e) {
    Map<String, Object> customer = QboRules.customerRef(store, e);
    if (e.get("TotalAmt") == null) {
      throw QboFault.required("TotalAmt");
    }
    BigDecimal total = Json.dec(e.get("TotalAmt"));
    BigDecimal applied = BigDecimal.ZERO;
    for (Object o : Json.list(e.get("Line"))) {
      Map<String, Object> line = Json.map(o);
      for (Object lt : Json.list(line == null ? null : line.get("LinkedTxn"))) {
        Map<String, Object> link = Json.map(lt);
        String txnId = Json.str(link == null ? null : link.get("TxnId"));
        Map<String, Object> invoice = store.live("Invoice", txnId);
        if (invoice == null || !Objects.equals(Json.path(invoice, "CustomerRef"), customer.get("Id"))) {
          throw QboFault.invalidReference("LinkedTxn", txnId);
        }
        link.put("TxnType", "Invoice");
      }
      line.put("Amount", Json.money(Json.dec(line.get("Amount"))));
      applied = applied.add(Json.dec(line.get("Amount")));
    }
    if (applied.compareTo(total) > 0) {
      throw QboFault.validation("6000", "A business validation error has occurred while processing your request",
          "Business Validation Error: The amount applied to transactions exceeds the payment total.", "");
    }
    e.put("CustomerRef", Map.of("value", customer.get("Id"), "name", customer.get("DisplayName")));
    e.put("TotalAmt", Json.money(total));
    e.put("UnappliedAmt", Json.money(total.subtract(applied)));
    e.putIfAbsent("ProcessPayment", false);
    e.putIfAbsent("CurrencyRef", QboRules.USD);
    e.putIfAbsent("TxnDate", LocalDate.ofInstant(store.clock.now(), ZoneOffset.UTC).toString());
  }

  /** Recomputes invoice balances (touching invoices whose balance changed) and customer balances. */
  static void settle(QboStore store) {
    for (Map<String, Object> inv : store.liveAll("Invoice")) {
      List<Map<String, Object>> links = paymentLinks(store, inv.get("Id").toString());
      BigDecimal paid = links.stream().map(l -> (BigDecimal) l.remove("_amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
      Double balance = Json.money(Json.dec(inv.get("TotalAmt")).subtract(paid));
      if (!balance.equals(inv.get("Balance")) || !links.equals(inv.get("LinkedTxn"))) {
        inv.put("Balance", balance);
        inv.put("LinkedTxn", links);
        store.touch("Invoice", inv, "Update");
      }
    }
    for (Map<String, Object> c : store.liveAll("Customer")) {
      BigDecimal sum = BigDecimal.ZERO;
      for (Map<String, Object> inv : store.liveAll("Invoice")) {
        if (c.get("Id").equals(Json.path(inv, "CustomerRef"))) {
          sum = sum.add(Json.dec(inv.get("Balance")));
        }
      }
      c.put("Balance", Json.money(sum));
      c.put("BalanceWithJobs", Json.money(sum));
    }
  }

  /** {@code [{TxnId, TxnType:"Payment", _amount}]} for the payments applied to an invoice. */
  static List<Map<String, Object>> paymentLinks(QboStore store, String invoiceId) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (invoiceId == null) {
      return out;
    }
    for (Map<String, Object> p : store.liveAll("Payment")) {
      BigDecimal amount = BigDecimal.ZERO;
      boolean linked = false;
      for (Object o : Json.list(p.get("Line"))) {
        Map<String, Object> line = Json.map(o);
        for (Object lt : Json.list(line.get("LinkedTxn"))) {
          if (invoiceId.equals(Json.str(Json.map(lt).get("TxnId")))) {
            amount = amount.add(Json.dec(line.get("Amount")));
            linked = true;
          }
        }
      }
      if (linked) {
        Map<String, Object> link = new LinkedHashMap<>(Map.of("TxnId", p.get("Id").toString(), "TxnType", "Payment"));
        link.put("_amount", amount);
        out.add(link);
      }
    }
    return out;
  }
}
