package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.AllowedVendorHosts;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorDescriptor;
import dev.switchboard.app.connectors.ConnectorDescriptor.CredentialField;
import dev.switchboard.app.connectors.DeleteResult;
import dev.switchboard.app.connectors.DeleteSemantics;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.RateLimitPolicy;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.VendorHosts;
import dev.switchboard.app.connectors.VendorHttp;
import dev.switchboard.app.connectors.WebhookRequest;
import dev.switchboard.app.connectors.WebhookVerifier;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** HubSpot CRM contacts. See docs/integrations/hubspot_mapping.md. */
@Component
@EnableConfigurationProperties(HubSpotProperties.class)
public class HubSpotConnector implements Connector {

  static final String SYSTEM = "hubspot";
  static final int MAX_BATCH = 100;

  private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(SYSTEM, "crm", "HubSpot",
      List.of(CanonicalRecord.CONTACT),
      List.of(new CredentialField("accessToken", "Private app or OAuth access token", true),
          new CredentialField("clientSecret",
              "Client secret of your own HubSpot app (webhook signatures v3); leave empty for the instance's app", true),
          new CredentialField("customProperties", "Custom properties (key=hubspot_property, comma separated)",
              false),
          new CredentialField("baseUrl", "API base URL override", false)),
      "https://developers.hubspot.com/docs/api/crm/contacts", List.of("api.hubapi.com"));

  private final HubSpotProperties properties;
  private final VendorHosts hosts;
  private final HubSpotClient client;
  private final HubSpotContactPages pages;
  private final HubSpotKeyProperty keyProperty;
  private final HubSpotContactWrites writes;
  private final HubSpotWebhookVerifier verifier;

  /** A connector whose connections may override the base URL only within HubSpot's hosts (or the configured one). */
  public HubSpotConnector(VendorHttp http, HubSpotProperties properties) {
    this(http, properties, AllowedVendorHosts.none());
  }

  @org.springframework.beans.factory.annotation.Autowired
  public HubSpotConnector(VendorHttp http, HubSpotProperties properties, AllowedVendorHosts allowed) {
    this.properties = properties;
    this.hosts = new VendorHosts(SYSTEM, DESCRIPTOR.vendorHosts(), properties.baseUrl(), allowed);
    this.client = new HubSpotClient(http, properties, hosts, rateLimitPolicy(), searchPolicy());
    this.pages = new HubSpotContactPages(client);
    this.keyProperty = new HubSpotKeyProperty(client);
    this.writes = new HubSpotContactWrites(client, keyProperty);
    this.verifier = new HubSpotWebhookVerifier(properties.clientSecret());
  }

  @Override
  public Optional<String> baseUrlRefusal(String baseUrl) {
    return hosts.refusal(baseUrl);
  }

  /** HubSpot is the hub: on a first link its values are the ones kept. */
  @Override
  public boolean seedsInitialSync() {
    return true;
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public WebhookVerifier webhookVerifier() {
    return verifier;
  }

  @Override
  public RateLimitPolicy rateLimitPolicy() {
    return new RateLimitPolicy(List.of(new RateLimitPolicy.Window(properties.rateLimitPer10s(),
        Duration.ofSeconds(10))), 0, "X-HubSpot-RateLimit-Remaining", "X-HubSpot-RateLimit-Interval-Milliseconds");
  }

  /** CRM search: its own per-second budget, shared by every search of the connection, exempt from the 10 s one. */
  RateLimitPolicy searchPolicy() {
    return new RateLimitPolicy(List.of(new RateLimitPolicy.Window(properties.searchPerSecond(), Duration.ofSeconds(1))),
        0, null, null, "search");
  }

  @Override
  public int maxBatchSize(String objectType) {
    return MAX_BATCH;
  }

  /** Reads the portal id, then sets up the {@code switchboard_id} property our creates are keyed by. */
  @Override
  public String check(ConnectionContext connection) {
    JsonNode details = client.accountDetails(connection);
    JsonNode portal = details.path("portalId");
    if (portal.isMissingNode() || portal.isNull()) {
      throw new VendorException(0, false, null, "invalid_response", "hubspot account details without portalId");
    }
    keyProperty.ensure(connection);
    return portal.asString();
  }

  @Override
  public Optional<SourceRecord> fetch(ConnectionContext connection, String objectType, String externalId) {
    requireContact(objectType);
    Map<String, String> custom = custom(connection);
    Optional<JsonNode> contact = client.getContact(connection, externalId, HubSpotMapper.readProperties(custom));
    if (contact.isEmpty() || contact.get().path("archived").asBoolean(false)) {
      return Optional.empty();
    }
    return Optional.of(HubSpotMapper.source(contact.get(), custom));
  }

  @Override
  public Map<String, SourceRecord> fetchMany(ConnectionContext connection, String objectType, List<String> externalIds) {
    requireContact(objectType);
    Map<String, String> custom = custom(connection);
    Map<String, SourceRecord> out = new java.util.LinkedHashMap<>();
    for (int from = 0; from < externalIds.size(); from += MAX_BATCH) {
      List<String> chunk = externalIds.subList(from, Math.min(externalIds.size(), from + MAX_BATCH));
      JsonNode page = client.batchReadContacts(connection, chunk, HubSpotMapper.readProperties(custom));
      for (JsonNode contact : page.path("results")) {
        if (!contact.path("archived").asBoolean(false)) {
          SourceRecord r = HubSpotMapper.source(contact, custom);
          out.put(r.externalId(), r);
        }
      }
    }
    return out;
  }

  /** See {@link HubSpotContactPages}: the list endpoint for a backfill, keyset search for reconciliation. */
  @Override
  public RecordPage listModified(ConnectionContext connection, String objectType, @Nullable Instant since,
      @Nullable String cursor) {
    requireContact(objectType);
    return pages.page(connection, custom(connection), since, cursor);
  }


  /** See {@link HubSpotContactWrites}. */
  @Override
  public List<WriteResult> write(ConnectionContext connection, String objectType, List<WriteRequest> batch) {
    requireContact(objectType);
    return writes.write(connection, custom(connection), batch);
  }

  /** Contacts are archived (restorable from HubSpot's recycle bin; the restore revives the same link). */
  @Override
  public Optional<DeleteSemantics> deleteSemantics(String objectType) {
    return CanonicalRecord.CONTACT.equals(objectType) ? Optional.of(DeleteSemantics.ARCHIVE) : Optional.empty();
  }

  /** Batch archive, up to 100 ids a call; HubSpot answers 204 for all, so every id is {@link DeleteResult.Deleted}. */
  @Override
  public List<DeleteResult> delete(ConnectionContext connection, String objectType, List<String> externalIds) {
    requireContact(objectType);
    for (int from = 0; from < externalIds.size(); from += MAX_BATCH) {
      client.batchArchiveContacts(connection, externalIds.subList(from, Math.min(externalIds.size(), from + MAX_BATCH)));
    }
    return externalIds.stream().<DeleteResult>map(DeleteResult.Deleted::new).toList();
  }

  /** See {@link HubSpotWebhookParser#parse}. */
  @Override
  public List<InboundEvent> parseWebhook(WebhookRequest request) {
    return HubSpotWebhookParser.parse(request);
  }

  private static Map<String, String> custom(ConnectionContext connection) {
    return HubSpotMapper.customProperties(connection.setting("customProperties"));
  }

  private static void requireContact(String objectType) {
    if (!CanonicalRecord.CONTACT.equals(objectType)) {
      throw new IllegalArgumentException("hubspot connector syncs contacts only, not " + objectType);
    }
  }
}
