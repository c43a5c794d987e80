package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * HubSpot objects of one type (contacts or companies), changed through HubSpot's own CRM API; seeding, faults,
 * restores and webhook settings through the sandbox.
 */
final class HubSpotFixture implements VendorFixture {

  /**
   * What differs per object type: the API path, canonical field → HubSpot property (fields not named map to the
   * property of the same name), the webhook prefix and the property a propertyChange subscription watches, and a
   * value HubSpot refuses for one input alone.
   */
  record Kind(String path, Map<String, String> properties, String eventPrefix, String watchedProperty,
      java.util.function.Function<String, CanonicalRecord> refused, @org.jspecify.annotations.Nullable String objectTypeId) {

    /** A type with legacy webhook event types ({@code contact.creation}). */
    Kind(String path, Map<String, String> properties, String eventPrefix, String watchedProperty,
        java.util.function.Function<String, CanonicalRecord> refused) {
      this(path, properties, eventPrefix, watchedProperty, refused, null);
    }

    /**
     * A type with generic webhook event types only ({@code object.creation} naming {@code objectTypeId}: the
     * engagements).
     */
    static Kind generic(String path, Map<String, String> properties, String watchedProperty,
        java.util.function.Function<String, CanonicalRecord> refused, String objectTypeId) {
      return new Kind(path, properties, "object", watchedProperty, refused, objectTypeId);
    }
  }

  /** Not one of the lifecycle stages HubSpot offers: refused per input (INVALID_OPTION). */
  static final Kind CONTACTS = new Kind("contacts", Map.of(ContactField.EMAIL, "email", ContactField.FIRST_NAME,
      "firstname", ContactField.LAST_NAME, "lastname", ContactField.PHONE, "phone", ContactField.COMPANY, "company"),
      "contact", "firstname", email -> CanonicalRecord.contact(Map.of(ContactField.EMAIL, email,
          ContactField.LIFECYCLE_STAGE, "no-such-stage")));

  /** Text in the number property numberofemployees: refused per input (400 VALIDATION_ERROR naming the property). */
  static final Kind COMPANIES = new Kind("companies", Map.of(CompanySamples.EMPLOYEES, "numberofemployees"),
      "company", "description", name -> new CanonicalRecord(CompanySamples.INSTANCE.type(),
          Map.of(CompanySamples.NAME, name, CompanySamples.EMPLOYEES, "many")));

  /** Text in the number property amount: refused per input (400 VALIDATION_ERROR naming the property). */
  static final Kind DEALS = new Kind("deals", Map.of(DealSamples.NAME, "dealname", DealSamples.CLOSE_DATE,
      "closedate"), "deal", "description", name -> new CanonicalRecord(DealSamples.INSTANCE.type(),
          Map.of(DealSamples.NAME, name, DealSamples.AMOUNT, "many")));

  /** Text in the number property price: refused per input. */
  static final Kind PRODUCTS = new Kind("products", Map.of(ProductSamples.SKU, "hs_sku"), "product", "description",
      name -> new CanonicalRecord(ProductSamples.INSTANCE.type(), Map.of(ProductSamples.NAME, name,
          ProductSamples.PRICE, "many")));

  private final RestClient api;
  private final boolean sandboxed;
  private final String portalId;
  private final Kind kind;

  HubSpotFixture(String baseUrl, String token, String portalId, boolean sandboxed, Kind kind) {
    this.api = RestClient.builder().baseUrl(baseUrl).defaultHeader("Authorization", "Bearer " + token).build();
    this.portalId = portalId;
    this.sandboxed = sandboxed;
    this.kind = kind;
  }

  @Override
  public String vendor() {
    return "hubspot";
  }

  @Override
  public boolean sandboxed() {
    return sandboxed;
  }

  @Override
  public void reset() {
    if (!sandboxed) {
      return;
    }
    TckSandbox.reset("hubspot");
    // quotas are not what the TCK checks (GuardedVendorHttpTests and the e2e suites do): room for a fast run
    TckSandbox.config(Map.of("vendor", "hubspot", "rateLimitPer10s", 100_000, "searchPerSecond", 200));
  }

  private Map<String, Object> properties(Map<String, String> fields) {
    Map<String, Object> props = new LinkedHashMap<>();
    fields.forEach((k, v) -> props.put(kind.properties().getOrDefault(k, k), v));
    return Map.of("properties", props);
  }

  @Override
  @SuppressWarnings("unchecked")
  public String create(Map<String, String> fields) {
    Map<String, Object> body = api.post().uri("/crm/v3/objects/{type}", kind.path()).contentType(MediaType.APPLICATION_JSON)
        .body(properties(fields)).retrieve().body(Map.class);
    return String.valueOf(body.get("id"));
  }

  @Override
  public void modify(String externalId, Map<String, String> fields) {
    api.patch().uri("/crm/v3/objects/{type}/{id}", kind.path(), externalId).contentType(MediaType.APPLICATION_JSON)
        .body(properties(fields)).retrieve().toBodilessEntity();
  }

  @Override
  public void delete(String externalId) {
    api.delete().uri("/crm/v3/objects/{type}/{id}", kind.path(), externalId).retrieve().toBodilessEntity();
  }

  @Override
  public List<String> seed(int count) {
    return seed(count, false);
  }

  /** One last-modified millisecond for all: the case HubSpot search can only page by id. */
  @Override
  public List<String> seedBulkImport(int count) {
    return seed(count, true);
  }

  @SuppressWarnings("unchecked")
  private List<String> seed(int count, boolean bulkImport) {
    Map<String, Object> r = TckSandbox.seed(Map.of("vendor", "hubspot", "portalId", Long.parseLong(portalId),
        kind.path(), count, "bulkImport", bulkImport, "associate", false));
    List<String> ids = new ArrayList<>();
    ((Map<String, List<Object>>) r.get("objects")).getOrDefault(kind.path(), List.of())
        .forEach(id -> ids.add(String.valueOf(id)));
    return ids;
  }

  @Override
  public CanonicalRecord refusedRecord(String tagValue) {
    return kind.refused().apply(tagValue);
  }

  /** The recycle bin's restore, as a user does it in HubSpot's UI (the API has none): sandbox only. */
  @Override
  public void restore(String externalId) {
    if (!sandboxed) {
      throw new UnsupportedOperationException("a real portal restores from the recycle bin in its UI only");
    }
    TckSandbox.control().post().uri("/hubspot/{type}/{id}/restore?portalId={p}", kind.path(), externalId, portalId)
        .retrieve().toBodilessEntity();
  }

  @Override
  public void rateLimitStorm() {
    TckSandbox.faults(Map.of("vendor", "hubspot", "rateLimitStorm", true));
  }

  @Override
  public void outage() {
    TckSandbox.faults(Map.of("vendor", "hubspot", "outage", true));
  }

  @Override
  public void clearFaults() {
    TckSandbox.clearFaults("hubspot");
  }

  @Override
  public long vendorCalls() {
    return TckSandbox.calls("hubspot");
  }

  /** App-level settings and subscriptions, as a developer sets them in the HubSpot app's page. */
  @Override
  @SuppressWarnings("unchecked")
  public String subscribeWebhooks(ConnectionContext connection, String callbackUrl) {
    Map<String, Object> creds = (Map<String, Object>) TckSandbox.control().get().uri("/credentials").retrieve()
        .body(Map.class).get("hubspot");
    String appId = String.valueOf(creds.get("appId"));
    String key = String.valueOf(creds.get("developerApiKey"));
    api.put().uri("/webhooks/v3/{appId}/settings?hapikey={k}", appId, key).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("targetUrl", callbackUrl, "throttling", Map.of("maxConcurrentRequests", 10)))
        .retrieve().toBodilessEntity();
    String prefix = kind.eventPrefix();
    for (Map<String, Object> plain : List.<Map<String, Object>>of(
        Map.of("eventType", prefix + ".creation", "active", true),
        Map.of("eventType", prefix + ".deletion", "active", true),
        Map.of("eventType", prefix + ".propertyChange", "propertyName", kind.watchedProperty(), "active", true))) {
      Map<String, Object> s = new LinkedHashMap<>(plain);
      if (kind.objectTypeId() != null) {
        s.put("objectTypeId", kind.objectTypeId());
      }
      api.post().uri("/webhooks/v3/{appId}/subscriptions?hapikey={k}", appId, key)
          .contentType(MediaType.APPLICATION_JSON).body(s).retrieve().toBodilessEntity();
    }
    return callbackUrl;
  }

  /** The body changed after signing (one trailing space: still a valid array of events). */
  @Override
  public WebhookRequest forged(WebhookRequest genuine) {
    byte[] body = (genuine.bodyAsString() + " ").getBytes(StandardCharsets.UTF_8);
    return new WebhookRequest(genuine.method(), genuine.uri(), genuine.headers(), genuine.query(), body);
  }

  /** A JSON array whose one event of the type lacks its objectId. */
  @Override
  public List<byte[]> malformedEvents() {
    String typeId = kind.objectTypeId() == null ? "" : ",\"objectTypeId\":\"" + kind.objectTypeId() + "\"";
    return List.of(("[{\"subscriptionType\":\"" + kind.eventPrefix() + ".creation\",\"eventId\":1,\"portalId\":"
        + portalId + ",\"occurredAt\":1700000000000" + typeId + "}]").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] malformedBody() {
    return ("{\"subscriptionType\":\"" + kind.eventPrefix() + ".creation\"").getBytes(StandardCharsets.UTF_8);
  }
}
