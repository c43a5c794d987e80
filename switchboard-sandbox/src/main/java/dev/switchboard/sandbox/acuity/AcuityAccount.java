package dev.switchboard.sandbox.acuity;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Acuity user (an Acuity account is one owner login): its Basic-auth user id and API key, its calendars,
 * appointment types, appointments, clients and webhooks, the OAuth tokens its owner granted, and its rate budgets.
 * Nothing is shared between accounts, so a credential of one never sees another's data.
 *
 * <p>Account 1 is the configured one ({@code sandbox.acuity.user-id}, {@code .api-key}). Account N ≥ 2 is derived
 * from N: user id = account 1's + N − 1, API key = account 1's + {@code -N}, calendars {@code 4001 + 100(N−1)} onwards,
 * types {@code 5001 + 100(N−1)} onwards, appointment ids from {@code 900000001 + 10000000(N−1)}, webhook ids from
 * {@code 1 + 1000(N−1)}: Acuity ids are global, so no two accounts share one.
 */
final class AcuityAccount {

  final int number;
  final String userId;
  final String apiKey;
  final String email;
  final String name;
  final AcuityStore store;
  final AcuityWebhookSender webhooks;
  final AcuityBookings bookings;
  final OAuthGrants grants;
  /** Requests of this account being served now, whatever credential they carry (Acuity counts per account). */
  final AtomicInteger inFlight = new AtomicInteger();
  private int seeded;

  AcuityAccount(int number, AcuitySettings settings, ChangeClock clock, WebhookDispatcher dispatcher) {
    this.number = number;
    boolean first = number == 1;
    this.userId = first ? settings.userId : String.valueOf(Long.parseLong(settings.userId) + number - 1);
    this.apiKey = first ? settings.apiKey : settings.apiKey + "-" + number;
    this.email = first ? "owner@example.com" : "owner-" + number + "@example.com";
    this.name = first ? "Sandbox Scheduling" : "Sandbox Scheduling " + number;
    this.store = new AcuityStore(number);
    this.webhooks = new AcuityWebhookSender(dispatcher, store, apiKey);
    this.bookings = new AcuityBookings(store, webhooks, clock);
    // account 1 keeps the token prefix it always had; the others' prefixes tell a token's account at a glance
    this.grants = new OAuthGrants(first ? "acuity" : "acuity" + number, null, clock);
  }

  /** True if {@code user:key} are this account's Basic-auth credentials. */
  boolean acceptsBasic(String userAndKey) {
    return (userId + ":" + apiKey).equals(userAndKey);
  }

  /** The account's running number for generated seed people (so repeated seeds do not collide). */
  synchronized int nextSeed() {
    return ++seeded;
  }

  /** Clears appointments, clients, webhooks (and the static URL), tokens and the seed counter. */
  synchronized void reset() {
    store.reset();
    webhooks.staticUrl = null;
    grants.reset();
    seeded = 0;
  }
}
