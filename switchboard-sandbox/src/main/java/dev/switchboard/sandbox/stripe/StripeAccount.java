package dev.switchboard.sandbox.stripe;

import java.util.HashSet;
import java.util.Set;

/**
 * One Stripe account: its id and keys, its objects (customers, products, …, events, webhook endpoints), its invoice
 * numbering and which of its webhook endpoints are Connect endpoints. Nothing is shared between accounts.
 *
 * <p>Account 1 is the configured one ({@code sandbox.stripe.account-id}, {@code .api-key}, {@code .publishable-key})
 * and is the Connect platform. Account N ≥ 2 is derived from N: id {@code acct_1SandboxStripe<N-1>}, secret key
 * {@code sk_test_sandbox_N}, publishable key {@code pk_test_sandbox_N}.
 */
final class StripeAccount {

  final int number;
  final String id;
  final String secretKey;
  final String publishableKey;
  final StripeObjects objects = new StripeObjects();
  // webhook_endpoint has no "connect" attribute in Stripe's API, so the flag lives beside the object
  private final Set<String> connectEndpoints = new HashSet<>();
  private int invoiceSequence;

  StripeAccount(int number, StripeSettings settings) {
    this.number = number;
    boolean first = number == 1;
    this.id = first ? settings.accountId : "acct_1SandboxStripe" + (number - 1);
    this.secretKey = first ? settings.apiKey : "sk_test_sandbox_" + number;
    this.publishableKey = first ? settings.publishableKey : "pk_test_sandbox_" + number;
  }

  boolean isPlatform() {
    return number == 1;
  }

  /** Marks webhook endpoint {@code endpointId} as a Connect endpoint (events of connected accounts, not this one's). */
  synchronized void markConnectEndpoint(String endpointId) {
    connectEndpoints.add(endpointId);
  }

  synchronized boolean isConnectEndpoint(String endpointId) {
    return connectEndpoints.contains(endpointId);
  }

  /** The next number in this account's invoice numbering (Stripe numbers invoices per account). */
  synchronized int nextInvoiceSequence() {
    return ++invoiceSequence;
  }

  synchronized void reset() {
    objects.reset();
    connectEndpoints.clear();
    invoiceSequence = 0;
  }
}
