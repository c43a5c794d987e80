package dev.switchboard.sandbox.quickbooks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Per-entity validation, defaults and computed fields, applied under the store's lock. Field names follow
 * Finance.xsd. Invoice/Estimate: {@code Amount = Qty * UnitPrice} per SalesItemLine, a SubTotalLine appended,
 * {@code TotalAmt} = sum; Invoice {@code Balance} = TotalAmt minus Payment lines linked to it (see {@link QboPayments}).
 */
final class QboRules {

  private static final Set<String> SYSTEM = Set.of("Id", "SyncToken", "MetaData", "domain", "sparse", "status");
  static final Map<String, Object> USD = Map.of("value", "USD", "name", "United States Dollar");

  private QboRules() {}

  static void stripReadOnly(Map<String, Object> e) {
    SYSTEM.forEach(e::remove);
  }

  static Map<String, Object> keepReadOnly(Map<String, Object> current) {
    Map<String, Object> m = new LinkedHashMap<>();
    SYSTEM.stream().filter(current::containsKey).forEach(k -> m.put(k, Json.copy(current.get(k))));
    return m;
  }

  static void normalize(QboStore store, String type, Map<String, Object> e, Map<String, Object> current) {
    switch (type) {
      case "Customer" -> customer(store, e, current);
      case "Item" -> item(store, e);
      case "Invoice", "Estimate" -> salesTxn(store, type, e);
      case "Payment" -> QboPayments.payment(store, e);
      default -> throw new IllegalStateException(type);
    }
  }

  private static void customer(QboStore store, Map<String, Object> e, Map<String, Object> current) {
    String name = Json.str(e.get("DisplayName"));
    if (name == null || name.isEmpty()) {
      name = Stream.of("Title", "GivenName", "MiddleName", "FamilyName", "Suffix").map(k -> Json.str(e.get(k)))
          .filter(s -> s != null && !s.isEmpty()).collect(Collectors.joining(" "));
      if (name.isEmpty()) {
        name = Json.str(e.get("CompanyName"));
      }
    }
    if (name == null || name.isEmpty()) {
      throw QboFault.required("DisplayName");
    }
    unique(store, "Customer", "DisplayName", name, e.get("Id"));
    e.put("DisplayName", name);
    e.put("FullyQualifiedName", name);
    e.putIfAbsent("PrintOnCheckName", name);
    e.putIfAbsent("Active", true);
    e.putIfAbsent("Job", false);
    e.putIfAbsent("BillWithParent", false);
    e.putIfAbsent("Taxable", false);
    e.putIfAbsent("PreferredDeliveryMethod", "Print");
    e.putIfAbsent("CurrencyRef", USD);
    e.put("Balance", current == null ? 0.0 : current.getOrDefault("Balance", 0.0));
    e.put("BalanceWithJobs", e.get("Balance"));
  }

  private static void item(QboStore store, Map<String, Object> e) {
    String name = Json.str(e.get("Name"));
    if (name == null || name.isEmpty()) {
      throw QboFault.required("Name");
    }
    unique(store, "Item", "Name", name, e.get("Id"));
    e.put("Name", name);
    e.put("FullyQualifiedName", name);
    e.putIfAbsent("Active", true);
    e.putIfAbsent("Type", "Service");
    e.putIfAbsent("Taxable", false);
    e.putIfAbsent("TrackQtyOnHand", false);
    e.put("UnitPrice", Json.money(Json.dec(e.get("UnitPrice"))));
    e.putIfAbsent("IncomeAccountRef", Map.of("value", "1", "name", "Services"));
  }

  private static void salesTxn(QboStore store, String type, Map<String, Object> e) {
    Map<String, Object> customer = customerRef(store, e);
    BigDecimal total = BigDecimal.ZERO;
    List<Object> lines = new ArrayList<>();
    int n = 0;
    for (Object o : Json.list(e.get("Line"))) {
      Map<String, Object> line = Json.map(o);
      if (line == null || "SubTotalLineDetail".equals(line.get("DetailType"))) {
        continue;
      }
      Map<String, Object> detail = Json.map(line.get("SalesItemLineDetail"));
      if (detail != null) {
        line.put("DetailType", "SalesItemLineDetail");
        Map<String, Object> itemRef = Json.map(detail.get("ItemRef"));
        if (itemRef != null) {
          Map<String, Object> item = store.live("Item", Json.str(itemRef.get("value")));
          if (item == null) {
            throw QboFault.invalidReference("ItemRef", Json.str(itemRef.get("value")));
          }
          detail.put("ItemRef", Map.of("value", item.get("Id"), "name", item.get("Name")));
          detail.putIfAbsent("UnitPrice", item.get("UnitPrice"));
        }
        if (line.get("Amount") == null && detail.get("Qty") != null) {
          line.put("Amount", Json.money(Json.dec(detail.get("Qty")).multiply(Json.dec(detail.get("UnitPrice")))));
        }
      }
      n++;
      line.putIfAbsent("Id", String.valueOf(n));
      line.put("LineNum", n);
      line.put("Amount", Json.money(Json.dec(line.get("Amount"))));
      total = total.add(Json.dec(line.get("Amount")));
      lines.add(line);
    }
    if (lines.isEmpty()) {
      throw QboFault.validation("6000", "A business validation error has occurred while processing your request",
          "Business Validation Error: You must fill out at least one split line.", "");
    }
    lines.add(new LinkedHashMap<>(Map.of("Amount", Json.money(total), "DetailType", "SubTotalLineDetail",
        "SubTotalLineDetail", Map.of())));
    e.put("Line", lines);
    e.put("CustomerRef", Map.of("value", customer.get("Id"), "name", customer.get("DisplayName")));
    e.put("TotalAmt", Json.money(total));
    e.putIfAbsent("CurrencyRef", USD);
    LocalDate today = LocalDate.ofInstant(store.clock.now(), ZoneOffset.UTC);
    e.putIfAbsent("TxnDate", today.toString());
    e.putIfAbsent("DocNumber", String.valueOf(1001 + countOf(store, type)));
    e.putIfAbsent("PrintStatus", "NotSet");
    e.putIfAbsent("EmailStatus", "NotSet");
    if (type.equals("Invoice")) {
      e.putIfAbsent("DueDate", LocalDate.parse(e.get("TxnDate").toString()).plusDays(30).toString());
      List<Map<String, Object>> links = QboPayments.paymentLinks(store, Json.str(e.get("Id")));
      BigDecimal paid = links.stream().map(l -> (BigDecimal) l.remove("_amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
      e.put("Balance", Json.money(total.subtract(paid)));
      e.put("LinkedTxn", links);
    } else {
      e.putIfAbsent("TxnStatus", "Pending");
    }
  }

  static Map<String, Object> customerRef(QboStore store, Map<String, Object> e) {
    Object ref = Json.path(e, "CustomerRef");
    if (ref == null) {
      throw QboFault.required("CustomerRef");
    }
    Map<String, Object> customer = store.live("Customer", ref.toString());
    if (customer == null) {
      throw QboFault.invalidReference("CustomerRef", ref.toString());
    }
    return customer;
  }

  private static void unique(QboStore store, String type, String field, String value, Object selfId) {
    for (Map<String, Object> other : store.liveAll(type)) {
      if (value.equalsIgnoreCase(Json.str(other.get(field))) && !other.get("Id").equals(Json.str(selfId))) {
        throw QboFault.duplicateName(other.get("Id").toString());
      }
    }
  }

  private static int countOf(QboStore store, String type) {
    int n = 0;
    for (Map<String, Object> ignored : store.liveAll(type)) {
      n++;
    }
    return n;
  }
}
