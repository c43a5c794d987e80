package dev.switchboard.sandbox.mailchimp;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import org.springframework.stereotype.Component;

/**
 * The instance's Mailchimp accounts, numbered from 1 ({@code sandbox.mailchimp.accounts}, default 2). Lookups answer
 * null for "no such account"; callers turn that into the vendor's error.
 */
@Component
class MailchimpAccounts extends AccountRegistry<MailchimpAccount> {

  MailchimpAccounts(MailchimpSettings settings, ChangeClock clock, WebhookDispatcher dispatcher) {
    super(settings.accounts, n -> new MailchimpAccount(n, settings, clock, dispatcher));
  }

  /** The account this API key or valid OAuth access token reaches, or null. */
  MailchimpAccount byCredential(String key) {
    return find(a -> a.accepts(key));
  }

  /** The account whose user granted this valid OAuth access token (API keys do not count), or null. */
  MailchimpAccount byAccessToken(String token) {
    return find(a -> a.grants.check(token) == OAuthGrants.Status.VALID);
  }

  /**
   * The account a {@code /_sandbox} request names: its number or its API key; the first account if {@code account} is
   * null. Null if unknown.
   */
  MailchimpAccount forControl(Object account) {
    return named(account, (a, id) -> a.apiKey.equals(id));
  }

  /**
   * Consumes an authorization code at the account whose user approved it; null if no account issued it for this
   * redirect URI. Codes are kept per account, so the one that issued the code is the only one that can redeem it.
   */
  MailchimpAccount redeem(String code, String redirectUri) {
    return find(a -> a.grants.redeemCode(code, redirectUri));
  }

  void reset() {
    all().forEach(MailchimpAccount::reset);
  }
}
