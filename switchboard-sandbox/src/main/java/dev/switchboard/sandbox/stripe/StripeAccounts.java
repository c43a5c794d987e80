package dev.switchboard.sandbox.stripe;

import dev.switchboard.sandbox.support.AccountRegistry;
import org.springframework.stereotype.Component;

/**
 * The instance's Stripe accounts, numbered from 1 ({@code sandbox.stripe.accounts}, default 2); account 1 is the
 * Connect platform. Lookups answer null for "no such account"; callers turn that into the vendor's error.
 */
@Component
class StripeAccounts extends AccountRegistry<StripeAccount> {

  StripeAccounts(StripeSettings settings) {
    super(settings.accounts, n -> new StripeAccount(n, settings));
  }

  StripeAccount platform() {
    return first();
  }

  /** The account a Connect authorization logs into by default: account 2, or the platform if it is alone. */
  StripeAccount defaultConnected() {
    return all().size() > 1 ? all().get(1) : platform();
  }

  StripeAccount byId(String id) {
    return find(a -> a.id.equals(id));
  }

  StripeAccount bySecretKey(String key) {
    return find(a -> a.secretKey.equals(key));
  }

  /** The account a {@code /_sandbox} request names: its number or its id; the platform if null. Null if unknown. */
  StripeAccount forControl(Object account) {
    return named(account, (a, id) -> a.id.equals(id));
  }

  void reset() {
    all().forEach(StripeAccount::reset);
  }
}
