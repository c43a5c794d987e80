package dev.switchboard.sandbox.vagaro;

import java.math.BigDecimal;
import java.util.List;

/**
 * The fixed part of one sandbox business group: two locations, two employees (service providers) and three
 * services (every service performed by both employees, offered at both locations). Ids derive from the account
 * number, so accounts never share one.
 */
record VagaroCatalog(List<Location> locations, List<Employee> employees, List<Service> services) {

  record Location(String businessId, String businessName, String streetAddress, String city, String regionCode,
      String postalCode, String countryCode, String timeZone) {}

  record Employee(String serviceProviderId, String firstName, String lastName, String email, String phone) {}

  record Service(String serviceId, String serviceTitle, String parentServiceId, String parentServiceTitle,
      int durationMinutes, BigDecimal price) {}

  static VagaroCatalog of(int account) {
    String p = "account-" + account + ":";
    List<Location> locations = List.of(
        new Location(VagaroIds.of(p + "location-1"), "Sandbox Salon " + account + " Downtown", "100 Main St", "Austin",
            "TX", "78701", "US", "America/Chicago"),
        new Location(VagaroIds.of(p + "location-2"), "Sandbox Salon " + account + " Uptown", "200 North Ave", "Austin",
            "TX", "78705", "US", "America/Chicago"));
    List<Employee> employees = List.of(
        new Employee(VagaroIds.of(p + "employee-1"), "Riley", "Stylist", "riley.stylist" + account + "@example.com",
            "5125550101"),
        new Employee(VagaroIds.of(p + "employee-2"), "Jordan", "Colorist", "jordan.colorist" + account + "@example.com",
            "5125550102"));
    String hair = VagaroIds.of(p + "category-hair");
    List<Service> services = List.of(
        new Service(VagaroIds.of(p + "service-1"), "Women's Haircut", hair, "Hair", 60, new BigDecimal("65.00")),
        new Service(VagaroIds.of(p + "service-2"), "Men's Haircut", hair, "Hair", 30, new BigDecimal("35.00")),
        new Service(VagaroIds.of(p + "service-3"), "Color Touch-Up", hair, "Hair", 90, new BigDecimal("110.00")));
    return new VagaroCatalog(locations, employees, services);
  }

  Location location(String businessId) {
    return locations.stream().filter(l -> l.businessId().equals(businessId)).findFirst().orElse(null);
  }

  Employee employee(String serviceProviderId) {
    return employees.stream().filter(e -> e.serviceProviderId().equals(serviceProviderId)).findFirst().orElse(null);
  }

  Service service(String serviceId) {
    return services.stream().filter(s -> s.serviceId().equals(serviceId)).findFirst().orElse(null);
  }
}
