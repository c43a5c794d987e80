package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.AllowedVendorHosts;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorDescriptor;
import dev.switchboard.app.connectors.ConnectorDescriptor.CredentialField;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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

  /** HubSpot's per-input trace field: with it on every input, batch writes answer 207 per input. */
  static final String TRACE_ID = "objectWriteTraceId";

  private final HubSpotProperties properties;
  private final VendorHosts hosts;
  private final HubSpotClient client;
  private final HubSpotContactPages pages;
  private final HubSpotKeyProperty keyProperty;
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
    this.verifier = new HubSpotWebhookVerifier(properties.clientSecret());
  }

  @Override
  public Optional<String> baseUrlRefusal(String baseUrl) {
    return hosts.refusal(baseUrl);
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

  /**
   * How an input of a batch write names its contact: by HubSpot id (a linked record: batch update), by the
   * Switchboard create key in {@code switchboard_id} (an unlinked record: batch upsert) or by e-mail (batch upsert,
   * for requests without a key and for creates whose e-mail another contact already has).
   */
  enum Mode { UPDATE, KEYED, EMAIL }

  /**
   * Linked records are updated by id. Unlinked ones are upserted by their create key ({@code switchboard_id}, set up
   * first if this process has not yet), so a create repeated after a crash updates the contact the first attempt
   * made, and a contact needs no e-mail. HubSpot refuses to create a contact whose e-mail another one has (409
   * CONFLICT): those are upserted by e-mail instead, which updates and links that contact, as before keys existed.
   */
  @Override
  public List<WriteResult> write(ConnectionContext connection, String objectType, List<WriteRequest> batch) {
    requireContact(objectType);
    if (batch.size() > MAX_BATCH) {
      throw new IllegalArgumentException("hubspot batch larger than " + MAX_BATCH);
    }
    Map<String, String> custom = custom(connection);
    WriteResult[] results = new WriteResult[batch.size()];
    List<Integer> updates = new ArrayList<>();
    List<Integer> keyed = new ArrayList<>();
    List<Integer> byEmail = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest w = batch.get(i);
      if (w.externalId() != null && !w.externalId().isBlank()) {
        if (HubSpotMapper.toProperties(w.desired(), custom).isEmpty()) {
          results[i] = new WriteResult.Written(w.ref(), w.externalId(), null); // nothing HubSpot maps
        } else {
          updates.add(i);
        }
      } else if (w.createKey() != null && !w.createKey().isBlank()) {
        keyed.add(i);
      } else if (email(w).isEmpty()) {
        results[i] = new WriteResult.Rejected(w.ref(), "missing_email", ContactField.EMAIL,
            "a new HubSpot contact without a create key needs an email (upsert key)");
      } else {
        byEmail.add(i);
      }
    }
    if (!keyed.isEmpty()) {
      keyProperty.ensureOnce(connection);
    }
    // HubSpot rejects a batch naming the same id twice: send the last (newest) request per key once and
    // give its result to the earlier duplicates.
    Map<Integer, Integer> duplicateOf = new HashMap<>();
    updates = lastPerKey(batch, updates, Mode.UPDATE, duplicateOf);
    keyed = lastPerKey(batch, keyed, Mode.KEYED, duplicateOf);
    if (!updates.isEmpty()) {
      runBatch(connection, batch, updates, custom, Mode.UPDATE, results);
    }
    if (!keyed.isEmpty()) {
      runBatch(connection, batch, keyed, custom, Mode.KEYED, results);
      List<Integer> unkeyable = keyed.stream().filter(i -> refusesTheKeyProperty(results[i])).toList();
      if (!unkeyable.isEmpty()) {
        // the property was set up, then deleted (by a person, or a sandbox reset): set it up again, once
        keyProperty.ensure(connection);
        runBatch(connection, batch, unkeyable, custom, Mode.KEYED, results);
      }
      for (int i : keyed) {
        if (results[i] instanceof WriteResult.Rejected r && "CONFLICT".equals(r.errorCode()) && !email(batch.get(i)).isEmpty()) {
          byEmail.add(i); // the e-mail is another contact's: that contact is the one to update and link
        }
      }
    }
    byEmail = lastPerKey(batch, byEmail, Mode.EMAIL, duplicateOf);
    if (!byEmail.isEmpty()) {
      runBatch(connection, batch, byEmail, custom, Mode.EMAIL, results);
    }
    duplicateOf.forEach((dup, kept) -> {
      int keeper = kept;
      while (duplicateOf.containsKey(keeper)) { // a keeper of its key may be another's duplicate by e-mail
        keeper = duplicateOf.get(keeper);
      }
      results[dup] = withRef(results[keeper], batch.get(dup).ref());
    });
    return List.of(results);
  }

  /** A refusal that names switchboard_id and is not about an e-mail: HubSpot does not know it as a unique property. */
  private static boolean refusesTheKeyProperty(WriteResult r) {
    return r instanceof WriteResult.Rejected x && !"CONFLICT".equals(x.errorCode())
        && (x.message().contains(HubSpotKeyProperty.NAME) || HubSpotKeyProperty.NAME.equals(x.field()));
  }

  private static List<Integer> lastPerKey(List<WriteRequest> batch, List<Integer> idx, Mode mode,
      Map<Integer, Integer> duplicateOf) {
    Map<String, Integer> last = new HashMap<>();
    for (int i : idx) {
      last.put(key(batch.get(i), mode), i);
    }
    List<Integer> kept = new ArrayList<>();
    for (int i : idx) {
      int keeper = last.get(key(batch.get(i), mode));
      if (keeper == i) {
        kept.add(i);
      } else {
        duplicateOf.put(i, keeper);
      }
    }
    return kept;
  }

  static WriteResult withRef(WriteResult r, long ref) {
    return switch (r) {
      case WriteResult.Written w -> new WriteResult.Written(ref, w.externalId(), w.modifiedAt());
      case WriteResult.Rejected x -> new WriteResult.Rejected(ref, x.errorCode(), x.field(), x.message());
    };
  }

  /**
   * One batch call for {@code idx}. Every input carries {@code objectWriteTraceId} (its write ref), so HubSpot
   * answers per input (207 multi-status) instead of failing the whole call for one bad input. Should a call
   * still fail as a whole (400/404/409): the inputs the error names are rejected and the rest resent; when it
   * names none, the inputs are split in halves and each half is sent on its own, so one bad record never
   * takes the valid ones down with it (a lone input is rejected with the error).
   */
  private void runBatch(ConnectionContext connection, List<WriteRequest> batch, List<Integer> idx,
      Map<String, String> custom, Mode mode, WriteResult[] results) {
    ObjectNode body = HubSpotClient.JSON.createObjectNode();
    ArrayNode inputs = body.putArray("inputs");
    for (int i : idx) {
      WriteRequest w = batch.get(i);
      ObjectNode in = inputs.addObject();
      ObjectNode props = HubSpotMapper.toProperties(w.desired(), custom);
      switch (mode) {
        case UPDATE -> in.put("id", w.externalId());
        case EMAIL -> in.put("idProperty", "email").put("id", email(w));
        case KEYED -> {
          in.put("idProperty", HubSpotKeyProperty.NAME).put("id", w.createKey());
          props.put(HubSpotKeyProperty.NAME, w.createKey()); // HubSpot sets it on a create; said explicitly all the same
        }
      }
      in.set("properties", props);
      in.put(TRACE_ID, traceId(w));
    }
    HubSpotClient.HubSpotBatchResponse resp =
        mode == Mode.UPDATE ? client.batchUpdate(connection, body) : client.batchUpsert(connection, body);
    JsonNode b = resp.body();
    if (resp.status() == 400 || resp.status() == 404 || resp.status() == 409) {
      String category = b.path("category").asString("http_" + resp.status());
      String message = Pii.redact(b.path("message").asString("batch rejected"), 500);
      Set<Integer> bad = new HashSet<>();
      for (int pos = 0; pos < idx.size(); pos++) {
        WriteRequest w = batch.get(idx.get(pos));
        if (HubSpotBatchErrors.mentions(b, key(w, mode), traceId(w), pos)) {
          bad.add(pos);
        }
      }
      if (bad.isEmpty() && idx.size() > 1) {
        int half = idx.size() / 2;
        runBatch(connection, batch, List.copyOf(idx.subList(0, half)), custom, mode, results);
        runBatch(connection, batch, List.copyOf(idx.subList(half, idx.size())), custom, mode, results);
        return;
      }
      List<Integer> rest = new ArrayList<>();
      for (int pos = 0; pos < idx.size(); pos++) {
        int i = idx.get(pos);
        if (bad.isEmpty() || bad.contains(pos)) {
          results[i] = new WriteResult.Rejected(batch.get(i).ref(), category, HubSpotBatchErrors.field(b), message);
        } else {
          rest.add(i);
        }
      }
      if (!rest.isEmpty()) {
        runBatch(connection, batch, rest, custom, mode, results);
      }
      return;
    }
    // 200/201/207: match results by trace id, else by id / key / e-mail; HubSpot returns them unordered.
    Map<String, JsonNode> byKey = new HashMap<>();
    Map<String, JsonNode> byTrace = new HashMap<>();
    List<JsonNode> unkeyed = new ArrayList<>();
    for (JsonNode r : b.path("results")) {
      String trace = r.path(TRACE_ID).asString("");
      if (!trace.isEmpty()) {
        byTrace.putIfAbsent(trace, r);
      }
      String k = switch (mode) {
        case UPDATE -> r.path("id").asString("");
        case KEYED -> HubSpotMapper.text(r.path("properties").get(HubSpotKeyProperty.NAME));
        case EMAIL -> HubSpotMapper.text(r.path("properties").get("email")).toLowerCase(Locale.ROOT);
      };
      if (k.isEmpty()) {
        unkeyed.add(r);
      } else {
        byKey.putIfAbsent(k, r);
      }
    }
    List<Integer> unmatched = new ArrayList<>();
    for (int pos = 0; pos < idx.size(); pos++) {
      int i = idx.get(pos);
      WriteRequest w = batch.get(i);
      JsonNode r = byTrace.getOrDefault(traceId(w), byKey.get(key(w, mode)));
      if (r != null) {
        results[i] = new WriteResult.Written(w.ref(), r.path("id").asString(), HubSpotMapper.modifiedAt(r));
        continue;
      }
      JsonNode err = HubSpotBatchErrors.errorFor(b, key(w, mode), traceId(w), pos);
      if (err != null) {
        results[i] = new WriteResult.Rejected(w.ref(), err.path("category").asString("error"), HubSpotBatchErrors.field(err),
            HubSpotMapper.text(err.path("message")).isEmpty() ? "rejected by hubspot"
                : Pii.redact(err.path("message").asString(), 500));
      } else {
        unmatched.add(pos);
      }
    }
    for (int pos : unmatched) {
      int i = idx.get(pos);
      WriteRequest w = batch.get(i);
      if (unmatched.size() == unkeyed.size() && !unkeyed.isEmpty()) {
        // results without the key (e.g. properties not echoed): pair in order as a last resort
        JsonNode r = unkeyed.get(unmatched.indexOf(pos));
        results[i] = new WriteResult.Written(w.ref(), r.path("id").asString(), HubSpotMapper.modifiedAt(r));
      } else {
        JsonNode firstErr = b.path("errors").path(0);
        results[i] = new WriteResult.Rejected(w.ref(), firstErr.path("category").asString("missing_result"),
            HubSpotBatchErrors.field(firstErr), firstErr.isMissingNode() ? "hubspot returned no result for this input"
                : Pii.redact(firstErr.path("message").asString(""), 500));
      }
    }
  }

  /** The {@code objectWriteTraceId} sent for a write: unique per batch (the outbox task ref). */
  static String traceId(WriteRequest w) {
    return "sb-" + w.ref();
  }

  private static String key(WriteRequest w, Mode mode) {
    return switch (mode) {
      case UPDATE -> w.externalId();
      case KEYED -> w.createKey();
      case EMAIL -> email(w).toLowerCase(Locale.ROOT);
    };
  }

  private static String email(WriteRequest w) {
    String e = w.desired().string(ContactField.EMAIL);
    return e == null ? "" : e.trim();
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
