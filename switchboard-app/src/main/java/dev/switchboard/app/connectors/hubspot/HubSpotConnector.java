package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.AllowedVendorHosts;
import dev.switchboard.app.connectors.AssociationKind;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.VendorConnector;
import dev.switchboard.app.connectors.ConnectorDescriptor;
import dev.switchboard.app.connectors.ConnectorDescriptor.CredentialField;
import dev.switchboard.app.connectors.DeleteResult;
import dev.switchboard.app.connectors.DeleteSemantics;
import dev.switchboard.app.connectors.EdgeWrite;
import dev.switchboard.app.connectors.EdgeWriteResult;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.ListsDeletions;
import dev.switchboard.app.connectors.RateLimitPolicy;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.TimestampCapability;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.VendorType;
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

/**
 * HubSpot CRM: contacts and companies, and the contact ↔ company associations. See
 * docs/integrations/hubspot_mapping.md. Each object type is a {@link HubSpotObjectType}; reading, paging, writing
 * and crash-safe creates work alike for all of them.
 */
@Component
@EnableConfigurationProperties(HubSpotProperties.class)
public class HubSpotConnector extends VendorConnector implements ListsDeletions {

  static final String SYSTEM = "hubspot";
  static final int MAX_BATCH = 100;

  private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(SYSTEM, "crm", "HubSpot",
      // companies first: backfill and reconciliation run in this order, so a contact's company is linked before it
      List.of(HubSpotCompanyType.CANONICAL, CanonicalRecord.CONTACT),
      List.of(new CredentialField("accessToken", "Private app or OAuth access token", true),
          new CredentialField("clientSecret",
              "Client secret of your own HubSpot app (webhook signatures v3); leave empty for the instance's app", true),
          new CredentialField("customProperties", "Custom properties (key=hubspot_property, comma separated)",
              false),
          new CredentialField("baseUrl", "API base URL override", false)),
      "https://developers.hubspot.com/docs/api/crm/contacts", List.of("api.hubapi.com"));

  private final HubSpotProperties properties;
  private final HubSpotClient client;
  private final HubSpotKeyProperty keyProperty;
  private final HubSpotAssociationLabels labels;
  private final HubSpotAssociations associations;
  private final Map<String, Binding> bindings;

  /** What the connector does with one object type. */
  private record Binding(HubSpotObjectType type, HubSpotPages pages, HubSpotWrites writes) {}

  /** A connector whose connections may override the base URL only within HubSpot's hosts (or the configured one). */
  public HubSpotConnector(VendorHttp http, HubSpotProperties properties) {
    this(http, properties, AllowedVendorHosts.none());
  }

  public HubSpotConnector(VendorHttp http, HubSpotProperties properties, AllowedVendorHosts allowed) {
    this(http, properties, allowed, java.time.Clock.systemUTC());
  }

  /** {@code clock}: how long a portal's association label catalogue is kept ({@link HubSpotAssociationLabels}). */
  @org.springframework.beans.factory.annotation.Autowired
  public HubSpotConnector(VendorHttp http, HubSpotProperties properties, AllowedVendorHosts allowed,
      java.time.Clock clock) {
    super(DESCRIPTOR, properties.baseUrl(), allowed, new HubSpotWebhookVerifier(properties.clientSecret()));
    this.properties = properties;
    this.client = new HubSpotClient(http, properties, hosts(), rateLimitPolicy(), searchPolicy());
    this.keyProperty = new HubSpotKeyProperty(client);
    this.labels = new HubSpotAssociationLabels(client, clock);
    this.associations = new HubSpotAssociations(client, labels);
    Map<String, Binding> b = new java.util.LinkedHashMap<>();
    for (HubSpotObjectType t : List.of(HubSpotContactType.INSTANCE, HubSpotCompanyType.INSTANCE)) {
      b.put(t.vendorType(), new Binding(t, new HubSpotPages(client, t), new HubSpotWrites(client, keyProperty, t)));
    }
    this.bindings = java.util.Collections.unmodifiableMap(b); // in order: contacts are set up first
  }

  /** Companies, then contacts (backfill and reconciliation order: a contact's company is linked before it). */
  @Override
  public List<VendorType> vendorTypes() {
    return List.of(HubSpotCompanyType.INSTANCE, HubSpotContactType.INSTANCE).stream()
        .map(t -> VendorType.of(t.vendorType(), t.canonicalType())).toList();
  }

  /** HubSpot is the hub: on a first link its values are the ones kept. */
  @Override
  public boolean seedsInitialSync() {
    return true;
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

  /**
   * Reads the portal id, sets up the {@code switchboard_id} property our creates are keyed by, per type, and reads the
   * association label catalogue of every associated pair afresh: a token without the scope for it (403
   * {@code MISSING_SCOPES}) or a catalogue without HubSpot's unlabeled and "Primary" types fails the check with a
   * permanent {@link VendorException}, rather than every later association read or write.
   */
  @Override
  public String check(ConnectionContext connection) {
    JsonNode details = client.accountDetails(connection);
    JsonNode portal = details.path("portalId");
    if (portal.isMissingNode() || portal.isNull()) {
      throw new VendorException(0, false, null, "invalid_response", "hubspot account details without portalId");
    }
    for (Binding b : bindings.values()) {
      keyProperty.ensure(connection, b.type().path());
    }
    for (Binding b : bindings.values()) {
      for (String to : b.type().associatedTypes()) {
        labels.refresh(connection, b.type().path(), to).requireComplete();
      }
    }
    return portal.asString();
  }

  /**
   * Contacts and companies are dated per property: a fetch (one or a batch) reads the mapped properties with
   * {@code propertiesWithHistory}, which dates each value in milliseconds ({@link HubSpotPropertyTimes}). Pages of a
   * backfill or a reconciliation do not ask for it (it would multiply their payload): their records are dated by
   * {@code updatedAt}, also in milliseconds.
   */
  @Override
  public TimestampCapability timestamps(String objectType) {
    return TimestampCapability.perField(Duration.ofMillis(1));
  }

  /** One GET, with the associations the type keeps ({@code associations=companies} for a contact) in the same call. */
  @Override
  public Optional<SourceRecord> fetch(ConnectionContext connection, String objectType, String externalId) {
    HubSpotObjectType type = binding(objectType).type();
    Map<String, String> custom = custom(connection, type);
    Optional<JsonNode> object = client.getObject(connection, type.path(), externalId, type.readProperties(custom),
        type.historyProperties(custom), type.associatedTypes());
    if (object.isEmpty() || object.get().path("archived").asBoolean(false)) {
      return Optional.empty();
    }
    SourceRecord r = type.source(object.get(), custom);
    return Optional.of(type.associatedTypes().isEmpty() ? r
        : r.withAssociations(HubSpotAssociations.fromV3(type, object.get())));
  }

  /** Batch reads of up to 100; associations are read only when asked for ({@link #fetchAssociations}). */
  @Override
  public Map<String, SourceRecord> fetchMany(ConnectionContext connection, String objectType, List<String> externalIds) {
    HubSpotObjectType type = binding(objectType).type();
    Map<String, String> custom = custom(connection, type);
    Map<String, SourceRecord> out = new java.util.LinkedHashMap<>();
    for (int from = 0; from < externalIds.size(); from += MAX_BATCH) {
      List<String> chunk = externalIds.subList(from, Math.min(externalIds.size(), from + MAX_BATCH));
      JsonNode page = client.batchRead(connection, type.path(), chunk, type.readProperties(custom),
          type.historyProperties(custom));
      for (JsonNode object : page.path("results")) {
        if (!object.path("archived").asBoolean(false)) {
          SourceRecord r = type.source(object, custom);
          out.put(r.externalId(), r);
        }
      }
    }
    return out;
  }

  /** One v4 association batch read per associated type (a contact's companies) per 1,000 ids. */
  @Override
  public Map<String, List<SourceRecord.Association>> fetchAssociations(ConnectionContext connection, String objectType,
      List<String> externalIds) {
    HubSpotObjectType type = binding(objectType).type();
    return type.associatedTypes().isEmpty() ? Map.of() : associations.read(connection, type, externalIds);
  }

  /** See {@link HubSpotPages}: the list endpoint for a backfill, keyset search for reconciliation. */
  @Override
  public RecordPage listModified(ConnectionContext connection, String objectType, @Nullable Instant since,
      @Nullable String cursor) {
    Binding b = binding(objectType);
    return b.pages().page(connection, custom(connection, b.type()), since, cursor);
  }

  /** A company's address has two street lines ({@code address}, {@code address2}). */
  @Override
  public Object heldAs(String objectType, String field, Object value) {
    return dev.switchboard.app.connectors.AddressLines.folded(value, 2);
  }

  /** See {@link HubSpotWrites}. */
  @Override
  public List<WriteResult> write(ConnectionContext connection, String objectType, List<WriteRequest> batch) {
    Binding b = binding(objectType);
    return b.writes().write(connection, custom(connection, b.type()), batch);
  }

  /** Contacts and companies are archived (restorable from HubSpot's recycle bin; the restore revives the same link). */
  /** Every bound type: HubSpot merges contacts and companies alike ({@code POST /crm/v3/objects/{type}/merge}). */
  @Override
  public java.util.Set<String> mergeableTypes() {
    return bindings.keySet();
  }

  @Override
  public Optional<String> merge(ConnectionContext connection, String objectType, String survivorId,
      String mergedId) {
    if (!bindings.containsKey(objectType)) {
      return Optional.empty();
    }
    return Optional.of(client.merge(connection, binding(objectType).type().path(), survivorId, mergedId));
  }

  @Override
  public Optional<DeleteSemantics> deleteSemantics(String objectType) {
    return bindings.containsKey(objectType) ? Optional.of(DeleteSemantics.ARCHIVE) : Optional.empty();
  }

  /** Batch archive, up to 100 ids a call; HubSpot answers 204 for all, so every id is {@link DeleteResult.Deleted}. */
  @Override
  public List<DeleteResult> delete(ConnectionContext connection, String objectType, List<String> externalIds) {
    HubSpotObjectType type = binding(objectType).type();
    for (int from = 0; from < externalIds.size(); from += MAX_BATCH) {
      client.batchArchive(connection, type.path(), externalIds.subList(from, Math.min(externalIds.size(), from + MAX_BATCH)));
    }
    return externalIds.stream().<DeleteResult>map(DeleteResult.Deleted::new).toList();
  }

  /** A contact keeps its companies (not required at create: a contact ↔ company edge never blocks a create). */
  @Override
  public List<AssociationKind> associationKinds(String objectType) {
    Binding b = bindings.get(objectType);
    return b == null ? List.of() : HubSpotAssociations.kinds(b.type());
  }

  /** v4 batch create: the catalogue's "Primary" or unlabeled type. See {@link HubSpotAssociations#write}. */
  @Override
  public List<EdgeWriteResult> associate(ConnectionContext connection, List<EdgeWrite> edges) {
    return associations.write(connection, edges, false);
  }

  /** v4 batch archive: every association between the pair goes. */
  @Override
  public List<EdgeWriteResult> dissociate(ConnectionContext connection, List<EdgeWrite> edges) {
    return associations.write(connection, edges, true);
  }

  /** Contacts and companies: archived ones stay listed (the recycle bin) for 90 days. */
  @Override
  public boolean listsDeletions(String vendorType) {
    return bindings.containsKey(vendorType);
  }

  /** The recycle bin of the type, 100 a page, by id (the list endpoint with {@code archived=true}). */
  @Override
  public DeletedPage listDeleted(ConnectionContext connection, String vendorType, @Nullable String cursor) {
    JsonNode page = client.listArchived(connection, binding(vendorType).type().path(), cursor, MAX_BATCH);
    List<Deleted> deleted = new java.util.ArrayList<>();
    for (JsonNode o : page.path("results")) {
      String at = o.path("archivedAt").asString(null);
      deleted.add(new Deleted(o.path("id").asString(), at == null ? null : Instant.parse(at)));
    }
    String next = page.path("paging").path("next").path("after").asString(null);
    return new DeletedPage(deleted, next);
  }

  /** See {@link HubSpotWebhookParser#parse}. */
  @Override
  public List<InboundEvent> parseWebhook(WebhookRequest request) {
    return HubSpotWebhookParser.parse(request);
  }

  /** The connection's custom properties: contacts only for now ({@code customProperties}). */
  private static Map<String, String> custom(ConnectionContext connection, HubSpotObjectType type) {
    return type == HubSpotContactType.INSTANCE ? HubSpotMapper.customProperties(connection.setting("customProperties"))
        : Map.of();
  }

  private Binding binding(String objectType) {
    Binding b = bindings.get(objectType);
    if (b == null) {
      throw new IllegalArgumentException("hubspot connector does not sync " + objectType);
    }
    return b;
  }
}
