package dev.switchboard.sandbox.vagaro;

import dev.switchboard.sandbox.support.OAuthGrants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One Vagaro business group (a "merchant" with its API credentials): its fixed catalogue, its customers,
 * appointments and webhooks, and the access tokens issued to it. Nothing is shared between accounts. All mutable
 * state is guarded by this object's monitor; callers that change a customer or appointment in place synchronize
 * on the account.
 */
final class VagaroAccount {

  final int number;
  final String clientId;
  final String clientSecretKey;
  final String region;
  final String businessGroupId;
  final VagaroCatalog catalog;
  final OAuthGrants tokens;
  private final Map<String, VagaroCustomer> customers = new LinkedHashMap<>();
  private final Map<String, VagaroAppointment> appointments = new LinkedHashMap<>();
  private final Map<String, VagaroWebhook> webhooks = new LinkedHashMap<>();
  private int nextCustomer;
  private int nextAppointment;
  private int nextWebhook;
  private int seeded;

  VagaroAccount(int number, String region, OAuthGrants tokens) {
    this.number = number;
    this.clientId = "vagaro-sandbox-client-" + number;
    this.clientSecretKey = "vagaro-sandbox-secret-" + number;
    this.region = region;
    this.businessGroupId = VagaroIds.of("account-" + number + ":group");
    this.catalog = VagaroCatalog.of(number);
    this.tokens = tokens;
  }

  List<String> businessIds() {
    return catalog.locations().stream().map(VagaroCatalog.Location::businessId).toList();
  }

  synchronized VagaroCustomer newCustomer(Instant now) {
    VagaroCustomer c = new VagaroCustomer(VagaroIds.of("account-" + number + ":customer-" + ++nextCustomer), now);
    customers.put(c.customerId, c);
    return c;
  }

  synchronized VagaroCustomer customer(String id) {
    return id == null ? null : customers.get(id);
  }

  synchronized List<VagaroCustomer> customers() {
    return new ArrayList<>(customers.values());
  }

  synchronized VagaroAppointment newAppointment(Instant now) {
    VagaroAppointment a = new VagaroAppointment(VagaroIds.of("account-" + number + ":appointment-" + ++nextAppointment), now);
    appointments.put(a.appointmentId, a);
    return a;
  }

  synchronized VagaroAppointment appointment(String id) {
    return id == null ? null : appointments.get(id);
  }

  synchronized List<VagaroAppointment> appointments() {
    return new ArrayList<>(appointments.values());
  }

  /** Null if the account already has {@link VagaroWebhook#MAX_PER_ACCOUNT}. */
  synchronized VagaroWebhook addWebhook(String name, String url, Set<String> types, Set<String> locations) {
    if (webhooks.size() >= VagaroWebhook.MAX_PER_ACCOUNT) {
      return null;
    }
    int n = ++nextWebhook;
    String id = VagaroIds.of("account-" + number + ":webhook-" + n);
    String token = VagaroIds.of(UUID.randomUUID().toString()).replace("=", "");
    VagaroWebhook w = new VagaroWebhook(id, name, url, types, locations, token);
    webhooks.put(id, w);
    return w;
  }

  synchronized List<VagaroWebhook> webhooks() {
    return new ArrayList<>(webhooks.values());
  }

  synchronized boolean removeWebhook(String id) {
    return webhooks.remove(id) != null;
  }

  /** The account's running number for generated seed people (so repeated seeds do not collide). */
  synchronized int nextSeed() {
    return ++seeded;
  }

  synchronized void reset() {
    customers.clear();
    appointments.clear();
    webhooks.clear();
    nextCustomer = 0;
    nextAppointment = 0;
    nextWebhook = 0;
    seeded = 0;
    tokens.reset();
  }
}
