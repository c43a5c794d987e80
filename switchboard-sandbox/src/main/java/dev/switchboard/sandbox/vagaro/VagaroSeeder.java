package dev.switchboard.sandbox.vagaro;

import dev.switchboard.sandbox.control.SeedPeople;
import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * {@code POST /_sandbox/seed {"vendor":"vagaro", account?, contacts?|records?, appointments?, fireWebhooks?}}: the
 * shared seed people become customers of the account (a person whose e-mail is already a customer is reused);
 * {@code appointments: N} are spread evenly from 120 days ago to 30 days ahead (UTC, 09:00–16:00), alternating
 * locations, services and providers, booked by those people (or generated ones). Past ones are
 * {@code Service Complete}, future ones {@code Confirmed}, every 7th {@code Cancel}. No availability check; webhooks
 * only with {@code fireWebhooks: true}.
 */
@Component
class VagaroSeeder {

  private final VagaroWebhooks webhooks;
  private final ChangeClock clock;

  VagaroSeeder(VagaroWebhooks webhooks, ChangeClock clock) {
    this.webhooks = webhooks;
    this.clock = clock;
  }

  Map<String, Object> seed(VagaroAccount account, Map<String, Object> request) {
    boolean fire = Boolean.TRUE.equals(request.get("fireWebhooks"));
    int n = request.get("appointments") instanceof Number num ? num.intValue() : 0;
    List<Map<String, Object>> people = SeedPeople.from(request, "Customer", account::nextSeed);
    if (people.isEmpty() && n > 0) {
      people = SeedPeople.from(Map.of("contacts", Math.min(n, 50)), "Customer", account::nextSeed);
    }
    List<VagaroCustomer> customers = new ArrayList<>();
    people.forEach(p -> customers.add(customer(account, p, fire)));
    Instant first = clock.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(120));
    long spanMinutes = Duration.ofDays(150).toMinutes();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant day = first.plus(Duration.ofMinutes(spanMinutes * i / n)).truncatedTo(ChronoUnit.DAYS);
      ids.add(appointment(account, customers.get(i % customers.size()), i, day.plus(Duration.ofHours(9 + i % 8)), fire));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("vendor", "vagaro");
    out.put("account", account.clientId);
    out.put("customers", customers.size());
    out.put("customerIds", customers.stream().map(c -> c.customerId).toList());
    out.put("appointments", ids.size());
    out.put("appointmentIds", ids);
    return out;
  }

  private VagaroCustomer customer(VagaroAccount account, Map<String, Object> person, boolean fire) {
    String email = s(person.get("email"));
    Map<String, Object> payload;
    List<String> locations;
    VagaroCustomer c;
    synchronized (account) {
      VagaroCustomer existing = email == null ? null : account.customers().stream()
          .filter(x -> email.equalsIgnoreCase(Objects.toString(x.email(), ""))).findFirst().orElse(null);
      if (existing != null) {
        return existing;
      }
      c = account.newCustomer(clock.nextChange());
      c.fields.put("customerFirstName", s(person.get("firstname")));
      c.fields.put("customerLastName", s(person.get("lastname")));
      c.fields.put("email", email);
      c.fields.put("mobilePhone", s(person.get("phone")));
      c.businessIds.add(account.businessIds().getFirst());
      payload = VagaroJson.customer(account, c);
      locations = List.copyOf(c.businessIds);
    }
    if (fire) {
      webhooks.send(account, "customer", "created", locations, payload);
    }
    return c;
  }

  private String appointment(VagaroAccount account, VagaroCustomer customer, int i, Instant start, boolean fire) {
    VagaroCatalog catalog = account.catalog;
    VagaroCatalog.Service service = catalog.services().get(i % catalog.services().size());
    Map<String, Object> payload;
    synchronized (account) {
      VagaroAppointment a = VagaroAppointments.book(account, clock.nextChange(),
          catalog.locations().get(i % catalog.locations().size()).businessId(), customer, service,
          catalog.employees().get(i % catalog.employees().size()).serviceProviderId(), start, false);
      a.bookingStatus = i % 7 == 6 ? "Cancel" : start.isBefore(clock.now()) ? "Service Complete" : "Confirmed";
      a.onlineVsInhouse = i % 2 == 0 ? "Online" : "Inhouse";
      if (!customer.businessIds.contains(a.businessId)) {
        customer.businessIds.add(a.businessId);
      }
      payload = VagaroJson.appointment(account, a);
    }
    if (fire) {
      webhooks.send(account, "appointment", "created", List.of((String) payload.get("businessId")), payload);
    }
    return (String) payload.get("appointmentId");
  }

  private static String s(Object o) {
    return o == null || o.toString().isBlank() ? null : o.toString();
  }
}
