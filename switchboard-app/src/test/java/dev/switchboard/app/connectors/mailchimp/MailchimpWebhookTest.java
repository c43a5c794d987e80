package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.support.FakeVendor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.WebhookRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailchimpWebhookTest {

  private final MailchimpConnector connector = new MailchimpConnector(
      new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 5000),
      new MailchimpProperties("http://127.0.0.1:1/mailchimp/3.0", 10));
  private final ConnectionContext conn = new ConnectionContext("c1", "t1", "mailchimp", "a6b5da1054",
      Map.of("listId", "a6b5da1054"), Map.of("apiKey", "k-us1", "webhookSecret", "s3cr3t-Token"));

  private static WebhookRequest post(String fixture, Map<String, String> query) {
    return new WebhookRequest("POST", "https://sb.example.com/webhooks/marketing/mailchimp?secret=x",
        Map.of("Content-Type", List.of("application/x-www-form-urlencoded")), query,
        FakeVendor.fixture("mailchimp/webhooks/" + fixture).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void verifierComparesTheSecretQueryParameter() {
    var v = connector.webhookVerifier();
    Instant now = Instant.now();
    assertThat(v.verify(post("subscribe.txt", Map.of("secret", "s3cr3t-Token")), conn, now)).isNull();
    assertThat(v.verify(post("subscribe.txt", Map.of("secret", "s3cr3t-token")), conn, now))
        .isEqualTo("secret mismatch");
    assertThat(v.verify(new WebhookRequest("POST", "https://sb.example.com/webhooks/marketing/mailchimp",
        Map.of(), Map.of(), new byte[0]), conn, now)).isEqualTo("missing secret");
    // falls back to the raw URI when the platform did not decode the query
    assertThat(v.verify(new WebhookRequest("POST", "https://sb.example.com/w?secret=s3cr3t-Token", Map.of(),
        new HashMap<>(), new byte[0]), conn, now)).isNull();
    assertThat(v.verify(post("subscribe.txt", Map.of("secret", "x")), new ConnectionContext("c", "t",
        "mailchimp", null, Map.of(), Map.of()), now)).isNotNull();
  }

  @Test
  void accountHintIsTheListId() {
    assertThat(connector.webhookVerifier().accountHints(post("subscribe.txt", Map.of()))).containsExactly("a6b5da1054");
    assertThat(connector.webhookVerifier().accountHints(new WebhookRequest("GET", "u", Map.of(), Map.of(),
        new byte[0]))).isEmpty();
  }

  /** A form body that is not Mailchimp's shape is refused (400) rather than stored or answered 500. */
  @Test
  void malformedFormBodiesAreRefused() {
    String ok = "type=subscribe&fired_at=2009-03-26+21%3A35%3A57&data%5Blist_id%5D=a6b5da1054&data%5Bemail%5D=a%40b.example";
    List<String> bad = List.of(
        ok.replace("2009-03-26+21%3A35%3A57", "2009-13-45+99%3A99%3A99"),
        ok.replace("2009-03-26+21%3A35%3A57", "99999-03-26+21%3A35%3A57"),
        ok.replace("2009-03-26+21%3A35%3A57", "%2B999999999-12-31+23%3A59%3A59"),
        ok.replace("2009-03-26+21%3A35%3A57", "2009-02-30+10%3A00%3A00"),
        ok.replace("2009-03-26+21%3A35%3A57", "1969-12-31+23%3A59%3A59"),
        ok.replace("&fired_at=2009-03-26+21%3A35%3A57", ""),
        ok.replace("type=subscribe&", ""),
        ok.replace("&data%5Bemail%5D=a%40b.example", ""),
        ok.replace("a%40b.example", "a%zz%40b.example"),
        ok.replace("a%40b.example", "%FF%FE%40b.example"),
        ok + "&data%5Bmerges%5D%5BFNAME%5D=%",
        "type=upemail&fired_at=2009-03-26+21%3A35%3A57&data%5Bnew_email%5D=n%40b.example");
    for (String body : bad) {
      assertThat(catchThrowable(() -> connector.parseWebhook(form(body.getBytes(StandardCharsets.UTF_8))))).as(body)
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] rawNotUtf8 = (ok + "&data%5Bmerges%5D%5BFNAME%5D=Zo\u00eb").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> connector.parseWebhook(form(rawNotUtf8))).isInstanceOf(IllegalArgumentException.class);
    assertThat(connector.parseWebhook(form(ok.getBytes(StandardCharsets.UTF_8)))).hasSize(1);
  }

  private static WebhookRequest form(byte[] body) {
    return new WebhookRequest("POST", "https://sb.example.com/webhooks/marketing/mailchimp?secret=x",
        Map.of("Content-Type", List.of("application/x-www-form-urlencoded")), Map.of(), body);
  }

  @Test
  void subscribeUsesMd5OfEmailWhenDataIdIsNotAHash() {
    List<InboundEvent> e = connector.parseWebhook(post("subscribe.txt", Map.of()));
    assertThat(e).hasSize(1);
    InboundEvent ev = e.getFirst();
    assertThat(ev.kind()).isEqualTo(InboundEvent.Kind.CHANGED);
    assertThat(ev.objectType()).isEqualTo("member");
    assertThat(ev.externalId()).isEqualTo(MailchimpMapper.subscriberHash("api@mailchimp.com"));
    assertThat(ev.occurredAt()).isEqualTo(Instant.parse("2009-03-26T21:35:57Z"));
    assertThat(ev.eventKey()).hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void profileEventAndDuplicateDeliveryShareTheKey() {
    InboundEvent a = connector.parseWebhook(post("profile.txt", Map.of())).getFirst();
    InboundEvent b = connector.parseWebhook(post("profile.txt", Map.of("secret", "other"))).getFirst();
    assertThat(a.kind()).isEqualTo(InboundEvent.Kind.CHANGED);
    assertThat(a.eventKey()).isEqualTo(b.eventKey());
    assertThat(a.eventKey()).isNotEqualTo(connector.parseWebhook(post("subscribe.txt", Map.of())).getFirst().eventKey());
  }

  @Test
  void unsubscribeWithDeleteActionIsDeleted() {
    InboundEvent e = connector.parseWebhook(post("unsubscribe_delete.txt", Map.of())).getFirst();
    assertThat(e.kind()).isEqualTo(InboundEvent.Kind.DELETED);
    assertThat(e.externalId()).isEqualTo(MailchimpMapper.subscriberHash("api+unsub@mailchimp.com"));
  }

  @Test
  void cleanedHasNoMemberIdAndIsKeyedByTheEmail() {
    // Mailchimp's cleaned body: data[list_id], data[campaign_id], data[reason], data[email] only
    InboundEvent e = connector.parseWebhook(post("cleaned.txt", Map.of())).getFirst();
    assertThat(e.kind()).isEqualTo(InboundEvent.Kind.CHANGED);
    assertThat(e.externalId()).isEqualTo(MailchimpMapper.subscriberHash("bounced+one@example.com"));
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-03-26T22:01:00Z"));
  }

  @Test
  void upemailIsAnIdChange() {
    InboundEvent e = connector.parseWebhook(post("upemail.txt", Map.of())).getFirst();
    assertThat(e.kind()).isEqualTo(InboundEvent.Kind.ID_CHANGED);
    assertThat(e.externalId()).isEqualTo(MailchimpMapper.subscriberHash("api+new@mailchimp.com"));
    assertThat(e.previousExternalId()).isEqualTo(MailchimpMapper.subscriberHash("api+old@mailchimp.com"));
  }

  @Test
  void campaignAndGetAreIgnoredAndGarbageIsRejected() {
    assertThat(connector.parseWebhook(post("campaign.txt", Map.of()))).isEmpty();
    assertThat(connector.parseWebhook(new WebhookRequest("GET", "u", Map.of(), Map.of(), new byte[0]))).isEmpty();
    assertThatThrownBy(() -> connector.parseWebhook(new WebhookRequest("POST", "u", Map.of(), Map.of(),
        "fired_at=2009-03-26+21%3A35%3A57".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> connector.parseWebhook(new WebhookRequest("POST", "u", Map.of(), Map.of(),
        "type=subscribe&fired_at=yesterday&data[email]=a@b.co".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> connector.parseWebhook(new WebhookRequest("POST", "u", Map.of(), Map.of(),
        "type=subscribe&data%ZZ".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(IllegalArgumentException.class);
  }
}
