package dev.switchboard.sandbox.vagaro;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders Vagaro objects. Appointments and customers carry the fields of the published webhook payloads
 * (https://docs.vagaro.com/public/docs/appointment-events, .../customer-events) — the API answers with the same
 * objects; {@code createdDate}/{@code modifiedDate} are added (assumption). Times: {@code YYYY-MM-DDThh:mm:ssZ}
 * for start/end, with milliseconds for created/modified dates (the docs allow both).
 */
final class VagaroJson {

  static final DateTimeFormatter SECONDS_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private VagaroJson() {}

  static String seconds(Instant t) {
    return SECONDS_Z.format(t);
  }

  static String millis(Instant t) {
    return ChangeClock.MILLIS_Z.format(t);
  }

  static Map<String, Object> appointment(VagaroAccount account, VagaroAppointment a) {
    VagaroCatalog.Service service = account.catalog.service(a.serviceId);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("appointmentId", a.appointmentId);
    m.put("startTime", seconds(a.start));
    m.put("endTime", seconds(a.end));
    m.put("bookingStatus", a.bookingStatus);
    m.put("serviceTitle", service.serviceTitle());
    m.put("serviceId", a.serviceId);
    m.put("calendarEventId", null);
    m.put("amount", a.amount);
    m.put("eventType", "Appointment");
    m.put("onlineVsInhouse", a.onlineVsInhouse);
    m.put("appointmentTypeCode", a.appointmentTypeCode);
    m.put("appointmentTypeName", a.appointmentTypeName());
    m.put("customerId", a.customerId);
    m.put("serviceProviderId", a.serviceProviderId);
    m.put("businessId", a.businessId);
    m.put("businessGroupId", account.businessGroupId);
    m.put("createdDate", millis(a.createdDate));
    m.put("modifiedDate", millis(a.modifiedDate));
    return m;
  }

  static Map<String, Object> customer(VagaroAccount account, VagaroCustomer c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("customerId", c.customerId);
    m.put("businessIds", List.copyOf(c.businessIds));
    m.put("customerFirstName", c.fields.get("customerFirstName"));
    m.put("customerLastName", c.fields.get("customerLastName"));
    m.put("businessGroupId", account.businessGroupId);
    c.fields.forEach((k, v) -> m.putIfAbsent(k, v));
    m.put("createdDate", millis(c.createdDate));
    m.put("modifiedDate", millis(c.modifiedDate));
    return m;
  }

  static Map<String, Object> location(VagaroAccount account, VagaroCatalog.Location l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("businessId", l.businessId());
    m.put("businessName", l.businessName());
    m.put("businessGroupId", account.businessGroupId);
    m.put("streetAddress", l.streetAddress());
    m.put("city", l.city());
    m.put("regionCode", l.regionCode());
    m.put("postalCode", l.postalCode());
    m.put("countryCode", l.countryCode());
    m.put("timeZone", l.timeZone());
    return m;
  }

  static Map<String, Object> employee(VagaroAccount account, VagaroCatalog.Employee e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serviceProviderId", e.serviceProviderId());
    m.put("employeeFirstName", e.firstName());
    m.put("employeeLastName", e.lastName());
    m.put("email", e.email());
    m.put("phone", e.phone());
    m.put("businessGroupId", account.businessGroupId);
    m.put("businessIds", account.businessIds());
    m.put("isActive", true);
    return m;
  }

  /** Every sandbox service is performed by every employee at every location. */
  static Map<String, Object> service(VagaroAccount account, VagaroCatalog.Service s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serviceId", s.serviceId());
    m.put("serviceTitle", s.serviceTitle());
    m.put("parentServiceId", s.parentServiceId());
    m.put("parentServiceTitle", s.parentServiceTitle());
    m.put("durationMinutes", s.durationMinutes());
    m.put("price", s.price());
    m.put("businessIds", account.businessIds());
    m.put("servicePerformedBy", account.catalog.employees().stream().map(VagaroJson::performer).toList());
    return m;
  }

  private static Map<String, Object> performer(VagaroCatalog.Employee e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serviceProviderId", e.serviceProviderId());
    m.put("employeeFirstName", e.firstName());
    m.put("employeeLastName", e.lastName());
    return m;
  }
}
