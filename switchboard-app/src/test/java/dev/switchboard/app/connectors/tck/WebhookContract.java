package dev.switchboard.app.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.WebhookRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The inbox's side of a binding: a genuine delivery verifies and parses into the thin events of what happened, a
 * forged one is refused, and a body the vendor could not have sent is a 400 (IllegalArgumentException), not a 500.
 */
public interface WebhookContract extends ConnectorContract {

  /** Verifies and parses deliveries until one carries an event of {@code kind} for {@code id}. */
  private List<WebhookRequest> awaitEvent(WebhookReceiver receiver, String id, InboundEvent.Kind kind,
      List<InboundEvent> events) throws InterruptedException {
    List<WebhookRequest> deliveries = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (events.stream().noneMatch(e -> e.externalId().equals(id) && e.kind() == kind)) {
      WebhookRequest r = receiver.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      assertThat(connector().webhookVerifier().verify(r, connection(), binding().fixture().now()))
          .as("a genuine delivery verifies").isNull();
      deliveries.add(r);
      events.addAll(connector().parseWebhook(r));
    }
    return deliveries;
  }

  @Test
  default void aGenuineDeliveryVerifiesAndParsesIntoTheEventsThatHappened() throws Exception {
    requireSandbox("capturing the vendor's deliveries");
    Assumptions.assumeTrue(caps().declared().detection().changes().webhook(), "the binding declares no webhooks");
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      binding().fixture().subscribeWebhooks(connection(), receiver.url("/webhooks/tck"));
      String id = createAtVendor(tagValue("hook"), Map.of(samples().changeField(), "H"));
      List<InboundEvent> events = new ArrayList<>();
      List<WebhookRequest> deliveries = awaitEvent(receiver, id, InboundEvent.Kind.CHANGED, events);
      if (caps().declared().detection().deletions().webhook()) {
        binding().fixture().delete(id);
        awaitEvent(receiver, id, InboundEvent.Kind.DELETED, events);
      }
      for (InboundEvent e : events) {
        assertThat(e.objectType()).isEqualTo(type());
        assertThat(e.eventKey()).isNotBlank();
        assertThat(e.accountId()).as("an event names its account, if at all, as check() does")
            .isIn(null, binding().accountId());
      }
      assertThat(events.stream().map(InboundEvent::eventKey).distinct().count())
          .as("event keys are unique (the inbox dedupes on them)").isEqualTo(events.size());
      WebhookRequest forged = binding().fixture().forged(deliveries.getFirst());
      assertThat(connector().webhookVerifier().verify(forged, connection(), binding().fixture().now()))
          .as("a forged delivery is refused").isNotNull();
    }
  }

  @Test
  default void aMalformedBodyIsAnIllegalArgument() {
    List<byte[]> bodies = new ArrayList<>(List.of(binding().fixture().malformedBody()));
    bodies.addAll(binding().fixture().malformedEvents());
    for (byte[] body : bodies) {
      WebhookRequest r = new WebhookRequest("POST", "http://127.0.0.1/webhooks/tck",
          Map.of("Content-Type", List.of("application/json")), Map.of(), body);
      assertThatThrownBy(() -> connector().parseWebhook(r)).as(new String(body, java.nio.charset.StandardCharsets.UTF_8))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
