package dev.switchboard.sandbox.vagaro;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Customer changes and searches for one account, firing {@code customer} webhooks
 * (https://docs.vagaro.com/public/docs/customer-events): {@code created} on creation, {@code updated} when a field
 * changes or the customer is attached to another location; a change that changes nothing fires nothing. E-mail
 * addresses are unique within a business group (case-insensitive).
 */
@Component
class VagaroCustomers {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final VagaroWebhooks webhooks;
  private final ChangeClock clock;

  VagaroCustomers(VagaroWebhooks webhooks, ChangeClock clock) {
    this.webhooks = webhooks;
    this.clock = clock;
  }

  /** Body: the payload's text fields ({@code customerFirstName}, {@code customerLastName} required), {@code businessId?}. */
  Map<String, Object> create(VagaroAccount account, Map<String, Object> body) {
    VagaroRequest.required(body, "customerFirstName");
    VagaroRequest.required(body, "customerLastName");
    String businessId = VagaroRequest.businessId(account, body, account.businessIds().getFirst());
    Map<String, Object> out;
    synchronized (account) {
      checkEmail(account, VagaroRequest.str(body, "email"), null);
      VagaroCustomer c = account.newCustomer(clock.nextChange());
      VagaroCustomer.FIELDS.forEach(f -> c.fields.put(f, VagaroRequest.str(body, f)));
      c.businessIds.add(businessId);
      out = VagaroJson.customer(account, c);
    }
    webhooks.send(account, "customer", "created", List.of(businessId), out);
    return out;
  }

  /** Body: {@code customerId} and the fields to change ({@code null} clears one); {@code businessId} attaches. */
  Map<String, Object> update(VagaroAccount account, Map<String, Object> body) {
    String id = VagaroRequest.required(body, "customerId");
    String attach = VagaroRequest.businessId(account, body, null);
    Map<String, String> values = new HashMap<>();
    VagaroCustomer.FIELDS.stream().filter(body::containsKey).forEach(f -> values.put(f, VagaroRequest.str(body, f)));
    Map<String, Object> out;
    List<String> locations;
    synchronized (account) {
      VagaroCustomer c = account.customer(id);
      if (c == null) {
        throw VagaroException.notFound("customerId", "Customer");
      }
      if (values.containsKey("email")) {
        checkEmail(account, values.get("email"), c);
      }
      boolean changed = false;
      for (Map.Entry<String, String> v : values.entrySet()) {
        changed |= !Objects.equals(c.fields.put(v.getKey(), v.getValue()), v.getValue());
      }
      if (attach != null && !c.businessIds.contains(attach)) {
        c.businessIds.add(attach);
        changed = true;
      }
      if (changed) {
        c.modifiedDate = clock.nextChange();
      }
      out = VagaroJson.customer(account, c);
      locations = changed ? List.copyOf(c.businessIds) : List.of();
    }
    if (!locations.isEmpty()) {
      webhooks.send(account, "customer", "updated", locations, out);
    }
    return out;
  }

  /** Attaches the customer to a location (as booking there does); fires {@code updated} if it is new for them. */
  void attach(VagaroAccount account, VagaroCustomer c, String businessId) {
    Map<String, Object> out;
    List<String> locations;
    synchronized (account) {
      if (c.businessIds.contains(businessId)) {
        return;
      }
      c.businessIds.add(businessId);
      c.modifiedDate = clock.nextChange();
      out = VagaroJson.customer(account, c);
      locations = List.copyOf(c.businessIds);
    }
    webhooks.send(account, "customer", "updated", locations, out);
  }

  /**
   * Filters (all optional, combined with AND): {@code customerId}, {@code email} (exact, case-insensitive),
   * {@code mobilePhone} (digits only compared against mobile, day and night phone; the last ten digits suffice),
   * {@code businessId}, {@code modifiedSince}. Oldest first.
   */
  Map<String, Object> search(VagaroAccount account, Map<String, Object> body) {
    Predicate<VagaroCustomer> p = c -> true;
    String id = VagaroRequest.str(body, "customerId");
    String email = VagaroRequest.str(body, "email");
    String phone = VagaroRequest.str(body, "mobilePhone");
    String businessId = VagaroRequest.businessId(account, body, null);
    Instant since = VagaroRequest.instant(body, "modifiedSince");
    if (id != null) {
      p = p.and(c -> c.customerId.equals(id));
    }
    if (email != null) {
      p = p.and(c -> email.equalsIgnoreCase(Objects.toString(c.email(), "")));
    }
    if (phone != null) {
      p = p.and(c -> samePhone(phone, c.fields.get("mobilePhone")) || samePhone(phone, c.fields.get("dayPhone"))
          || samePhone(phone, c.fields.get("nightPhone")));
    }
    if (businessId != null) {
      p = p.and(c -> c.businessIds.contains(businessId));
    }
    if (since != null) {
      p = p.and(c -> !c.modifiedDate.isBefore(since));
    }
    synchronized (account) {
      List<VagaroCustomer> hits = account.customers().stream().filter(p)
          .sorted(Comparator.comparing((VagaroCustomer c) -> c.createdDate)).toList();
      return VagaroPage.of("customers", hits, body, c -> VagaroJson.customer(account, c));
    }
  }

  private static void checkEmail(VagaroAccount account, String email, VagaroCustomer self) {
    if (email == null) {
      return;
    }
    if (!EMAIL.matcher(email).matches()) {
      throw VagaroException.invalid("email", "email is not a valid e-mail address.");
    }
    for (VagaroCustomer other : account.customers()) {
      if (other != self && email.equalsIgnoreCase(Objects.toString(other.email(), ""))) {
        throw new VagaroException(409, "A customer with this email already exists.",
            Map.of("email", "A customer with this email already exists."));
      }
    }
  }

  private static boolean samePhone(String a, String b) {
    String x = digits(a);
    String y = digits(b);
    if (x.isEmpty() || y.isEmpty()) {
      return false;
    }
    return x.equals(y) || (x.length() >= 10 && y.length() >= 10
        && x.substring(x.length() - 10).equals(y.substring(y.length() - 10)));
  }

  private static String digits(String s) {
    return s == null ? "" : s.replaceAll("\\D", "").toLowerCase(Locale.ROOT);
  }
}
