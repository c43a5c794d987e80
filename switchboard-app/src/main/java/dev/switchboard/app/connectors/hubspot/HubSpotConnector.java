package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.AllowedVendorHosts;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector.PartOf;
import dev.switchboard.app.connectors.ConnectorDescriptor;
import dev.switchboard.app.connectors.ConnectorDescriptor.CredentialField;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.ListsDeletions;
import dev.switchboard.app.connectors.RateLimitPolicy;
import dev.switchboard.app.connectors.TypeBinding;
import dev.switchboard.app.connectors.VendorConnector;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.VendorHttp;
import dev.switchboard.app.connectors.WebhookRequest;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot CRM: contacts, companies, products, deals with their line items and the engagements (meetings, calls,
 * emails, notes, tasks), the associations between them, and the portal's owners. See
 * docs/integrations/hubspot_mapping.md. Each object type is a {@link HubSpotObjectType} bound by a
 * {@link HubSpotTypeBinding}; reading, paging, writing and crash-safe creates work alike for all of them. What is per
 * connection stays here: the credential check (with the setup our creates need), webhooks, rate limits.
 */
@Component
@EnableConfigurationProperties(HubSpotProperties.class)
public class HubSpotConnector extends VendorConnector implements ListsDeletions {

  static final String SYSTEM = "hubspot";
  static final int MAX_BATCH = 100;
  /** Line items are parts of their deals ({@link #partTypes()}; the webhook parser reads their events so too). */
  private static final java.util.Set<String> PART_TYPES = java.util.Set.of(HubSpotLineItemType.INSTANCE.vendorType());

  private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(SYSTEM, "crm", "HubSpot",
      // companies first: backfill and reconciliation run in this order, so a contact's company is linked before it;
      // deals after the contacts and companies their edges go to, engagements last (their contacts, companies, deals)
      List.of(HubSpotCompanyType.CANONICAL, CanonicalRecord.CONTACT, HubSpotProductType.CANONICAL,
          HubSpotDealType.CANONICAL, HubSpotEngagementType.CANONICAL),
      List.of(new CredentialField("accessToken", "Private app or OAuth access token", true),
          new CredentialField("clientSecret",
              "Client secret of your own HubSpot app (webhook signatures v3); leave empty for the instance's app", true),
          new CredentialField("customProperties", "Custom properties (key=hubspot_property, comma separated)",
              false),
          new CredentialField(HubSpotOptIns.SETTING, "Subscription type whose opt-ins reach marketing audiences "
              + "(its name; default " + HubSpotOptIns.DEFAULT + "; none: read no opt-ins)", false),
          new CredentialField("baseUrl", "API base URL override", false)),
      "https://developers.hubspot.com/docs/api/crm/contacts", List.of("api.hubapi.com"));

  private final HubSpotProperties properties;
  private final HubSpotClient client;
  private final HubSpotKeyProperty keyProperty;
  private final HubSpotCustomProperties customProperties;
  private final HubSpotAssociationLabels labels;
  private final HubSpotOwners owners;
  private final HubSpotAssociations associations;
  /**
   * Companies, contacts, products, deals, then the engagements: backfill and reconciliation order (the ends of edges
   * first).
   */
  private final List<HubSpotTypeBinding> bindings;
  private final HubSpotWebhookParser.Bound bound;

  /** A connector whose connections may override the base URL only within HubSpot's hosts (or the configured one). */
  public HubSpotConnector(VendorHttp http, HubSpotProperties properties) {
    this(http, properties, AllowedVendorHosts.none());
  }

  public HubSpotConnector(VendorHttp http, HubSpotProperties properties, AllowedVendorHosts allowed) {
    this(http, properties, allowed, java.time.Clock.systemUTC());
  }

  /** {@code clock}: how long a portal's association label catalogue is kept ({@link HubSpotAssociationLabels}). */
  public HubSpotConnector(VendorHttp http, HubSpotProperties properties, AllowedVendorHosts allowed,
      java.time.Clock clock) {
    this(http, properties, allowed, clock, dev.switchboard.app.connectors.AccessTokens.AS_STORED);
  }

  /**
   * {@code tokens}: the access token of each call (an OAuth connection's is refreshed when it has expired), looked up
   * at the first call: it stores refreshed tokens in the database, which this connector's migrations need first.
   */
  /*
   * {@code oauthClientSecret}: the secret of the HubSpot app registered for signing in
   * ({@code SWITCHBOARD_OAUTH_HUBSPOT_CLIENT_SECRET}). HubSpot signs an app's webhooks with that app's client secret
   * (https://developers.hubspot.com/docs/api/webhooks/validating-requests), so it verifies them when
   * {@code WEBHOOK_SECRET_HUBSPOT} is not set.
   */
  @org.springframework.beans.factory.annotation.Autowired
  public HubSpotConnector(VendorHttp http, HubSpotProperties properties, AllowedVendorHosts allowed,
      java.time.Clock clock, org.springframework.beans.factory.ObjectProvider<dev.switchboard.app.connectors.AccessTokens>
          tokens,
      @org.springframework.beans.factory.annotation.Value("${switchboard.oauth.hubspot.client-secret:}")
          String oauthClientSecret) {
    this(http, properties, allowed, clock, dev.switchboard.app.connectors.AccessTokens.lazily(
        () -> tokens.getIfAvailable(() -> dev.switchboard.app.connectors.AccessTokens.AS_STORED)),
        properties.clientSecret().isBlank() ? oauthClientSecret : properties.clientSecret());
  }

  private HubSpotConnector(VendorHttp http, HubSpotProperties properties, AllowedVendorHosts allowed,
      java.time.Clock clock, dev.switchboard.app.connectors.AccessTokens tokens) {
    this(http, properties, allowed, clock, tokens, properties.clientSecret());
  }

  private HubSpotConnector(VendorHttp http, HubSpotProperties properties, AllowedVendorHosts allowed,
      java.time.Clock clock, dev.switchboard.app.connectors.AccessTokens tokens, String webhookSecret) {
    super(DESCRIPTOR, properties.baseUrl(), allowed, new HubSpotWebhookVerifier(webhookSecret));
    this.properties = properties;
    this.client = new HubSpotClient(http, properties, hosts(), rateLimitPolicy(), searchPolicy(), tokens);
    this.keyProperty = new HubSpotKeyProperty(client);
    this.customProperties = new HubSpotCustomProperties(client);
    this.labels = new HubSpotAssociationLabels(client, clock);
    this.owners = new HubSpotOwners(client, clock);
    this.associations = new HubSpotAssociations(client, labels);
    HubSpotPipelines portal = new HubSpotPipelines(client, clock);
    List<HubSpotObjectType> types = new java.util.ArrayList<>(List.of(HubSpotCompanyType.INSTANCE,
        new HubSpotContactType(new HubSpotOptIns(client, clock)), new HubSpotProductType(portal),
        new HubSpotDealType(portal, new HubSpotDealLines(client, keyProperty, labels, owners, clock),
            clock)));
    List<String> paths = new java.util.ArrayList<>(types.stream().map(HubSpotObjectType::path).toList());
    HubSpotEngagementType.ALL.forEach(e -> paths.add(e.path()));
    HubSpotEngagementType.ALL.forEach(e -> types.add(e.keepingOnly(paths)));
    this.bindings = types.stream()
        .map(t -> new HubSpotTypeBinding(t, client, keyProperty, associations, owners, clock)).toList();
    this.bound = bound(bindings);
  }

  /** The connector's HTTP client (tests of the paths it builds). */
  HubSpotClient client() {
    return client;
  }

  /** {@code apiVersion}, when set, must name a version the client speaks ({@link HubSpotApiVersion}). */
  @Override
  public java.util.Optional<java.util.Map.Entry<String, String>> settingRefusal(java.util.Map<String, String> settings) {
    String version = settings.get(HubSpotApiVersion.SETTING);
    if (version == null || version.isBlank()) {
      return java.util.Optional.empty();
    }
    return HubSpotApiVersion.refusal(version).map(reason -> java.util.Map.entry(HubSpotApiVersion.SETTING, reason));
  }

  /** The vendor types bound, and per type the vendor types of the associations it keeps (by the bound types' paths). */
  private static HubSpotWebhookParser.Bound bound(List<HubSpotTypeBinding> bindings) {
    java.util.Map<String, java.util.Set<String>> associated = new java.util.HashMap<>();
    java.util.Map<String, java.util.Set<String>> children = new java.util.HashMap<>();
    for (HubSpotTypeBinding b : bindings) {
      associated.put(b.type().vendorType(), vendorTypes(b.type().associatedTypes()));
      children.put(b.type().vendorType(), vendorTypes(b.type().childTypes()));
    }
    return new HubSpotWebhookParser.Bound(java.util.Set.copyOf(associated.keySet()), java.util.Map.copyOf(associated),
        java.util.Map.copyOf(children), PART_TYPES);
  }

  private static java.util.Set<String> vendorTypes(List<String> paths) {
    return paths.stream().map(p -> HubSpotObjectKind.of(p).vendorType)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** The associations of every kind, as the bindings read and write them (tests of pairs no binding declares yet). */
  HubSpotAssociations associations() {
    return associations;
  }

  /** An activity is created as the engagement type of its {@code kind} (a call as a call), when one is bound. */
  @Override
  public java.util.Optional<String> vendorTypeFor(String canonicalType, java.util.Map<String, ?> values) {
    if (canonicalType.equals(HubSpotEngagementType.CANONICAL) && values.get("kind") instanceof String kind) {
      java.util.Optional<String> byKind = vendorType(kind).map(dev.switchboard.app.connectors.VendorType::name)
          .filter(t -> HubSpotEngagementType.ALL.stream().anyMatch(e -> e.vendorType().equals(t)));
      if (byKind.isPresent()) {
        return byKind;
      }
    }
    return vendorTypeFor(canonicalType);
  }

  /** The portal owners of every connection (id ⇄ e-mail), for the bindings that assign owners. */
  HubSpotOwners owners() {
    return owners;
  }

  /** Companies, contacts, products, deals, then the engagements (backfill and reconciliation order: ends first). */
  @Override
  public List<TypeBinding> bindings() {
    return List.copyOf(bindings);
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

  /** A contact or company property a mapping names: see {@link HubSpotCustomProperties}. */
  @Override
  public EnsuredField ensureField(ConnectionContext connection, String vendorType, String vendorField, String label,
      dev.switchboard.app.mapping.FieldSpec spec) {
    return customProperties.ensure(connection, propertiesPath(vendorType).orElseThrow(() ->
        new IllegalArgumentException("hubspot creates mapped properties of contacts and companies only, not of "
            + vendorType)), vendorField, label, spec);
  }

  /** A contact or company property's definition ({@code GET /crm/v3/properties/{objectType}/{name}}). */
  @Override
  public java.util.Optional<dev.switchboard.app.mapping.FieldSpec> describeField(ConnectionContext connection,
      String vendorType, String vendorField) {
    return propertiesPath(vendorType).flatMap(path -> customProperties.describe(connection, path, vendorField));
  }

  /** The object type whose properties an override of {@code vendorType} may create: contacts and companies. */
  private static java.util.Optional<String> propertiesPath(String vendorType) {
    return switch (vendorType) {
      case HubSpotContactType.VENDOR_TYPE -> java.util.Optional.of(HubSpotContactType.INSTANCE.path());
      case HubSpotCompanyType.VENDOR_TYPE -> java.util.Optional.of(HubSpotCompanyType.INSTANCE.path());
      default -> java.util.Optional.empty();
    };
  }

  /**
   * Reads the portal id, sets up the {@code switchboard_id} property our creates are keyed by, per type (line items
   * too: a deal's lines are created by it), and reads the
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
    // contacts and companies first (their setup as it always was), then products, deals and their line items
    List<List<String>> phases = List.of(List.of(HubSpotContactType.INSTANCE.path(), HubSpotCompanyType.INSTANCE.path()),
        List.of(HubSpotProductType.PATH, HubSpotDealType.PATH, HubSpotLineItemType.PATH));
    for (List<String> phase : phases) {
      for (String path : phase) {
        keyProperty.ensure(connection, path);
      }
      for (String path : phase) {
        for (String to : associatedTypes(path)) {
          labels.refresh(connection, path, to).requireComplete();
        }
      }
    }
    return portal.asString();
  }

  /** A line item is a line of its deal: its own changes are changes of the deal. */
  @Override
  public java.util.Set<String> partTypes() {
    return PART_TYPES;
  }

  /** A line item's owner is a deal. */
  @Override
  public java.util.Set<String> ownerTypes(String partType) {
    return PART_TYPES.contains(partType) ? java.util.Set.of(HubSpotDealType.CANONICAL) : java.util.Set.of();
  }

  /**
   * The deals of line items: one v4 association batch read per 1,000 line items ({@code line_items → deals}); those
   * HubSpot names no deal for (archived: a deleted line item loses its associations) are read from the recycle bin,
   * 100 a call, and one Switchboard made is its key's deal; any other is left out (not on a deal, or made in HubSpot and
   * deleted: the spine finds its deal from what it last read, {@link #ownerTypes}).
   */
  @Override
  public java.util.Map<String, List<PartOf>> ownersOf(ConnectionContext connection, String partType,
      List<String> ids, java.util.Set<String> deleted) {
    if (!partTypes().contains(partType)) {
      throw new IllegalArgumentException("hubspot has no part type '" + partType + "'");
    }
    java.util.Map<String, List<PartOf>> out = new java.util.LinkedHashMap<>();
    for (int from = 0; from < ids.size(); from += HubSpotAssociations.MAX_READ) {
      List<java.util.Map.Entry<String, String>> chunk = ids.subList(from, Math.min(ids.size(),
          from + HubSpotAssociations.MAX_READ)).stream().map(id -> java.util.Map.entry(id, "")).toList();
      JsonNode answer = client.batchReadAssociations(connection, HubSpotLineItemType.PATH, HubSpotDealType.PATH, chunk);
      for (JsonNode r : answer.path("results")) {
        String item = HubSpotMapper.text(r.path("from").path("id"));
        for (JsonNode to : r.path("to")) {
          out.computeIfAbsent(item, k -> new java.util.ArrayList<>())
              .add(new PartOf(HubSpotDealType.CANONICAL, HubSpotMapper.text(to.path("toObjectId"))));
        }
      }
    }
    // only a deletion is worth the recycle-bin read: an unplaced line item that was not deleted is simply loose
    List<String> gone = ids.stream().filter(id -> !out.containsKey(id) && deleted.contains(id)).distinct().toList();
    for (int from = 0; from < gone.size(); from += MAX_BATCH) {
      // archived (deleted in HubSpot, its associations gone with it): one Switchboard made still names its deal in its
      // key (d<deal id>#<line id>); one made in HubSpot is left to the spine, which knows its deal's lines
      JsonNode page = client.batchRead(connection, HubSpotLineItemType.PATH,
          gone.subList(from, Math.min(gone.size(), from + MAX_BATCH)), List.of(HubSpotKeyProperty.NAME), List.of(),
          true);
      for (JsonNode o : page.path("results")) {
        String deal = HubSpotDealLines.dealOfKey(HubSpotMapper.text(o.path("properties").path(HubSpotKeyProperty.NAME)));
        if (deal != null) {
          out.put(HubSpotMapper.text(o.path("id")), List.of(new PartOf(HubSpotDealType.CANONICAL, deal)));
        }
      }
    }
    return out;
  }

  /** The paths whose associations objects at {@code path} keep, or read (a deal's line items). */
  private List<String> associatedTypes(String path) {
    if (path.equals(HubSpotLineItemType.PATH)) {
      return List.of(HubSpotDealType.PATH); // a deal's lines are associated line items → deals when written
    }
    return bindings.stream().filter(b -> b.type().path().equals(path)).findFirst()
        .map(b -> b.type().associatedTypes()).orElse(List.of());
  }

  /** Every bound type: archived objects stay listed (the recycle bin) for 90 days. */
  @Override
  public boolean listsDeletions(String vendorType) {
    return bindings.stream().anyMatch(b -> b.vendorType().name().equals(vendorType));
  }

  /** The recycle bin of the type, 100 a page, by id (the list endpoint with {@code archived=true}). */
  @Override
  public DeletedPage listDeleted(ConnectionContext connection, String vendorType, @Nullable String cursor) {
    HubSpotTypeBinding b = bindings.stream().filter(t -> t.vendorType().name().equals(vendorType)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("hubspot connector binds no vendor type '" + vendorType + "'"));
    JsonNode page = client.listArchived(connection, b.type().path(), cursor, MAX_BATCH);
    List<Deleted> deleted = new java.util.ArrayList<>();
    for (JsonNode o : page.path("results")) {
      String at = o.path("archivedAt").asString(null);
      deleted.add(new Deleted(o.path("id").asString(), at == null ? null : java.time.Instant.parse(at)));
    }
    return new DeletedPage(deleted, page.path("paging").path("next").path("after").asString(null));
  }

  /** See {@link HubSpotWebhookParser#parse}: events of the bound types, associations as the bindings keep them. */
  @Override
  public List<InboundEvent> parseWebhook(WebhookRequest request) {
    return HubSpotWebhookParser.parse(request, bound);
  }
}
