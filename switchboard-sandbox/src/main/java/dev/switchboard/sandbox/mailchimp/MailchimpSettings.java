package dev.switchboard.sandbox.mailchimp;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Mailchimp emulator configuration ({@code sandbox.mailchimp.*}); connection limit adjustable at runtime.
 * {@code api-key} and {@code list-id} are account 1's; {@code accounts} (default 2, at least 1) is how many isolated
 * accounts the instance holds ({@link MailchimpAccounts}). {@code webhook-timeout-ms} (default 10000, Mailchimp's
 * 10 s) bounds both the URL-validating GET and each delivery.
 */
@Component
class MailchimpSettings {

  final String apiKey;
  final String dc;
  final String listId;
  final int accounts;
  final Duration webhookTimeout;
  private final int defaultMaxConnections;
  volatile int maxConnections;

  MailchimpSettings(
      @Value("${sandbox.mailchimp.api-key:sandboxkey0000000000000000000000-us21}") String apiKey,
      @Value("${sandbox.mailchimp.list-id:sandboxlist1}") String listId,
      @Value("${sandbox.mailchimp.accounts:2}") int accounts,
      @Value("${sandbox.mailchimp.max-connections:10}") int maxConnections,
      @Value("${sandbox.mailchimp.webhook-timeout-ms:10000}") long webhookTimeoutMs) {
    this.apiKey = apiKey;
    this.dc = apiKey.contains("-") ? apiKey.substring(apiKey.lastIndexOf('-') + 1) : "us1";
    this.listId = listId;
    this.accounts = Math.max(1, accounts);
    this.webhookTimeout = Duration.ofMillis(webhookTimeoutMs);
    this.defaultMaxConnections = maxConnections;
    this.maxConnections = maxConnections;
  }

  void reset() {
    maxConnections = defaultMaxConnections;
  }
}
