package dev.switchboard.sandbox.mailchimp;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Mailchimp user account: its API key, its one audience (members, tags, list webhooks and their deliveries), the
 * OAuth access tokens its user granted and its budget of simultaneous connections. Nothing is shared between
 * accounts, so a credential of one never sees another's data.
 *
 * <p>Account 1 is the configured one ({@code sandbox.mailchimp.api-key}, {@code .list-id}, "Sandbox Account").
 * Account N ≥ 2 is derived from N: key {@code sandboxkey} + N zero-padded to 22 digits + {@code -<dc>} (account 1's
 * data center), list {@code sandboxlistN}, names suffixed with " N".
 */
final class MailchimpAccount {

  private static final int FIRST_USER_ID = 4242;

  final int number;
  final String apiKey;
  final String listId;
  final String listName;
  final String accountName;
  final int userId;
  final String loginName;
  final String loginEmail;
  final Audience audience;
  final MailchimpWebhookRegistry webhooks;
  final OAuthGrants grants;
  /** Requests of this account being served now, whatever credential they carry (Mailchimp counts per user). */
  final AtomicInteger inFlight = new AtomicInteger();
  private int seeded;

  MailchimpAccount(int number, MailchimpSettings settings, ChangeClock clock, WebhookDispatcher dispatcher) {
    this.number = number;
    boolean first = number == 1;
    this.apiKey = first ? settings.apiKey : "sandboxkey" + String.format("%022d", number) + "-" + settings.dc;
    this.listId = first ? settings.listId : "sandboxlist" + number;
    String suffix = first ? "" : " " + number;
    this.listName = "Sandbox Audience" + suffix;
    this.accountName = "Sandbox Account" + suffix;
    this.userId = FIRST_USER_ID + number - 1;
    this.loginName = first ? "sandbox" : "sandbox" + number;
    this.loginEmail = first ? "sandbox-user@example.com" : "sandbox-user-" + number + "@example.com";
    this.webhooks = new MailchimpWebhookRegistry(dispatcher, settings);
    this.audience = new Audience(clock, new MailchimpWebhookSender(webhooks, dispatcher, settings, clock, listId));
    // account 1 keeps the token prefix it always had; the others' prefixes tell a token's account at a glance
    this.grants = new OAuthGrants(first ? "mc" : "mc" + number, null, clock);
  }

  /** True if {@code key} is this account's API key or a live OAuth token its user granted. */
  boolean accepts(String key) {
    return key != null && (key.equals(apiKey) || grants.check(key) == OAuthGrants.Status.VALID);
  }

  /** Throws Mailchimp's 404 unless {@code id} is this account's list: another account's list is simply not there. */
  void checkList(String id) {
    if (!listId.equals(id)) {
      throw MailchimpException.notFound();
    }
  }

  /** The account's running number for generated seed people (so repeated seeds do not collide). */
  synchronized int nextSeed() {
    return ++seeded;
  }

  /** Clears members, tags, webhooks, tokens and the seed counter; requests in flight keep counting down. */
  synchronized void reset() {
    audience.reset();
    webhooks.reset();
    grants.reset();
    seeded = 0;
  }
}
