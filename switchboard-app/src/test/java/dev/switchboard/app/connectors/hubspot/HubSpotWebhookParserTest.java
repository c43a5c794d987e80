package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.InboundEvent.Kind;
import dev.switchboard.app.connectors.WebhookRequest;
import dev.switchboard.app.support.FakeVendor;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every event type HubSpot sends for the types we bind — the legacy {@code contact.*}, {@code company.*},
 * {@code deal.*}, {@code line_item.*}, {@code product.*} and the generic {@code object.*} with {@code objectTypeId} —
 * read from fixtures: creation, propertyChange, deletion, restore, merge and associationChange; types we do not bind
 * are acknowledged, dropped and counted.
 */
class HubSpotWebhookParserTest {

  /** Every type bound, as the connector will be once deals, line items and products have their bindings. */
  static final HubSpotWebhookParser.Bound ALL = new HubSpotWebhookParser.Bound(
      Set.of("contact", "company", "deal", "line_item", "product", "meeting", "call", "email", "note", "task"),
      Map.of("contact", Set.of("company"), "deal", Set.of("contact", "company"),
          "meeting", Set.of("contact", "company", "deal"), "note", Set.of("contact", "company", "deal")));

  private SimpleMeterRegistry meters;

  @BeforeEach
  void meters() {
    meters = new SimpleMeterRegistry();
    Metrics.addRegistry(meters);
  }

  @AfterEach
  void noMeters() {
    Metrics.removeRegistry(meters);
  }

  private static List<InboundEvent> parse(String fixture, HubSpotWebhookParser.Bound bound) {
    return HubSpotWebhookParser.parse(new WebhookRequest("POST", "https://x/webhooks/crm/hubspot", Map.of(), Map.of(),
        FakeVendor.fixture(fixture).getBytes(StandardCharsets.UTF_8)), bound);
  }

  private static InboundEvent event(String key, String type, String id, Kind kind, long at) {
    return new InboundEvent(key, type, id, kind, null, Instant.ofEpochMilli(at), "62515");
  }

  private double ignored(String reason) {
    var c = meters.find("switchboard.hubspot.webhook_events_ignored").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void genericObjectEventsAreReadByTheirObjectTypeId() {
    List<InboundEvent> events = parse("hubspot/webhooks/object_events.json", ALL);
    assertThat(events).containsExactly(
        event("200", "meeting", "700001", Kind.CHANGED, 1719820900000L), // 0-47: a meeting created
        event("201", "note", "600001", Kind.CHANGED, 1719820901000L), // 0-46: a note edited
        event("202", "call", "800001", Kind.DELETED, 1719820902000L), // 0-48: a call archived
        event("203", "call", "800001", Kind.CHANGED, 1719820903000L), // restored: read again, the link revives
        event("204", "contact", "126", Kind.CHANGED, 1719820904000L), // 0-1 merge: the survivor read again …
        InboundEvent.merged("204:merged:127", "contact", "127", "126", Instant.ofEpochMilli(1719820904000L), "62515"),
        InboundEvent.merged("204:merged:128", "contact", "128", "126", Instant.ofEpochMilli(1719820904000L), "62515"),
        // meeting → contact: the meeting keeps its contacts, so it is read again with them
        event("205", "meeting", "700001", Kind.ASSOCIATIONS_CHANGED, 1719820905000L),
        event("207", "task", "500001", Kind.CHANGED, 1719820907000L),
        event("208", "email", "900001", Kind.CHANGED, 1719820908000L));
    assertThat(ignored("unknown_type")).as("0-5 (tickets) and a custom object 2-139: acknowledged, counted")
        .isEqualTo(2);
  }

  @Test
  void legacyEventsOfEveryObjectType() {
    List<InboundEvent> events = parse("hubspot/webhooks/legacy_events.json", ALL);
    assertThat(events).containsExactly(
        event("300", "deal", "200001", Kind.CHANGED, 1719821000000L),
        event("301", "line_item", "400001", Kind.DELETED, 1719821001000L),
        event("302", "product", "300001", Kind.CHANGED, 1719821002000L),
        event("303", "company", "456", Kind.CHANGED, 1719821003000L), // restore
        event("304", "company", "456", Kind.CHANGED, 1719821004000L),
        InboundEvent.merged("304:merged:457", "company", "457", "456", Instant.ofEpochMilli(1719821004000L), "62515"),
        event("305", "deal", "200001", Kind.CHANGED, 1719821005000L),
        InboundEvent.merged("305:merged:200002", "deal", "200002", "200001", Instant.ofEpochMilli(1719821005000L),
            "62515"),
        // company → contact removed: the contact keeps its companies, the company does not keep contacts
        event("306", "contact", "123", Kind.ASSOCIATIONS_CHANGED, 1719821006000L),
        // contact → meeting: the contact keeps no meetings, the meeting keeps its contacts
        event("307", "meeting", "700001", Kind.ASSOCIATIONS_CHANGED, 1719821007000L));
    assertThat(ignored("unknown_type")).as("ticket.creation").isEqualTo(1);
  }

  @Test
  void anAssociationBothEndsKeepChangesBothEnds() {
    String body = "[{\"eventId\":1,\"portalId\":62515,\"occurredAt\":1719821006000,\"subscriptionType\":"
        + "\"deal.associationChange\",\"associationType\":\"DEAL_TO_CONTACT\",\"fromObjectId\":200001,"
        + "\"toObjectId\":123,\"associationRemoved\":false}]";
    HubSpotWebhookParser.Bound both = new HubSpotWebhookParser.Bound(Set.of("deal", "contact"),
        Map.of("deal", Set.of("contact"), "contact", Set.of("deal")));
    List<InboundEvent> events = HubSpotWebhookParser.parse(new WebhookRequest("POST", "u", Map.of(), Map.of(),
        body.getBytes(StandardCharsets.UTF_8)), both);
    assertThat(events).containsExactly(event("1", "deal", "200001", Kind.ASSOCIATIONS_CHANGED, 1719821006000L),
        event("1:to", "contact", "123", Kind.ASSOCIATIONS_CHANGED, 1719821006000L));
  }

  @Test
  void aChildAddedToOrRemovedFromItsOwnerIsAChangeOfTheOwner() {
    String body = "[{\"eventId\":1,\"portalId\":62515,\"occurredAt\":1719821006000,\"subscriptionType\":"
        + "\"line_item.associationChange\",\"associationType\":\"LINE_ITEM_TO_DEAL\",\"fromObjectId\":400001,"
        + "\"toObjectId\":200001,\"associationRemoved\":true}]";
    HubSpotWebhookParser.Bound deals = new HubSpotWebhookParser.Bound(Set.of("deal", "line_item"),
        Map.of("deal", Set.of("contact")), Map.of("deal", Set.of("line_item")));
    assertThat(HubSpotWebhookParser.parse(new WebhookRequest("POST", "u", Map.of(), Map.of(),
        body.getBytes(StandardCharsets.UTF_8)), deals))
        .containsExactly(event("1", "deal", "200001", Kind.CHANGED, 1719821006000L));
  }

  @Test
  void eventsOfTypesTheConnectorDoesNotBindAreDroppedAndCounted() {
    HubSpotWebhookParser.Bound contactsOnly = new HubSpotWebhookParser.Bound(Set.of("contact", "company"),
        Map.of("contact", Set.of("company")));
    List<InboundEvent> events = parse("hubspot/webhooks/legacy_events.json", contactsOnly);
    assertThat(events).extracting(InboundEvent::eventKey).containsExactly("303", "304", "304:merged:457", "306");
    assertThat(ignored("unbound_type")).as("deal, line item, product events").isEqualTo(4);
    assertThat(ignored("association_not_kept")).as("contact → meeting").isEqualTo(1);
  }

  @Test
  void anObjectEventWithoutItsObjectTypeIdRefusesTheDelivery() {
    String body = "[{\"eventId\":1,\"portalId\":62515,\"occurredAt\":1719821006000,\"subscriptionType\":"
        + "\"object.creation\",\"objectId\":700001}]";
    assertThatThrownBy(() -> HubSpotWebhookParser.parse(new WebhookRequest("POST", "u", Map.of(), Map.of(),
        body.getBytes(StandardCharsets.UTF_8)), ALL)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("objectTypeId");
    String noId = "[{\"eventId\":1,\"portalId\":62515,\"occurredAt\":1719821006000,\"subscriptionType\":"
        + "\"object.creation\",\"objectTypeId\":\"0-47\"}]";
    assertThatThrownBy(() -> HubSpotWebhookParser.parse(new WebhookRequest("POST", "u", Map.of(), Map.of(),
        noId.getBytes(StandardCharsets.UTF_8)), ALL)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("objectId");
  }

  @Test
  void theConnectorParsesEngagementEventsOfTheTypesItBinds() {
    HubSpotConnector connector = new HubSpotConnector(
        new dev.switchboard.app.connectors.GuardedVendorHttp(new SimpleMeterRegistry(), java.time.Clock.systemUTC(),
            5000), new HubSpotProperties("http://127.0.0.1:1/hubspot", 100, ""));
    List<InboundEvent> events = connector.parseWebhook(new WebhookRequest("POST", "u", Map.of(), Map.of(),
        FakeVendor.fixture("hubspot/webhooks/object_events.json").getBytes(StandardCharsets.UTF_8)));
    assertThat(events).extracting(InboundEvent::objectType)
        .contains("meeting", "note", "call", "task", "email", "contact");
  }

  /**
   * HubSpot documents {@code objectTypeId} on the generic creation, deletion, merge, restore and propertyChange events;
   * an association change names its ends by {@code fromObjectTypeId} / {@code toObjectTypeId}. Without
   * {@code objectTypeId} it is still an association change of the end that keeps it, not a refused delivery.
   */
  @Test
  void aGenericAssociationChangeWithoutObjectTypeIdIsReadByItsEndsTypes() {
    String body = "[{\"eventId\":901,\"subscriptionId\":3106,\"portalId\":62515,\"appId\":1160452,"
        + "\"occurredAt\":1719820905000,\"subscriptionType\":\"object.associationChange\",\"attemptNumber\":0,"
        + "\"changeSource\":\"USER\",\"associationType\":\"MEETING_TO_CONTACT\",\"fromObjectId\":700001,"
        + "\"toObjectId\":123,\"associationRemoved\":false,\"isPrimaryAssociation\":false,"
        + "\"fromObjectTypeId\":\"0-47\",\"toObjectTypeId\":\"0-1\",\"associationTypeId\":200,"
        + "\"associationCategory\":\"HUBSPOT_DEFINED\"}]";
    List<InboundEvent> events = HubSpotWebhookParser.parse(new WebhookRequest("POST", "https://x/webhooks/crm/hubspot",
        Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8)), ALL);
    assertThat(events).containsExactly(event("901", "meeting", "700001", Kind.ASSOCIATIONS_CHANGED, 1719820905000L));
  }
}
