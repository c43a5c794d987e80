package dev.switchboard.app.ops;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.ConnectionSetup;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connections.FirstSyncHolds;
import dev.switchboard.app.connectors.ConsentSetting;
import dev.switchboard.app.mapping.ChildrenTransform;
import dev.switchboard.app.mapping.Direction;
import dev.switchboard.app.mapping.FieldMappings;
import dev.switchboard.app.mapping.MappingCatalog;
import dev.switchboard.app.mapping.PortalMoneyTransform;
import dev.switchboard.app.mapping.RefTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/**
 * Connects a tenant to a running vendor sandbox the way a user connects real accounts: reads the sandbox's
 * credentials, points the HubSpot app's webhook settings at us (a developer does this once in HubSpot's app
 * settings; the sandbox exposes HubSpot's webhooks v3 API for it), and connects HubSpot and Mailchimp through
 * {@link ConnectionSetup} (which verifies credentials and registers the Mailchimp list webhook). Idempotent.
 * Used by the demo and the end-to-end tests.
 */
@Service
public class SandboxWiring {
  /** HubSpot contact properties whose changes we subscribe to: those the mapping file reads and writes. */
  static final List<String> HUBSPOT_PROPERTIES = subscribed("contact");
  /** The deal properties Switchboard maps. */
  static final List<String> HUBSPOT_DEAL_PROPERTIES = subscribed("deal");
  /** The line item properties Switchboard maps both ways: a change of one is a change of its deal. */
  static final List<String> HUBSPOT_LINE_ITEM_PROPERTIES = subscribed("line_item");
  /** The product properties Switchboard maps. */
  static final List<String> HUBSPOT_PRODUCT_PROPERTIES = subscribed("product");
  /** The company properties Switchboard maps (a property change of any other fires no event). */
  static final List<String> HUBSPOT_COMPANY_PROPERTIES = subscribed("company");

  /**
   * The engagements by their object type ids (they have no legacy event types: HubSpot sends them the generic
   * {@code object.*} events only), each with the properties its mapping file reads and writes, less the owner's
   * ({@link #subscribed}).
   */
  static final Map<String, List<String>> HUBSPOT_ENGAGEMENT_PROPERTIES = Map.of("0-47", subscribed("meeting"),
      "0-48", subscribed("call"), "0-49", subscribed("email"), "0-46", subscribed("note"), "0-27", subscribed("task"));

  private final ConnectionSetup setup;
  private final Connections connections;
  private final FirstSyncHolds holds;
  private final String publicBaseUrl;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SandboxWiring.class);

  SandboxWiring(ConnectionSetup setup, Connections connections, FirstSyncHolds holds,
      @Value("${switchboard.public-base-url}") String publicBaseUrl) {
    this.holds = holds;
    this.setup = setup;
    this.connections = connections;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** Returns the tenant's HubSpot and Mailchimp connections, creating them on first call. */
  @SuppressWarnings("unchecked")
  public List<Connection> wire(String tenantId, String sandboxUrl, String appBaseUrl) {
    RestClient sandbox = RestClient.create(sandboxUrl);
    Map<String, Map<String, Object>> creds = sandbox.get().uri("/_sandbox/credentials").retrieve().body(Map.class);
    Map<String, Object> hs = creds.get("hubspot");
    Map<String, Object> mc = creds.get("mailchimp");
    String appId = String.valueOf(hs.get("appId"));
    String hapikey = String.valueOf(hs.get("developerApiKey"));
    sandbox.put().uri("/hubspot/webhooks/v3/{appId}/settings?hapikey={k}", appId, hapikey)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("targetUrl", appBaseUrl + "/webhooks/crm/hubspot",
            "throttling", Map.of("maxConcurrentRequests", 10, "period", "SECONDLY")))
        .retrieve().toBodilessEntity();
    Map<String, Object> existing = sandbox.get().uri("/hubspot/webhooks/v3/{appId}/subscriptions?hapikey={k}", appId, hapikey)
        .retrieve().body(Map.class);
    List<Object> subscribed = existing == null ? List.of() : (List<Object>) existing.getOrDefault("results", List.of());
    if (subscribed.isEmpty()) {
      List<Map<String, Object>> wanted = new ArrayList<>();
      wanted.add(Map.of("eventType", "contact.creation", "active", true));
      wanted.add(Map.of("eventType", "contact.deletion", "active", true));
      wanted.add(Map.of("eventType", "contact.privacyDeletion", "active", true));
      wanted.add(Map.of("eventType", "contact.restore", "active", true));
      wanted.add(Map.of("eventType", "contact.merge", "active", true));
      HUBSPOT_PROPERTIES.forEach(p -> wanted.add(Map.of("eventType", "contact.propertyChange", "propertyName", p, "active", true)));
      // HubSpot sends apps no event of its own when a contact's subscription status changes, but the change sets the
      // contact's opt-out property of that subscription type (hs_email_optout_<id>): subscribing to those properties
      // brings an opt-in at once instead of at the next reconciliation poll. Their ids are the portal's own.
      optOutProperties(sandbox, String.valueOf(hs.get("accessToken"))).forEach(p -> wanted.add(Map.of(
          "eventType", "contact.propertyChange", "propertyName", p, "active", true)));
      // companies, and which companies a contact belongs to (a member's company name and address come from them)
      for (String event : List.of("creation", "deletion", "restore", "merge")) {
        wanted.add(Map.of("eventType", "company." + event, "active", true));
      }
      HUBSPOT_COMPANY_PROPERTIES.forEach(p -> wanted.add(Map.of("eventType", "company.propertyChange", "propertyName", p,
          "active", true)));
      wanted.add(Map.of("eventType", "contact.associationChange", "active", true));
      // deals (their contacts, companies and line items come with deal.associationChange) and products
      for (String event : List.of("creation", "deletion", "restore", "merge", "associationChange")) {
        wanted.add(Map.of("eventType", "deal." + event, "active", true));
      }
      HUBSPOT_DEAL_PROPERTIES.forEach(p -> wanted.add(Map.of("eventType", "deal.propertyChange", "propertyName", p,
          "active", true)));
      // a line item's own changes are changes of its deal (added to or removed from it: deal.associationChange)
      for (String p : HUBSPOT_LINE_ITEM_PROPERTIES) {
        wanted.add(Map.of("eventType", "line_item.propertyChange", "propertyName", p, "active", true));
      }
      for (String event : List.of("creation", "deletion", "restore")) {
        wanted.add(Map.of("eventType", "product." + event, "active", true));
      }
      HUBSPOT_PRODUCT_PROPERTIES.forEach(p -> wanted.add(Map.of("eventType", "product.propertyChange", "propertyName",
          p, "active", true)));
      // meetings, calls, e-mails, notes and tasks: generic events naming the object type
      HUBSPOT_ENGAGEMENT_PROPERTIES.forEach((typeId, properties) -> {
        for (String event : List.of("creation", "deletion", "restore", "associationChange")) {
          wanted.add(Map.of("eventType", "object." + event, "objectTypeId", typeId, "active", true));
        }
        properties.forEach(p -> wanted.add(Map.of("eventType", "object.propertyChange", "objectTypeId", typeId,
            "propertyName", p, "active", true)));
      });
      for (Map<String, Object> s : wanted) {
        withinRateLimit(() -> sandbox.post().uri("/hubspot/webhooks/v3/{appId}/subscriptions?hapikey={k}", appId,
            hapikey).contentType(MediaType.APPLICATION_JSON).body(s).retrieve().toBodilessEntity());
      }
    }
    List<Connection> out = new ArrayList<>();
    Connection hubspot = connections.forTenantAndSystem(tenantId, "hubspot").stream().findFirst().orElseGet(() ->
        setup.connect(tenantId, "hubspot", "HubSpot (sandbox)", Map.of(),
            Map.of("accessToken", String.valueOf(hs.get("accessToken")), "clientSecret", String.valueOf(hs.get("clientSecret")))));
    // the app-level webhook settings above are what "configure it in HubSpot" means for the sandbox
    connections.setWebhookStatus(tenantId, hubspot.id(), "REGISTERED");
    out.add(hubspot);
    // A HubSpot contact that opted in to the portal's marketing subscription type arrives subscribed; the demo adds
    // the others as transactional members, as an owner would choose on the plan page, so that they still arrive (and
    // are upgraded when they opt in); nobody becomes subscribed without an opt-in.
    Connection mailchimp = connections.forTenantAndSystem(tenantId, "mailchimp").stream().findFirst().orElseGet(() ->
        setup.connect(tenantId, "mailchimp", "Mailchimp (sandbox)", Map.of("listId", String.valueOf(mc.get("listId")),
            ConsentSetting.WITHOUT_CONSENT, ConsentSetting.TRANSACTIONAL),
            Map.of("apiKey", String.valueOf(mc.get("apiKey")))));
    // A new Mailchimp connection is held until its first-sync plan is started: the demo starts it itself, as the
    // owner would press Start on the plan page (GET /api/connections/{id}/first-sync shows what it did).
    if (holds.find(tenantId, mailchimp.id()).map(FirstSyncHolds.Hold::held).orElse(false)) {
      mailchimp = setup.startFirstSync(tenantId, mailchimp.id(), "demo");
      log.info("demo: the Mailchimp connection's first-sync plan was started by the demo itself (a real connection "
          + "waits for the owner's Start)");
    }
    out.add(mailchimp);
    return out;
  }

  /** The contact properties of the portal's e-mail subscription types ({@code hs_email_optout_<id>}). */
  @SuppressWarnings("unchecked")
  private static List<String> optOutProperties(RestClient sandbox, String accessToken) {
    Map<String, Object> defs = sandbox.get().uri("/hubspot/communication-preferences/v3/definitions")
        .header("Authorization", "Bearer " + accessToken).retrieve().body(Map.class);
    List<Map<String, Object>> all = defs == null ? List.of()
        : (List<Map<String, Object>>) defs.getOrDefault("subscriptionDefinitions", List.of());
    return all.stream().map(d -> "hs_email_optout_" + d.get("id")).toList();
  }

  public String publicBaseUrl() {
    return publicBaseUrl;
  }

  /**
   * Runs a call of HubSpot's developer API, waiting out its ten-secondly limit: the subscriptions are created one call
   * each (the webhooks API has no batch create) and outnumber one window's budget, as they would at HubSpot.
   */
  private static void withinRateLimit(Runnable call) {
    for (int attempt = 1; ; attempt++) {
      try {
        call.run();
        return;
      } catch (org.springframework.web.client.HttpClientErrorException.TooManyRequests e) {
        if (attempt >= 30) {
          throw e;
        }
        try {
          Thread.sleep(500); // the window rolls: some of its budget is back within a second
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * The properties of a HubSpot vendor type's mapping file that are read and written, less the owner's, a reference's
   * (a line item's product) and a deal's own currency: the demo's subscriptions, one developer-API call each, fit in
   * one ten-second window of its 100 calls (such a change is still read by the reconciliation poll or the deal's next
   * read; a real app subscribes to them in HubSpot's settings page, at no API cost).
   */
  static List<String> subscribed(String vendorType) {
    return MappingCatalog.defaults().file("hubspot", vendorType).rules().stream()
        .filter(r -> r.direction() == Direction.BOTH && !r.canonical().contains(FieldMappings.OWNER))
        // a deal's line items are objects of their own, with events of their own; a reference to another record (a
        // line's product) is left out like the owner, to stay within the window's budget
        .filter(r -> !(r.transform() instanceof ChildrenTransform) && !(r.transform() instanceof RefTransform))
        // of money in the portal's currency, the amount: the record's own currency is HubSpot's, never written
        .flatMap(r -> r.transform() instanceof PortalMoneyTransform ? r.vendor().stream().limit(1)
            : r.vendor().stream()).toList();
  }
}
