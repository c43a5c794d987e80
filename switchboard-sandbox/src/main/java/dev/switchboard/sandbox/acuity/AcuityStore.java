package dev.switchboard.sandbox.acuity;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Acuity account's data: fixed calendars and appointment types, appointments, clients and dynamic
 * webhooks. Thread-safe (one lock). Clients are keyed by first name + last name + phone, as Acuity
 * identifies them in {@code PUT /clients}. Ids are offset by account number (see {@link AcuityAccount}).
 */
final class AcuityStore {

  /** A calendar (staff member / resource). */
  record Calendar(long id, String name, String email, ZoneId timezone) {}

  /** An appointment type (service). */
  record AppointmentType(long id, String name, int duration, String price, String category) {}

  /** A client record. */
  static final class Client {
    String firstName;
    String lastName;
    String email;
    String phone;
    String notes = "";
  }

  /** A dynamic webhook subscription. */
  record Webhook(long id, String event, String target) {}

  static final int MAX_WEBHOOKS = 25;

  final List<Calendar> calendars;
  final List<AppointmentType> types;

  private final Map<Long, AcuityAppointment> appointments = new LinkedHashMap<>();
  private final List<Client> clients = new ArrayList<>();
  private final Map<Long, Webhook> webhooks = new LinkedHashMap<>();
  private final long firstAppointment;
  private final long firstWebhook;
  private final AtomicLong nextAppointment = new AtomicLong();
  private final AtomicLong nextWebhook = new AtomicLong();

  /** The store of account {@code number} (1-based): its ids do not overlap any other account's. */
  AcuityStore(int number) {
    long offset = 100L * (number - 1);
    String suffix = number == 1 ? "" : " " + number;
    calendars = List.of(
        new Calendar(4001 + offset, "Sandbox Studio" + suffix, "studio@example.com", ZoneId.of("America/New_York")),
        new Calendar(4002 + offset, "Second Room" + suffix, "room2@example.com", ZoneId.of("America/New_York")));
    types = List.of(
        new AppointmentType(5001 + offset, "Initial Consultation", 60, "50.00", "Consultations"),
        new AppointmentType(5002 + offset, "Follow-up Session", 30, "25.00", "Consultations"));
    firstAppointment = 900_000_001L + 10_000_000L * (number - 1);
    firstWebhook = 1 + 1000L * (number - 1);
    reset();
  }

  Calendar calendar(long id) {
    return calendars.stream().filter(c -> c.id() == id).findFirst().orElse(null);
  }

  AppointmentType type(long id) {
    return types.stream().filter(t -> t.id() == id).findFirst().orElse(null);
  }

  long nextAppointmentId() {
    return nextAppointment.getAndIncrement();
  }

  synchronized void put(AcuityAppointment a) {
    appointments.put(a.id, a);
  }

  synchronized AcuityAppointment get(long id) {
    AcuityAppointment a = appointments.get(id);
    if (a == null) {
      throw AcuityException.notFound("Appointment not found.");
    }
    return a;
  }

  synchronized List<AcuityAppointment> appointments() {
    return new ArrayList<>(appointments.values());
  }

  /** Adds the client, or refreshes email/phone of the one with the same name + email (booking behaviour). */
  synchronized Client upsertClientFromBooking(String first, String last, String email, String phone) {
    for (Client c : clients) {
      if (eq(c.firstName, first) && eq(c.lastName, last) && eq(c.email, email)) {
        if (phone != null && !phone.isBlank()) {
          c.phone = phone;
        }
        return c;
      }
    }
    return addClient(first, last, email, phone, "");
  }

  synchronized Client addClient(String first, String last, String email, String phone, String notes) {
    Client c = new Client();
    c.firstName = first;
    c.lastName = last;
    c.email = email == null ? "" : email;
    c.phone = phone == null ? "" : phone;
    c.notes = notes == null ? "" : notes;
    clients.add(c);
    return c;
  }

  synchronized Client findClient(String first, String last, String phone) {
    return clients.stream()
        .filter(c -> eq(c.firstName, first) && eq(c.lastName, last) && (phone == null || eq(c.phone, phone)))
        .findFirst().orElse(null);
  }

  synchronized List<Client> clients() {
    return new ArrayList<>(clients);
  }

  synchronized Webhook addWebhook(String event, String target) {
    if (webhooks.size() >= MAX_WEBHOOKS) {
      throw AcuityException.badRequest("webhook_limit",
          "A maximum of " + MAX_WEBHOOKS + " webhooks can be created per account.");
    }
    Webhook w = new Webhook(nextWebhook.getAndIncrement(), event, target);
    webhooks.put(w.id(), w);
    return w;
  }

  synchronized Collection<Webhook> webhooks() {
    return new ArrayList<>(webhooks.values());
  }

  synchronized boolean removeWebhook(long id) {
    return webhooks.remove(id) != null;
  }

  synchronized void reset() {
    appointments.clear();
    clients.clear();
    webhooks.clear();
    nextAppointment.set(firstAppointment);
    nextWebhook.set(firstWebhook);
  }

  static boolean eq(String a, String b) {
    return Objects.toString(a, "").equalsIgnoreCase(Objects.toString(b, ""));
  }
}
