package dev.switchboard.sandbox.mailchimp;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The instance's Mailchimp accounts, numbered from 1 ({@code sandbox.mailchimp.accounts}, default 2). Lookups answer
 * null for "no such account"; callers turn that into the vendor's error.
 */
@Component
class MailchimpAccounts {

  private final List<MailchimpAccount> accounts = new ArrayList<>();

  MailchimpAccounts(MailchimpSettings settings, ChangeClock clock, WebhookDispatcher dispatcher) {
    for (int n = 1; n <= settings.accounts; n++) {
      accounts.add(new MailchimpAccount(n, settings, clock, dispatcher));
    }
  }

  List<MailchimpAccount> all() {
    return accounts;
  }

  MailchimpAccount first() {
    return accounts.getFirst();
  }

  /** The account this API key or valid OAuth access token reaches, or null. */
  MailchimpAccount byCredential(String key) {
    return accounts.stream().filter(a -> a.accepts(key)).findFirst().orElse(null);
  }

  /** The account whose user granted this valid OAuth access token (API keys do not count), or null. */
  MailchimpAccount byAccessToken(String token) {
    return accounts.stream().filter(a -> a.grants.check(token) == OAuthGrants.Status.VALID).findFirst().orElse(null);
  }

  /** Account {@code number} (1-based, as text or a number), or null if it is not one of this instance's. */
  MailchimpAccount byNumber(Object number) {
    try {
      int n = number instanceof Number x ? x.intValue() : Integer.parseInt(String.valueOf(number).trim());
      return n >= 1 && n <= accounts.size() ? accounts.get(n - 1) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The account a {@code /_sandbox} request names: its number or its API key; the first account if {@code account} is
   * null. Null if unknown.
   */
  MailchimpAccount forControl(Object account) {
    if (account == null) {
      return first();
    }
    MailchimpAccount byKey = accounts.stream().filter(a -> a.apiKey.equals(String.valueOf(account))).findFirst().orElse(null);
    return byKey != null ? byKey : byNumber(account);
  }

  /**
   * Consumes an authorization code at the account whose user approved it; null if no account issued it for this
   * redirect URI. Codes are kept per account, so the one that issued the code is the only one that can redeem it.
   */
  MailchimpAccount redeem(String code, String redirectUri) {
    return accounts.stream().filter(a -> a.grants.redeemCode(code, redirectUri)).findFirst().orElse(null);
  }

  void reset() {
    accounts.forEach(MailchimpAccount::reset);
  }
}
