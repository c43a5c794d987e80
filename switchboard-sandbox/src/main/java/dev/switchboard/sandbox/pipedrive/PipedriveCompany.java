package dev.switchboard.sandbox.pipedrive;

import dev.switchboard.sandbox.control.FaultRegistry;
import dev.switchboard.sandbox.control.TrafficRecorder;
import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Pipedrive company (account): its api_token, company id and domain, its one admin user, its persons,
 * organizations, deals and activities, its webhooks, the OAuth grants made into it and its daily token budget.
 * Nothing is shared between companies, so a credential of one never sees another's data.
 *
 * <p>Company 1 is the configured one ({@code sandbox.pipedrive.api-token}, company 7001 "Switchboard Sandbox",
 * domain {@code sandbox}, user 1 "Sandbox Admin"). Company N ≥ 2 is derived from N: api_token = company 1's +
 * {@code -N}, company id 7000 + N, domain {@code sandboxN}, user id N, names suffixed with " N". Object ids are per
 * company (each starts at 1), as Pipedrive numbers them within a company.
 */
final class PipedriveCompany {

  final int number;
  final String apiToken;
  final long companyId;
  final String companyName;
  final String domain;
  final long userId;
  final String userName;
  final String userEmail;
  final PipedriveWebhooks webhooks;
  final PipedriveStore store;
  final OAuthGrants grants;
  /** Tokens spent today: Pipedrive's daily budget belongs to the company, whichever user or token spends it. */
  final AtomicLong spentTokens = new AtomicLong();
  private int seeded;

  PipedriveCompany(int number, PipedriveSettings settings, ChangeClock clock, TrafficRecorder recorder,
      FaultRegistry faults, Duration tokenTtl) {
    this.number = number;
    boolean first = number == 1;
    String suffix = first ? "" : " " + number;
    this.apiToken = first ? settings.apiToken : settings.apiToken + "-" + number;
    this.companyId = 7000 + number;
    this.companyName = "Switchboard Sandbox" + suffix;
    this.domain = first ? "sandbox" : "sandbox" + number;
    this.userId = number;
    this.userName = "Sandbox Admin" + suffix;
    this.userEmail = first ? "admin@sandbox.example.com" : "admin@sandbox" + number + ".example.com";
    this.webhooks = new PipedriveWebhooks(settings, this, clock, recorder, faults);
    this.store = new PipedriveStore(clock, userId, webhooks);
    // company 1 keeps the token prefix it always had; the others' prefixes tell a token's company at a glance
    this.grants = new OAuthGrants(first ? "pd" : "pd" + number, tokenTtl, clock);
  }

  /** The company's running number for generated seed people (so repeated seeds do not collide). */
  synchronized int nextSeed() {
    return ++seeded;
  }

  /** Clears objects, webhooks (stopping their retries), grants, the spent budget and the seed counter. */
  synchronized void reset() {
    webhooks.reset();
    store.reset();
    grants.reset();
    spentTokens.set(0);
    seeded = 0;
  }
}
