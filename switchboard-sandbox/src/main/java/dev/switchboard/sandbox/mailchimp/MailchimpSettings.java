package dev.switchboard.sandbox.mailchimp;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Mailchimp emulator configuration ({@code sandbox.mailchimp.*}); connection limit adjustable at runtime. */
@Component
class MailchimpSettings {

  final String apiKey;
  final String dc;
  final String listId;
  private final int defaultMaxConnections;
  volatile int maxConnections;

  MailchimpSettings(
      @Value("${sandbox.mailchimp.api-key:sandboxkey0000000000000000000000-us21}") String apiKey,
      @Value("${sandbox.mailchimp.list-id:sandboxlist1}") String listId,
      @Value("${sandbox.mailchimp.max-connections:10}") int maxConnections) {
    this.apiKey = apiKey;
    this.dc = apiKey.contains("-") ? apiKey.substring(apiKey.lastIndexOf('-') + 1) : "us1";
    this.listId = listId;
    this.defaultMaxConnections = maxConnections;
    this.maxConnections = maxConnections;
  }

  void reset() {
    maxConnections = defaultMaxConnections;
  }
}
