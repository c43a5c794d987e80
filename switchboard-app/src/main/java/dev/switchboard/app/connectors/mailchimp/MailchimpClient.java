package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connectors.AccessTokens;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.RateLimitPolicy;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.VendorHosts;
import dev.switchboard.app.connectors.VendorHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * HTTP calls to the Mailchimp Marketing API 3.0, one method per call. Errors are problem+json
 * ({@code {type, title, status, detail, instance, errors[{field, message}]}}); the {@code title} becomes the
 * error code, the detail is redacted. 429/5xx/network failures are made retryable by {@link VendorHttp}.
 */
final class MailchimpClient {

  static final JsonMapper JSON = JsonMapper.builder().build();
  /** The data center suffix of an API key ({@code us21}): it becomes part of the host name. */
  private static final Pattern DATA_CENTER = Pattern.compile("[a-z]{2,8}[0-9]{1,4}");

  /** A raw answer for calls whose 4xx the connector turns into per-item rejections. */
  record MailchimpResponse(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final VendorHttp http;
  private final MailchimpProperties properties;
  private final VendorHosts hosts;
  private final RateLimitPolicy policy;

  private final AccessTokens tokens;

  /** {@code tokens}: asked what an OAuth connection's refused token means ({@link AccessTokens#rejected}). */
  MailchimpClient(VendorHttp http, MailchimpProperties properties, VendorHosts hosts, RateLimitPolicy policy,
      AccessTokens tokens) {
    this.tokens = tokens;
    this.http = http;
    this.properties = properties;
    this.hosts = hosts;
    this.policy = policy;
  }

  /**
   * Base URL with {@code {dc}} taken from the API key suffix ({@code …-us21} → {@code us21}), or for an OAuth
   * connection from its {@code dataCenter} credential (the OAuth metadata's {@code dc}). A connection's override
   * is checked again on every call, after the substitution (see {@link VendorHosts}).
   */
  String baseUrl(ConnectionContext connection) {
    return hosts.baseUrl(connection, properties.baseUrl(), base -> {
      if (!base.contains("{dc}")) {
        return base;
      }
      String dc = connection.credential("dataCenter");
      if (connection.credential("apiKey") == null && dc != null && DATA_CENTER.matcher(dc).matches()) {
        return base.replace("{dc}", dc); // an OAuth connection: the data center its metadata named
      }
      String key = connection.requiredCredential("apiKey");
      int dash = key.lastIndexOf('-');
      if (dash < 0 || !DATA_CENTER.matcher(key.substring(dash + 1).trim()).matches()) {
        throw new VendorException(0, false, null, "invalid_api_key",
            "mailchimp API key does not end in a data center suffix (-usNN)");
      }
      return base.replace("{dc}", key.substring(dash + 1).trim());
    });
  }

  private RestClient client(ConnectionContext connection) {
    return http.client(connection, policy, baseUrl(connection));
  }

  /** The API key over Basic auth; an OAuth connection (no key) sends its access token as a Bearer token. */
  private static String basic(ConnectionContext connection) {
    if (connection.credential("apiKey") == null && connection.credential("accessToken") != null) {
      return "Bearer " + connection.credential("accessToken");
    }
    String token = "anystring:" + connection.requiredCredential("apiKey");
    return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }

  // https://mailchimp.com/developer/marketing/api/ping/ping/
  JsonNode ping(ConnectionContext connection) {
    return ok(send(connection, client(connection).get().uri("/ping")),
        "ping");
  }

  // https://mailchimp.com/developer/marketing/api/lists/get-list-info/
  JsonNode getList(ConnectionContext connection, String listId) {
    return ok(send(connection, client(connection).get().uri("/lists/{listId}", listId)), "get list");
  }

  // https://mailchimp.com/developer/marketing/api/lists/get-lists-info/
  JsonNode lists(ConnectionContext connection, int offset) {
    return ok(send(connection, client(connection).get().uri("/lists?fields=lists.id,lists.name,lists.stats.member_count,total_items"
            + "&count=1000&offset={offset}", offset)), "get lists");
  }

  // https://mailchimp.com/developer/marketing/api/list-members/get-member-info/
  Optional<JsonNode> getMember(ConnectionContext connection, String listId, String hash) {
    MailchimpResponse r = send(connection, client(connection).get().uri("/lists/{listId}/members/{hash}", listId, hash));
    if (r.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(ok(r, "get member"));
  }

  // https://mailchimp.com/developer/marketing/api/list-members/list-members-info/
  // count max 1000; offset paging; since_last_changed is ISO 8601; sorted by last_changed ascending.
  // before_last_changed (exclusive) bounds the window from above.
  JsonNode listMembers(ConnectionContext connection, String listId, int offset, int count,
      @Nullable String sinceLastChanged, @Nullable String beforeLastChanged, String fields) {
    MailchimpResponse r = send(connection, client(connection).get().uri(b -> {
      b.path("/lists/{listId}/members").queryParam("count", count).queryParam("offset", offset)
          .queryParam("fields", "{fields}").queryParam("sort_field", "last_changed")
          .queryParam("sort_dir", "ASC");
      Map<String, String> vars = new java.util.HashMap<>(Map.of("listId", listId, "fields", fields));
      if (sinceLastChanged != null) {
        b.queryParam("since_last_changed", "{since}");
        vars.put("since", sinceLastChanged);
      }
      if (beforeLastChanged != null) {
        b.queryParam("before_last_changed", "{before}");
        vars.put("before", beforeLastChanged);
      }
      return b.build(vars);
    }));

    return ok(r, "list members");
  }

  // https://mailchimp.com/developer/marketing/api/list-members/list-members-info/
  // status=archived: the archived members (an archive is Mailchimp's delete), offset paging, count max 1000.
  /** One page of the list's archived members: each with its {@code id} and {@code last_changed}, and {@code total_items}. */
  JsonNode listArchivedMembers(ConnectionContext connection, String listId, int offset, int count) {
    MailchimpResponse r = send(connection, client(connection).get().uri(b -> b.path("/lists/{listId}/members")
            .queryParam("status", "archived").queryParam("count", count).queryParam("offset", offset)
            .queryParam("fields", "{fields}").build(Map.of("listId", listId,
                "fields", "members.id,members.last_changed,total_items"))));
    return ok(r, "list archived members");
  }

  // https://mailchimp.com/developer/marketing/api/lists/batch-subscribe-or-unsubscribe/
  // Up to 500 members; answers 200 with new_members, updated_members and per-member errors.
  MailchimpResponse batchSubscribe(ConnectionContext connection, String listId, ObjectNode body) {
    return accept4xx(send(connection, client(connection).post().uri("/lists/{listId}", listId).contentType(MediaType.APPLICATION_JSON)
        .body(JSON.writeValueAsBytes(body))), "batch subscribe");
  }

  // https://mailchimp.com/developer/marketing/api/list-members/add-or-update-list-member/
  MailchimpResponse putMember(ConnectionContext connection, String listId, String hash, ObjectNode body) {
    return accept4xx(send(connection, client(connection).put().uri("/lists/{listId}/members/{hash}", listId, hash).contentType(MediaType.APPLICATION_JSON)
        .body(JSON.writeValueAsBytes(body))), "put member");
  }

  // https://mailchimp.com/developer/marketing/api/list-members/update-list-member/
  MailchimpResponse patchMember(ConnectionContext connection, String listId, String hash, ObjectNode body) {
    return accept4xx(send(connection, client(connection).patch().uri("/lists/{listId}/members/{hash}", listId, hash).contentType(MediaType.APPLICATION_JSON)
        .body(JSON.writeValueAsBytes(body))), "patch member");
  }

  // https://mailchimp.com/developer/marketing/api/list-member-tags/add-or-remove-member-tags/
  // Answers 204 No Content.
  MailchimpResponse updateTags(ConnectionContext connection, String listId, String hash, ObjectNode body) {
    return accept4xx(send(connection, client(connection).post().uri("/lists/{listId}/members/{hash}/tags", listId, hash).contentType(MediaType.APPLICATION_JSON)
        .body(JSON.writeValueAsBytes(body))), "update tags");
  }

  // https://mailchimp.com/developer/marketing/api/list-members/archive-list-member/
  // Answers 204; archived members are restorable (a PUT brings them back), unlike actions/delete-permanent.
  MailchimpResponse archiveMember(ConnectionContext connection, String listId, String hash) {
    return accept4xx(send(connection, client(connection).delete().uri("/lists/{listId}/members/{hash}", listId, hash)), "archive member");
  }

  // https://mailchimp.com/developer/marketing/api/list-merges/list-merge-fields/
  // count max 1000, offset paging; {merge_fields:[{merge_id, tag, name, type, …}], total_items}.
  JsonNode mergeFields(ConnectionContext connection, String listId, int offset) {
    return ok(send(connection, client(connection).get().uri(b -> b.path("/lists/{listId}/merge-fields")
            .queryParam("count", 1000).queryParam("offset", offset)
            .queryParam("fields", "{fields}").build(Map.of("listId", listId,
                "fields", "merge_fields.merge_id,merge_fields.tag,merge_fields.type,merge_fields.options,total_items")))), "list merge fields");
  }

  // https://mailchimp.com/developer/marketing/api/list-merges/add-merge-field/
  // {tag, name, type, …}; answers 200 with the field; a tag the audience has is 400 "Invalid Resource".
  JsonNode createMergeField(ConnectionContext connection, String listId, ObjectNode body) {
    return ok(send(connection, client(connection).post().uri("/lists/{listId}/merge-fields", listId)
        .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body))), "add merge field");
  }

  // https://mailchimp.com/developer/marketing/api/list-webhooks/list-webhooks/
  JsonNode listWebhooks(ConnectionContext connection, String listId) {
    return ok(send(connection, client(connection).get().uri("/lists/{listId}/webhooks", listId)), "list webhooks");
  }

  // https://mailchimp.com/developer/marketing/api/list-webhooks/add-webhook/
  JsonNode createWebhook(ConnectionContext connection, String listId, ObjectNode body) {
    return ok(send(connection, client(connection).post().uri("/lists/{listId}/webhooks", listId).contentType(MediaType.APPLICATION_JSON)
        .body(JSON.writeValueAsBytes(body))), "create webhook");
  }

  // https://mailchimp.com/developer/marketing/api/list-webhooks/delete-webhook/
  // Answers 204; a webhook already gone (404) is what we wanted.
  void deleteWebhook(ConnectionContext connection, String listId, String webhookId) {
    MailchimpResponse r = send(connection, client(connection).delete().uri("/lists/{listId}/webhooks/{id}", listId, webhookId));
    if (!r.ok() && r.status() != 404) {
      throw error(r, "delete webhook");
    }
  }

  /**
   * Sends with the connection's key or token. An OAuth connection's 401 is given to {@link AccessTokens#rejected}
   * (its grant was withdrawn: the connection needs someone to sign in again); an API key's 401 is the caller's to map.
   */
  private MailchimpResponse send(ConnectionContext connection, RestClient.RequestHeadersSpec<?> spec) {
    String auth = basic(connection);
    MailchimpResponse r = exchange(spec.headers(h -> h.set(HttpHeaders.AUTHORIZATION, auth)));
    if (r.status() == 401 && auth.startsWith("Bearer ")) {
      String again = tokens.rejected(connection, auth.substring("Bearer ".length()));
      if (again != null) {
        r = exchange(spec.headers(h -> h.set(HttpHeaders.AUTHORIZATION, "Bearer " + again)));
      }
    }
    return r;
  }

  private static MailchimpResponse exchange(RestClient.RequestHeadersSpec<?> spec) {
    return spec.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON).exchange((req, res) -> {
      byte[] bytes;
      try {
        bytes = res.getBody().readAllBytes();
      } catch (IOException e) {
        throw new VendorException(0, true, null, "network", "mailchimp response unreadable");
      }
      return new MailchimpResponse(res.getStatusCode().value(), parse(bytes));
    });
  }

  private static MailchimpResponse accept4xx(MailchimpResponse r, String op) {
    if (r.ok() || (r.status() >= 400 && r.status() < 500 && r.status() != 401 && r.status() != 403
        && r.status() != 408 && r.status() != 425 && r.status() != 429)) {
      return r;
    }
    throw error(r, op);
  }

  private static JsonNode ok(MailchimpResponse r, String op) {
    if (r.ok()) {
      return r.body();
    }
    throw error(r, op);
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (RuntimeException e) {
      return JSON.createObjectNode(); // non-JSON (e.g. proxy HTML error page): status decides
    }
  }

  static String errorCode(JsonNode problem, int status) {
    String title = problem.path("title").asString("");
    return title.isBlank() ? "http_" + status : title;
  }

  static String detail(JsonNode problem) {
    StringBuilder sb = new StringBuilder(problem.path("detail").asString(""));
    for (JsonNode e : problem.path("errors")) {
      sb.append(sb.isEmpty() ? "" : " ").append(e.path("field").asString("")).append(": ")
          .append(e.path("message").asString(""));
    }
    return Pii.redact(sb.toString(), 500);
  }

  /** Maps a problem+json answer to a {@link VendorException}; 4xx are permanent, 408/425/429/5xx retryable. */
  static VendorException error(MailchimpResponse r, String op) {
    String code = errorCode(r.body(), r.status());
    String detail = detail(r.body());
    return VendorException.forStatus(r.status(), null, code,
        "mailchimp " + op + " failed (" + r.status() + " " + code + ")" + (detail.isEmpty() ? "" : ": " + detail));
  }
}
