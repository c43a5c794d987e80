package dev.switchboard.sandbox.vagaro;

import dev.switchboard.sandbox.support.ChangeClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Appointment changes and searches for one account, firing {@code appointment} webhooks
 * (https://docs.vagaro.com/public/docs/appointment-events): {@code created} on booking, {@code updated} on any
 * change, including a cancellation ({@code bookingStatus: "Cancel"}). Availability is reduced to one rule: a
 * service provider has no two live appointments at once. Booking a customer at a location new to them attaches
 * them there (a customer {@code updated} event, as Vagaro describes).
 */
@Component
class VagaroAppointments {

  /** Statuses that no longer hold the provider's time. */
  static final Set<String> RELEASED = Set.of("Cancel", "Deleted", "Denied", "No Show", "PersonalOff");

  private final VagaroCustomers customers;
  private final VagaroWebhooks webhooks;
  private final ChangeClock clock;

  VagaroAppointments(VagaroCustomers customers, VagaroWebhooks webhooks, ChangeClock clock) {
    this.customers = customers;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  /**
   * Body: {@code businessId, customerId, serviceId, startTime} (required), {@code serviceProviderId} (else the first
   * free one), {@code bookingStatus} (default {@code Confirmed}), {@code amount} (default the service price).
   */
  Map<String, Object> create(VagaroAccount account, Map<String, Object> body) {
    String businessId = VagaroRequest.businessId(account, body, null);
    if (businessId == null) {
      throw VagaroException.required("businessId");
    }
    VagaroCustomer customer = account.customer(VagaroRequest.required(body, "customerId"));
    if (customer == null) {
      throw VagaroException.notFound("customerId", "Customer");
    }
    VagaroCatalog.Service service = service(account, VagaroRequest.required(body, "serviceId"));
    Instant start = VagaroRequest.instant(body, "startTime");
    if (start == null) {
      throw VagaroException.required("startTime");
    }
    String requested = VagaroRequest.str(body, "serviceProviderId");
    String status = status(body, "Confirmed");
    Map<String, Object> out;
    synchronized (account) {
      Instant end = start.plusSeconds(60L * service.durationMinutes());
      String provider = requested != null ? provider(account, requested) : firstFree(account, start, end);
      requireFree(account, provider, start, end, null);
      VagaroAppointment a = book(account, clock.nextChange(), businessId, customer, service, provider, start,
          requested != null);
      a.bookingStatus = status;
      a.amount = Objects.requireNonNullElse(VagaroRequest.amount(body, "amount"), a.amount);
      out = VagaroJson.appointment(account, a);
    }
    webhooks.send(account, "appointment", "created", List.of(businessId), out);
    customers.attach(account, customer, businessId);
    return out;
  }

  /**
   * Adds an appointment at the service's price and duration; the type code says whether the customer is new or
   * returning and whether the provider was requested. The caller holds the account's lock.
   */
  static VagaroAppointment book(VagaroAccount account, Instant now, String businessId, VagaroCustomer customer,
      VagaroCatalog.Service service, String provider, Instant start, boolean requested) {
    boolean returning = account.appointments().stream().anyMatch(a -> a.customerId.equals(customer.customerId));
    VagaroAppointment a = account.newAppointment(now);
    a.businessId = businessId;
    a.customerId = customer.customerId;
    a.serviceId = service.serviceId();
    a.serviceProviderId = provider;
    a.start = start;
    a.end = start.plusSeconds(60L * service.durationMinutes());
    a.amount = service.price();
    a.appointmentTypeCode = (returning ? "R" : "N") + (requested ? "R" : "NR");
    return a;
  }

  /**
   * Body: {@code appointmentId} and any of {@code startTime} (reschedule, keeping the service's duration),
   * {@code serviceId}, {@code serviceProviderId}, {@code bookingStatus}, {@code amount}. A canceled appointment
   * cannot be rescheduled.
   */
  Map<String, Object> update(VagaroAccount account, Map<String, Object> body) {
    String id = VagaroRequest.required(body, "appointmentId");
    Instant start = VagaroRequest.instant(body, "startTime");
    String serviceId = VagaroRequest.str(body, "serviceId");
    String providerId = VagaroRequest.str(body, "serviceProviderId");
    String status = status(body, null);
    BigDecimal amount = VagaroRequest.amount(body, "amount");
    Map<String, Object> out;
    synchronized (account) {
      VagaroAppointment a = appointment(account, id);
      VagaroCatalog.Service service = service(account, serviceId == null ? a.serviceId : serviceId);
      String provider = providerId == null ? a.serviceProviderId : provider(account, providerId);
      Instant newStart = start == null ? a.start : start;
      Instant newEnd = newStart.plusSeconds(60L * service.durationMinutes());
      boolean moved = !newStart.equals(a.start) || !newEnd.equals(a.end) || !provider.equals(a.serviceProviderId);
      if (moved && "Cancel".equals(a.bookingStatus)) {
        throw VagaroException.invalid("startTime", "A canceled appointment cannot be rescheduled.");
      }
      if (moved) {
        requireFree(account, provider, newStart, newEnd, a.appointmentId);
      }
      String newStatus = status == null ? a.bookingStatus : status;
      boolean changed = moved || !service.serviceId().equals(a.serviceId) || !newStatus.equals(a.bookingStatus)
          || (amount != null && amount.compareTo(a.amount) != 0);
      if (!changed) {
        return VagaroJson.appointment(account, a);
      }
      a.start = newStart;
      a.end = newEnd;
      a.serviceId = service.serviceId();
      a.serviceProviderId = provider;
      a.bookingStatus = newStatus;
      a.amount = amount == null ? a.amount : amount;
      a.modifiedDate = clock.nextChange();
      out = VagaroJson.appointment(account, a);
    }
    webhooks.send(account, "appointment", "updated", List.of((String) out.get("businessId")), out);
    return out;
  }

  /** Body: {@code appointmentId}. Sets {@code bookingStatus: "Cancel"}; canceling twice changes and fires nothing. */
  Map<String, Object> cancel(VagaroAccount account, Map<String, Object> body) {
    return update(account, Map.of("appointmentId", VagaroRequest.required(body, "appointmentId"), "bookingStatus", "Cancel"));
  }

  /**
   * Filters (optional, AND): {@code businessId}, {@code startDate}/{@code endDate} on the start time
   * ({@code YYYY-MM-DD} = whole UTC day, both inclusive, or ISO date-times), {@code modifiedSince}, {@code customerId},
   * {@code serviceProviderId}, {@code appointmentId}, {@code bookingStatus}. Ordered by start time.
   */
  Map<String, Object> search(VagaroAccount account, Map<String, Object> body) {
    Predicate<VagaroAppointment> p = a -> true;
    String businessId = VagaroRequest.businessId(account, body, null);
    Instant from = VagaroRequest.bound(body, "startDate", false);
    Instant to = VagaroRequest.bound(body, "endDate", true);
    Instant since = VagaroRequest.instant(body, "modifiedSince");
    if (from != null && to != null && to.isBefore(from)) {
      throw VagaroException.invalid("endDate", "endDate must not be before startDate.");
    }
    String status = status(body, null);
    p = p.and(eq(businessId, a -> a.businessId)).and(eq(VagaroRequest.str(body, "customerId"), a -> a.customerId))
        .and(eq(VagaroRequest.str(body, "serviceProviderId"), a -> a.serviceProviderId))
        .and(eq(VagaroRequest.str(body, "appointmentId"), a -> a.appointmentId)).and(eq(status, a -> a.bookingStatus));
    if (from != null) {
      p = p.and(a -> !a.start.isBefore(from));
    }
    if (to != null) {
      p = p.and(a -> !a.start.isAfter(to));
    }
    if (since != null) {
      p = p.and(a -> !a.modifiedDate.isBefore(since));
    }
    synchronized (account) {
      List<VagaroAppointment> hits = account.appointments().stream().filter(p)
          .sorted(Comparator.comparing((VagaroAppointment a) -> a.start).thenComparing(a -> a.createdDate)).toList();
      return VagaroPage.of("appointments", hits, body, a -> VagaroJson.appointment(account, a));
    }
  }

  private static Predicate<VagaroAppointment> eq(String wanted, Function<VagaroAppointment, String> f) {
    return wanted == null ? a -> true : a -> wanted.equals(f.apply(a));
  }

  private static String status(Map<String, Object> body, String fallback) {
    String s = VagaroRequest.str(body, "bookingStatus");
    if (s == null) {
      return fallback;
    }
    if (!VagaroAppointment.STATUSES.contains(s)) {
      throw VagaroException.invalid("bookingStatus", "bookingStatus must be one of " + VagaroAppointment.STATUSES + ".");
    }
    return s;
  }

  private static VagaroAppointment appointment(VagaroAccount account, String id) {
    VagaroAppointment a = account.appointment(id);
    if (a == null) {
      throw VagaroException.notFound("appointmentId", "Appointment");
    }
    return a;
  }

  private static VagaroCatalog.Service service(VagaroAccount account, String id) {
    VagaroCatalog.Service s = account.catalog.service(id);
    if (s == null) {
      throw VagaroException.notFound("serviceId", "Service");
    }
    return s;
  }

  private static String provider(VagaroAccount account, String id) {
    if (account.catalog.employee(id) == null) {
      throw VagaroException.notFound("serviceProviderId", "Service provider");
    }
    return id;
  }

  private static String firstFree(VagaroAccount account, Instant start, Instant end) {
    return account.catalog.employees().stream().map(VagaroCatalog.Employee::serviceProviderId)
        .filter(id -> busy(account, id, start, end, null) == null).findFirst()
        .orElseThrow(() -> VagaroException.invalid("startTime", "No service provider is available at this time."));
  }

  private static void requireFree(VagaroAccount account, String provider, Instant start, Instant end, String self) {
    if (busy(account, provider, start, end, self) != null) {
      throw VagaroException.invalid("startTime", "The service provider is not available at this time.");
    }
  }

  private static VagaroAppointment busy(VagaroAccount account, String provider, Instant start, Instant end, String self) {
    return account.appointments().stream()
        .filter(o -> !o.appointmentId.equals(self) && provider.equals(o.serviceProviderId) && !RELEASED.contains(o.bookingStatus))
        .filter(o -> start.isBefore(o.end) && o.start.isBefore(end)).findFirst().orElse(null);
  }
}
