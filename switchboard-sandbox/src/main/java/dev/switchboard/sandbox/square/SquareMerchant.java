package dev.switchboard.sandbox.square;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Square seller (merchant): its access token, merchant id and one location, and everything it owns — customers,
 * payments, invoices, bookings, webhook subscriptions (and the idempotency keys of each) and the OAuth grants its
 * owner approved. Nothing is shared between merchants, so a token of one never sees another's data; another
 * merchant's object id answers 404 as an unknown one does.
 *
 * <p>Merchant 1 is the configured one ({@code sandbox.square.access-token}, {@code .merchant-id},
 * {@code .location-id}). Merchant N ≥ 2 is derived from N: token = merchant 1's + {@code -N}, merchant id and
 * location id = merchant 1's with their last digits replaced by N ({@code MLSANDBOX0002}, {@code LSANDBOX00002}),
 * business name suffixed with " N".
 */
final class SquareMerchant {

  /** One kind of record: by id in creation order, idempotency key → id, and a running number (invoice numbers). */
  static final class Records {
    final Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    final Map<String, String> keys = new LinkedHashMap<>();
    int number;

    void clear() {
      byId.clear();
      keys.clear();
      number = 0;
    }
  }

  final int number;
  final String accessToken;
  final String merchantId;
  final String locationId;
  final String businessName;
  final SquareWebhooks webhooks;
  final SquareCustomerStore customers;
  final Records payments = new Records();
  final Records invoices = new Records();
  final Records bookings = new Records();
  /** Idempotency key → the webhook subscription created with it. */
  final Map<String, Map<String, Object>> subscriptionKeys = new LinkedHashMap<>();
  final OAuthGrants grants;
  private int seeded;

  SquareMerchant(int number, SquareSettings settings, ChangeClock clock, WebhookDispatcher dispatcher, JsonMapper json) {
    this.number = number;
    boolean first = number == 1;
    this.accessToken = first ? settings.accessToken : settings.accessToken + "-" + number;
    this.merchantId = first ? settings.merchantId : numbered(settings.merchantId, number);
    this.locationId = first ? settings.locationId : numbered(settings.locationId, number);
    this.businessName = first ? "Switchboard Sandbox" : "Switchboard Sandbox " + number;
    this.webhooks = new SquareWebhooks(dispatcher, merchantId, clock, json);
    this.customers = new SquareCustomerStore(clock, webhooks);
    // merchant 1 keeps the token prefix it always had; the others' tell a token's merchant at a glance
    this.grants = new OAuthGrants(first ? "EAAAsq" : "EAAAsq" + number, Duration.ofDays(30), clock);
  }

  /** {@code id} with as many trailing characters as N has digits replaced by N (same length, so same shape). */
  private static String numbered(String id, int n) {
    String digits = Integer.toString(n);
    return id.substring(0, Math.max(0, id.length() - digits.length())) + digits;
  }

  /** The merchant's running number for seeded customers (so repeated seeds do not collide). */
  synchronized int nextSeed() {
    return ++seeded;
  }

  /** Clears every record, subscription, idempotency key and OAuth grant; the ids stay. */
  synchronized void reset() {
    customers.reset();
    webhooks.reset();
    payments.clear();
    invoices.clear();
    bookings.clear();
    subscriptionKeys.clear();
    grants.reset();
    seeded = 0;
  }
}
