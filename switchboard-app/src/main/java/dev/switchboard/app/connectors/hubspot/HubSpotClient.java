package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connectors.AccessTokens;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.RateLimitPolicy;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.VendorHosts;
import dev.switchboard.app.connectors.VendorHttp;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * HTTP calls to the HubSpot API, one method per call. 429/5xx/network failures are turned into retryable
 * {@link VendorException}s by {@link VendorHttp}; other 4xx bodies ({@code {status, message, category,
 * correlationId, errors[], context}}) are mapped here, with emails and phone numbers redacted.
 */
final class HubSpotClient {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Answer of a batch call: 200/201 (all written), 207 (multi-status) or a whole-batch 400/404/409. */
  record HubSpotBatchResponse(int status, JsonNode body) {}

  private record Raw(int status, byte[] body) {}

  private final AccessTokens tokens;
  private final VendorHttp http;
  private final HubSpotProperties properties;
  private final VendorHosts hosts;
  private final RateLimitPolicy policy;
  private final RateLimitPolicy searchPolicy;

  /**
   * @param policy       the ten-second budget every call but search spends
   * @param searchPolicy search's own per-second budget (search is exempt from the ten-second limit)
   */
  HubSpotClient(VendorHttp http, HubSpotProperties properties, VendorHosts hosts, RateLimitPolicy policy,
      RateLimitPolicy searchPolicy, AccessTokens tokens) {
    this.tokens = tokens;
    this.http = http;
    this.properties = properties;
    this.hosts = hosts;
    this.policy = policy;
    this.searchPolicy = searchPolicy;
  }

  /** The connection's override, checked again on every call (see {@link VendorHosts}), else the configured one. */
  String baseUrl(ConnectionContext connection) {
    return hosts.baseUrl(connection, properties.baseUrl(), base -> base);
  }

  /**
   * The API version the connection speaks: its {@code apiVersion} setting, else the installation's. Every path below is
   * built from it ({@link HubSpotApiVersion}); a setting that names no known version was refused when the connection
   * was made or changed, and falls back to the installation's here.
   */
  HubSpotApiVersion version(ConnectionContext connection) {
    String setting = connection.setting(HubSpotApiVersion.SETTING);
    return (setting == null || setting.isBlank() ? java.util.Optional.<HubSpotApiVersion>empty()
        : HubSpotApiVersion.parse(setting)).orElse(properties.version());
  }

  private RestClient client(ConnectionContext connection) {
    return http.client(connection, policy, baseUrl(connection));
  }

  // https://developers.hubspot.com/docs/api-reference/account-account-info-v3/details/get-account-info-v3-details
  JsonNode accountDetails(ConnectionContext connection) {
    Raw r = send(connection, client(connection).get().uri(version(connection).accountInfo() + "/details"));
    return ok(r, "account details");
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts-contactId
  // (companies: .../crm-companies-v3/basic/get-crm-v3-objects-companies-companyId)
  /** {@code withHistory}: the properties to read with {@code propertiesWithHistory} (each value's timestamp). */
  Optional<JsonNode> getObject(ConnectionContext connection, String type, String id, List<String> props,
      List<String> withHistory, List<String> associations) {
    Raw r = send(connection, client(connection).get()
        .uri(b -> {
          b.path(version(connection).objects() + "/{type}/{id}").queryParam("properties", String.join(",", props))
              .queryParam("archived", "false");
          if (!withHistory.isEmpty()) {
            b.queryParam("propertiesWithHistory", String.join(",", withHistory));
          }
          if (!associations.isEmpty()) {
            b.queryParam("associations", String.join(",", associations));
          }
          return b.build(type, id);
        }));
    if (r.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(ok(r, "get " + type));
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-read
  // One call for up to 100 objects: what makes a burst of webhooks cost 1 call instead of 100.
  // propertiesWithHistory in the body costs payload, not calls.
  JsonNode batchRead(ConnectionContext connection, String type, List<String> ids, List<String> props,
      List<String> withHistory) {
    return batchRead(connection, type, ids, props, withHistory, false);
  }

  /** As above; {@code archived}: the archived objects (the recycle bin's, 90 days) instead of the live ones. */
  JsonNode batchRead(ConnectionContext connection, String type, List<String> ids, List<String> props,
      List<String> withHistory, boolean archived) {
    ObjectNode body = JSON.createObjectNode();
    var properties = body.putArray("properties");
    props.forEach(properties::add);
    if (!withHistory.isEmpty()) {
      var history = body.putArray("propertiesWithHistory");
      withHistory.forEach(history::add);
    }
    var inputs = body.putArray("inputs");
    ids.forEach(id -> inputs.addObject().put("id", id));
    Raw r = send(connection, client(connection).post().uri(b -> b.path(version(connection).objects() + "/{type}/batch/read")
            .queryParam("archived", Boolean.toString(archived)).build(type))
        .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body)));
    if (r.status() == 207) {
      return parse(r.body()); // some ids not found: the results hold the rest
    }
    return ok(r, "batch read " + type);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-read
  // The same batch read by a unique property (idProperty in the body): which of these create keys exist already.
  /** The objects of {@code type} whose {@code idProperty} holds one of {@code values}, with {@code props}. */
  JsonNode batchReadBy(ConnectionContext connection, String type, String idProperty, List<String> values,
      List<String> props) {
    ObjectNode body = JSON.createObjectNode().put("idProperty", idProperty);
    var properties = body.putArray("properties");
    props.forEach(properties::add);
    var inputs = body.putArray("inputs");
    values.forEach(v -> inputs.addObject().put("id", v));
    Raw r = send(connection, client(connection).post().uri(b -> b.path(version(connection).objects() + "/{type}/batch/read")
            .queryParam("archived", "false").build(type))
        .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body)));
    if (r.status() == 207) {
      return parse(r.body());
    }
    return ok(r, "batch read " + type + " by " + idProperty);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts
  // archived=true lists the recycle bin instead (objects archived in the last 90 days), by id, with archivedAt.
  /** One page of the archived objects of {@code type}, each with its id and {@code archivedAt} only. */
  JsonNode listArchived(ConnectionContext connection, String type, @Nullable String after, int limit) {
    Raw r = send(connection, client(connection).get()
        .uri(b -> {
          b.path(version(connection).objects() + "/{type}").queryParam("limit", limit).queryParam("properties", "hs_object_id")
              .queryParam("archived", "true");
          if (after != null) {
            b.queryParam("after", after);
          }
          return b.build(type);
        }));
    return ok(r, "list archived " + type);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts
  /** One page of the list endpoint; {@code associations}: the types whose associated ids each object carries. */
  JsonNode list(ConnectionContext connection, String type, @Nullable String after, int limit, List<String> props,
      List<String> associations) {
    Raw r = send(connection, client(connection).get()
        .uri(b -> {
          b.path(version(connection).objects() + "/{type}").queryParam("limit", limit)
              .queryParam("properties", String.join(",", props)).queryParam("archived", "false");
          if (!associations.isEmpty()) {
            b.queryParam("associations", String.join(",", associations));
          }
          if (after != null) {
            b.queryParam("after", after);
          }
          return b.build(type);
        }));
    return ok(r, "list " + type);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/search/post-crm-v3-objects-contacts-search
  // Search returns at most 10,000 results per query (paging.next.after stops there) and is limited to a few
  // requests per second per token.
  JsonNode search(ConnectionContext connection, String type, ObjectNode body) {
    Raw r = send(connection, http.client(connection, searchPolicy, baseUrl(connection)).post()
        .uri(version(connection).objects() + "/{type}/search", type)
        .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body)));
    return ok(r, "search " + type);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/batch/post-crm-v4-associations-fromObjectType-toObjectType-batch-read
  // The associations of up to 1,000 objects in one call, each with its association types (typeId, label).
  // 207 when some ids have none or do not exist: the results hold the others.
  JsonNode batchReadAssociations(ConnectionContext connection, String fromType, String toType,
      List<java.util.Map.Entry<String, String>> idsAndAfter) {
    ObjectNode body = JSON.createObjectNode();
    var inputs = body.putArray("inputs");
    idsAndAfter.forEach(e -> {
      ObjectNode in = inputs.addObject().put("id", e.getKey());
      if (!e.getValue().isEmpty()) {
        in.put("after", e.getValue());
      }
    });
    Raw r = send(connection, client(connection).post().uri(version(connection).associations() + "/{from}/{to}/batch/read", fromType, toType)
        .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body)));
    if (r.status() == 207) {
      return parse(r.body());
    }
    return ok(r, "batch read associations");
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-schema-v4/definitions/get-crm-v4-associations-fromObjectType-toObjectType-labels
  // The portal's association types from -> to: {results:[{category, typeId, label}]} (CollectionResponse
  // AssociationSpecWithLabelNoPaging); category HUBSPOT_DEFINED, USER_DEFINED or INTEGRATOR_DEFINED, label absent or
  // null for an unlabeled type. Any 4xx (403 MISSING_SCOPES) is a permanent VendorException.
  JsonNode associationLabels(ConnectionContext connection, String fromType, String toType) {
    Raw r = send(connection, client(connection).get().uri(version(connection).associationLabels() + "/{from}/{to}/labels", fromType, toType));
    return ok(r, "association labels " + fromType + " -> " + toType);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-update
  HubSpotBatchResponse batchUpdate(ConnectionContext connection, String type, ObjectNode body) {
    return batch(connection, version(connection).objects() + "/" + type + "/batch/update", body);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-upsert
  // Upsert by a unique property (switchboard_id, or email): creates or updates in one call, no search-then-create
  // race; a create repeated with the same switchboard_id updates the object the first one made.
  HubSpotBatchResponse batchUpsert(ConnectionContext connection, String type, ObjectNode body) {
    return batch(connection, version(connection).objects() + "/" + type + "/batch/upsert", body);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-archive
  // Answers 204 No Content, also for ids that are unknown or archived already: archiving is idempotent.
  void batchArchive(ConnectionContext connection, String type, List<String> ids) {
    ObjectNode body = JSON.createObjectNode();
    var inputs = body.putArray("inputs");
    ids.forEach(id -> inputs.addObject().put("id", id));
    ok(send(connection, client(connection).post().uri(version(connection).objects() + "/{type}/batch/archive", type)
        .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body))), "batch archive " + type);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-companies-v3/advanced/post-crm-v3-objects-companies-merge
  // {primaryObjectId, objectIdToMerge} -> 200 with the object that remains (its id); an unknown id is a 4xx.
  String merge(ConnectionContext connection, String type, String primaryId, String mergedId) {
    ObjectNode body = JSON.createObjectNode().put("primaryObjectId", primaryId).put("objectIdToMerge", mergedId);
    JsonNode out = ok(send(connection, client(connection).post().uri(version(connection).objects() + "/{type}/merge", type)
        .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body))), "merge " + type);
    return out.path("id").asString(primaryId);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/batch/post-crm-v4-associations-fromObjectType-toObjectType-batch-create
  // inputs[{from:{id}, to:{id}, types:[{associationCategory, associationTypeId}]}]: 201 with one LabelsBetweenObjectPair
  // per pair made, 207 when some inputs failed (their errors name the from id).
  HubSpotBatchResponse batchCreateAssociations(ConnectionContext connection, String fromType, String toType,
      ObjectNode body) {
    return batch(connection, version(connection).associations() + "/" + fromType + "/" + toType + "/batch/create", body);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/batch/post-crm-v4-associations-fromObjectType-toObjectType-batch-archive
  // inputs[{from:{id}, to:[{id}]}]: removes every association of each pair; 204, or 207 with the inputs that failed.
  HubSpotBatchResponse batchArchiveAssociations(ConnectionContext connection, String fromType, String toType,
      ObjectNode body) {
    return batch(connection, version(connection).associations() + "/" + fromType + "/" + toType + "/batch/archive", body);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-associations-v4/batch/post-crm-v4-associations-fromObjectType-toObjectType-batch-labels-archive
  // inputs[{from:{id}, to:{id}, types:[{associationCategory, associationTypeId}]}]: removes those labels of each pair,
  // keeping the pair's other associations; 204, or 207 with the inputs that failed.
  HubSpotBatchResponse batchArchiveAssociationLabels(ConnectionContext connection, String fromType, String toType,
      ObjectNode body) {
    return batch(connection, version(connection).associations() + "/" + fromType + "/" + toType + "/batch/labels/archive", body);
  }

  // https://developers.hubspot.com/docs/api-reference/latest/crm/pipelines/guide
  // GET /crm/v3/pipelines/{objectType}: {results: [{id, label, displayOrder, archived, stages: [{id, label,
  // displayOrder, archived, metadata: {isClosed, probability}}]}]}; metadata values are strings.
  JsonNode pipelines(ConnectionContext connection, String objectType) {
    return ok(send(connection, client(connection).get().uri(version(connection).pipelines() + "/{type}", objectType)), "pipelines " + objectType);
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/groups/post-crm-v3-properties-objectType-groups
  /** Creates a property group of {@code type}; false when HubSpot answers 409 (a group of that name exists). */
  boolean createPropertyGroup(ConnectionContext connection, String type, ObjectNode body) {
    return created(connection, version(connection).properties() + "/" + type + "/groups", body, "create property group");
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/post-crm-v3-properties-objectType
  /** Creates a property of {@code type}; false when HubSpot answers 409 (a property of that name exists). */
  boolean createProperty(ConnectionContext connection, String type, ObjectNode body) {
    return created(connection, version(connection).properties() + "/" + type, body, "create property");
  }

  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/get-crm-v3-properties-objectType-propertyName
  Optional<JsonNode> getProperty(ConnectionContext connection, String type, String name) {
    Raw r = send(connection, client(connection).get().uri(version(connection).properties() + "/{type}/{name}", type, name));
    if (r.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(ok(r, "get property"));
  }

  // https://developers.hubspot.com/docs/api-reference/crm-owners-v3/owners/get-crm-v3-owners
  // {results:[PublicOwner {id, email, firstName, lastName, userId, archived, …}], paging.next.after}; limit ≤ 500.
  /** One page of the portal's active owners, or with {@code archived} its deactivated ones. */
  JsonNode owners(ConnectionContext connection, @Nullable String after, int limit, boolean archived) {
    Raw r = send(connection, client(connection).get()
        .uri(b -> {
          b.path(version(connection).owners()).queryParam("limit", limit).queryParam("archived", archived);
          if (after != null) {
            b.queryParam("after", after);
          }
          return b.build();
        }));
    return ok(r, "list owners");
  }

  // https://developers.hubspot.com/docs/api-reference/latest/communication-preferences/definitions/get-definitions
  // {status, results:[SubscriptionDefinition {id, name, description, isActive, isDefault, isInternal, …}]}
  /**
   * The portal's active e-mail subscription types (scope {@code communication_preferences.read}): name, lower-cased →
   * id. A type whose id is not a number is left out (the status read names types by number).
   */
  Map<String, Long> subscriptionTypeIds(ConnectionContext connection) {
    JsonNode answer = ok(send(connection, client(connection).get()
        .uri(version(connection).communicationPreferences() + "/definitions")), "subscription definitions");
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    for (JsonNode d : answer.path("results")) {
      String name = d.path("name").asString("").trim().toLowerCase(java.util.Locale.ROOT);
      if (name.isEmpty() || !d.path("isActive").asBoolean(true)) {
        continue;
      }
      try {
        out.putIfAbsent(name, Long.parseLong(d.path("id").asString("").trim()));
      } catch (NumberFormatException e) {
        // not a type the status read can name
      }
    }
    return out;
  }

  // https://developers.hubspot.com/docs/api-reference/latest/communication-preferences/status/batch/get-subscriptions
  // {inputs:[e-mail]} → {results:[{subscriberIdString, statuses:[{subscriptionId, status SUBSCRIBED|UNSUBSCRIBED|
  // NOT_SPECIFIED, timestamp, …}]}], errors?, numErrors?}; 207 when some inputs failed (the others are answered).
  /**
   * The e-mail subscription statuses of {@code emails} (scope {@code communication_preferences.statuses.batch.read}),
   * in one call; an answer of 207 is read like 200 (the failed inputs are missing from the results).
   */
  JsonNode subscriptionStatuses(ConnectionContext connection, List<String> emails) {
    ObjectNode body = JSON.createObjectNode();
    var inputs = body.putArray("inputs");
    emails.forEach(inputs::add);
    return ok(send(connection, client(connection).post()
        .uri(b -> b.path(version(connection).communicationPreferences() + "/statuses/batch/read")
            .queryParam("channel", "EMAIL").build())
        .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body))), "subscription statuses");
  }

  private boolean created(ConnectionContext connection, String path, ObjectNode body, String op) {
    Raw r = send(connection, client(connection).post().uri(path)
        .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body)));
    if (r.status() == 409) {
      return false;
    }
    ok(r, op);
    return true;
  }

  private HubSpotBatchResponse batch(ConnectionContext connection, String path, ObjectNode body) {
    Raw r = send(connection, client(connection).post().uri(path)
        .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body)));
    int s = r.status();
    if (s == 200 || s == 201 || s == 204 || s == 207 || s == 400 || s == 409) {
      return new HubSpotBatchResponse(s, parse(r.body()));
    }
    if (s == 404 && objectNotFound(r.body())) { // a record of the batch does not exist, not a wrong path
      return new HubSpotBatchResponse(s, parse(r.body()));
    }
    throw error(r.status(), r.body(), path);
  }

  private static boolean objectNotFound(byte[] body) {
    try {
      return "OBJECT_NOT_FOUND".equals(JSON.readTree(body).path("category").asString(""));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Sends with the connection's access token. A 401 is answered once more with the token {@link AccessTokens#rejected}
   * gives (an OAuth grant's, refreshed: it may have been revoked before it expired); a second 401, or a token nobody
   * can renew, is the caller's to map (refused credentials).
   */
  private Raw send(ConnectionContext connection, RestClient.RequestHeadersSpec<?> spec) {
    String token = tokens.accessToken(connection);
    Raw r = exchange(spec.headers(h -> h.setBearerAuth(token)));
    if (r.status() == 401) {
      String again = tokens.rejected(connection, token);
      if (again != null) {
        r = exchange(spec.headers(h -> h.setBearerAuth(again)));
      }
    }
    return r;
  }

  private static Raw exchange(RestClient.RequestHeadersSpec<?> spec) {
    return spec.accept(MediaType.APPLICATION_JSON).exchange((req, res) -> {
      byte[] bytes;
      try {
        bytes = res.getBody().readAllBytes();
      } catch (IOException e) {
        throw new VendorException(0, true, null, "network", "hubspot response unreadable");
      }
      return new Raw(res.getStatusCode().value(), bytes);
    });
  }

  private static JsonNode ok(Raw r, String op) {
    if (r.status() >= 200 && r.status() < 300) {
      return parse(r.body());
    }
    throw error(r.status(), r.body(), op);
  }

  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (RuntimeException e) {
      throw new VendorException(0, false, null, "invalid_response", "hubspot answered with a non-JSON body");
    }
  }

  /** Maps a HubSpot error body to a {@link VendorException}; 4xx are permanent, 408/425/429/5xx retryable. */
  static VendorException error(int status, byte[] body, String op) {
    String category = "http_" + status;
    String message = "";
    try {
      JsonNode n = JSON.readTree(body);
      if (n.path("category").isString()) {
        category = n.path("category").asString();
      }
      message = n.path("message").asString("");
    } catch (RuntimeException ignored) {
      // not JSON: keep the status only
    }
    return VendorException.forStatus(status, null, category,
        "hubspot " + op + " failed (" + status + " " + category + ")"
            + (message.isEmpty() ? "" : ": " + Pii.redact(message, 500)));
  }
}
