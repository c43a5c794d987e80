package dev.switchboard.sandbox.stripe;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The instance's Stripe accounts, numbered from 1 ({@code sandbox.stripe.accounts}, default 2); account 1 is the
 * Connect platform. Lookups answer null for "no such account"; callers turn that into the vendor's error.
 */
@Component
class StripeAccounts {

  private final List<StripeAccount> accounts = new ArrayList<>();

  StripeAccounts(StripeSettings settings) {
    for (int n = 1; n <= settings.accounts; n++) {
      accounts.add(new StripeAccount(n, settings));
    }
  }

  List<StripeAccount> all() {
    return accounts;
  }

  StripeAccount platform() {
    return accounts.getFirst();
  }

  /** The account a Connect authorization logs into by default: account 2, or the platform if it is alone. */
  StripeAccount defaultConnected() {
    return accounts.size() > 1 ? accounts.get(1) : platform();
  }

  StripeAccount byId(String id) {
    return accounts.stream().filter(a -> a.id.equals(id)).findFirst().orElse(null);
  }

  StripeAccount bySecretKey(String key) {
    return accounts.stream().filter(a -> a.secretKey.equals(key)).findFirst().orElse(null);
  }

  /** The account a {@code /_sandbox} request names: its number or its id; the platform if null. Null if unknown. */
  StripeAccount forControl(Object account) {
    if (account == null) {
      return platform();
    }
    StripeAccount byId = byId(String.valueOf(account));
    if (byId != null) {
      return byId;
    }
    try {
      int n = account instanceof Number x ? x.intValue() : Integer.parseInt(String.valueOf(account).trim());
      return n >= 1 && n <= accounts.size() ? accounts.get(n - 1) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  void reset() {
    accounts.forEach(StripeAccount::reset);
  }
}
