package dev.switchboard.sandbox.square;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.RequiresVendorSpecs;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Every request this test sends and every response the emulator gives is validated against Square's
 * official OpenAPI document ({@code square/api.json} in the vendor-specs folder, read at run time).
 *
 * <p>Whitelist (documented, per message key): {@code validation.response.status.unknown} for the
 * deliberate error calls only — Square's spec documents a single {@code 200} per operation, so a 4xx
 * answer (NOT_FOUND, CONFLICT, RATE_LIMITED, UNAUTHORIZED...) has no schema to check; those bodies are
 * checked by hand against the {@code Error} schema's required fields instead.
 */
@RequiresVendorSpecs(SquareSpec.FILE)
class SquareSpecConformanceTest {

  static final String TOKEN = "EAAAsandbox-square-token";
  static final Set<String> ERROR_CALL_WHITELIST = Set.of("validation.response.status.unknown");
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of()).withReceiver().noReset();
  static final WebhookReceiver receiver = sandbox.receiver();
  static OpenApiInteractionValidator validator;
  /** Spec paths the emulator serves (all of them are exercised below). */
  static final List<String> EMULATED = List.of("/v2/customers", "/v2/customers/{customer_id}", "/v2/customers/search",
      "/v2/customers/bulk-create", "/v2/customers/bulk-update", "/v2/customers/bulk-delete", "/v2/customers/bulk-retrieve",
      "/v2/locations", "/v2/locations/{location_id}", "/v2/payments", "/v2/payments/{payment_id}",
      "/v2/invoices", "/v2/invoices/{invoice_id}", "/v2/invoices/{invoice_id}/publish", "/v2/invoices/{invoice_id}/cancel",
      "/v2/bookings", "/v2/bookings/{booking_id}", "/v2/bookings/{booking_id}/cancel",
      "/v2/webhooks/subscriptions", "/v2/webhooks/subscriptions/{subscription_id}",
      "/v2/webhooks/subscriptions/{subscription_id}/signature-key", "/v2/webhooks/subscriptions/{subscription_id}/test",
      "/oauth2/token");
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    validator = SquareSpec.validatorFor(EMULATED);
  }

  record Res(int status, JsonNode json, String raw) {}

  /** Sends one call and validates request + response; errors are collected (see {@link #noProblems}). */
  static Res call(String method, String path, Map<String, String> query, Object body, boolean expectError) throws Exception {
    String qs = query.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    String json = body == null ? null : Http.JSON.writeValueAsString(body);
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/square" + path + (qs.isEmpty() ? "" : "?" + qs)))
        .header("Authorization", "Bearer " + TOKEN).header("Square-Version", "2025-08-20").header("Accept", "application/json");
    if (json != null) {
      rb.header("Content-Type", "application/json");
    }
    rb.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> res = HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofString());

    SimpleRequest.Builder vreq = new SimpleRequest.Builder(method, path)
        .withHeader("Authorization", "Bearer " + TOKEN).withHeader("Square-Version", "2025-08-20").withAccept("application/json");
    query.forEach(vreq::withQueryParam);
    if (json != null) {
      vreq.withContentType("application/json").withBody(json);
    }
    SimpleResponse.Builder vres = SimpleResponse.Builder.status(res.statusCode()).withBody(res.body());
    res.headers().firstValue("Content-Type").ifPresent(vres::withContentType);
    ValidationReport report = validator.validate(vreq.build(), vres.build());
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() != ValidationReport.Level.ERROR || expectError && ERROR_CALL_WHITELIST.contains(m.getKey())) {
        continue;
      }
      problems.add(method + " " + path + " -> " + res.statusCode() + ": [" + m.getKey() + "] " + m.getMessage());
    }
    JsonNode node = res.body().isEmpty() ? null : Http.JSON.readTree(res.body());
    if (expectError) {
      JsonNode err = node.get("errors").get(0);
      assertThat(err.hasNonNull("category") && err.hasNonNull("code")).as("Error has category and code").isTrue();
    } else {
      assertThat(res.statusCode()).as(method + " " + path + " " + res.body()).isEqualTo(200);
    }
    return new Res(res.statusCode(), node, res.body());
  }

  static Res call(String method, String path, Object body) throws Exception {
    return call(method, path, Map.of(), body, false);
  }

  static void noProblems() {
    List<String> copy = List.copyOf(problems);
    problems.clear();
    assertThat(copy).as("spec violations").isEmpty();
  }

  static Map<String, Object> customer(String given, String email) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("given_name", given);
    c.put("family_name", "Spec");
    c.put("email_address", email);
    c.put("phone_number", "+15550100001");
    c.put("address", Map.of("address_line_1", "1 Main St", "locality", "Springfield", "postal_code", "12345", "country", "US"));
    c.put("reference_id", "ref-" + given);
    c.put("note", "spec test");
    return c;
  }

  @Test
  void customersEndpointsConform() throws Exception {
    Map<String, Object> create = new LinkedHashMap<>(customer("Grace", "grace@example.com"));
    create.put("idempotency_key", UUID.randomUUID().toString());
    String id = call("POST", "/v2/customers", create).json().get("customer").get("id").asString();
    call("POST", "/v2/customers", Map.of("idempotency_key", UUID.randomUUID().toString(), "given_name", "Alan"));
    call("GET", "/v2/customers/" + id, null);
    call("PUT", "/v2/customers/" + id, Map.of("note", "updated", "version", 0));
    call("PUT", "/v2/customers/" + id, Map.of(), Map.of("note", "stale", "version", 0), true);
    call("GET", "/v2/customers", Map.of("limit", "1", "sort_field", "CREATED_AT", "sort_order", "DESC", "count", "true"), null, false);
    Res first = call("GET", "/v2/customers", Map.of("limit", "1"), null, false);
    call("GET", "/v2/customers", Map.of("limit", "1", "cursor", first.json().get("cursor").asString()), null, false);
    call("POST", "/v2/customers/search", Map.of("limit", 10, "query", Map.of(
        "filter", Map.of("email_address", Map.of("exact", "grace@example.com"),
            "updated_at", Map.of("start_at", Instant.now().minus(1, ChronoUnit.HOURS).toString())),
        "sort", Map.of("field", "CREATED_AT", "order", "ASC"))));
    call("POST", "/v2/customers/search", Map.of("query", Map.of("filter", Map.of("phone_number", Map.of("fuzzy", "0100")))));
    Res bulk = call("POST", "/v2/customers/bulk-create", Map.of("customers", Map.of(
        "key-1", customer("Bulk1", "bulk1@example.com"), "key-2", Map.of("email_address", "broken"))));
    String bulkId = bulk.json().get("responses").get("key-1").get("customer").get("id").asString();
    call("POST", "/v2/customers/bulk-retrieve", Map.of("customer_ids", List.of(id, bulkId, "MISSING")));
    call("POST", "/v2/customers/bulk-update", Map.of("customers", Map.of(bulkId, Map.of("note", "bulk updated", "version", 0))));
    call("POST", "/v2/customers/bulk-delete", Map.of("customer_ids", List.of(bulkId)));
    call("DELETE", "/v2/customers/" + id, Map.of("version", "1"), null, false);
    call("GET", "/v2/customers/" + id, Map.of(), null, true);
    call("GET", "/v2/customers", Map.of("limit", "101"), null, true);
    noProblems();
  }

  @Test
  void commerceEndpointsConform() throws Exception {
    String loc = call("GET", "/v2/locations", null).json().get("locations").get(0).get("id").asString();
    call("GET", "/v2/locations/" + loc, null);
    String cust = call("POST", "/v2/customers", Map.of("given_name", "Buyer", "email_address", "buyer@example.com"))
        .json().get("customer").get("id").asString();
    Map<String, Object> money = Map.of("amount", 2500, "currency", "USD");
    Res inv = call("POST", "/v2/invoices", Map.of("idempotency_key", UUID.randomUUID().toString(), "invoice", Map.of(
        "location_id", loc, "primary_recipient", Map.of("customer_id", cust), "title", "Spec invoice",
        "delivery_method", "EMAIL", "accepted_payment_methods", Map.of("card", true),
        "payment_requests", List.of(Map.of("request_type", "BALANCE", "due_date", "2030-12-31",
            "fixed_amount_requested_money", money)))));
    String invId = inv.json().get("invoice").get("id").asString();
    call("GET", "/v2/invoices/" + invId, null);
    call("GET", "/v2/invoices", Map.of("location_id", loc, "limit", "10"), null, false);
    Res pub = call("POST", "/v2/invoices/" + invId + "/publish", Map.of("version", 0, "idempotency_key", UUID.randomUUID().toString()));
    String orderId = pub.json().get("invoice").get("order_id").asString();
    Res pay = call("POST", "/v2/payments", Map.of("source_id", "cnon:card-nonce-ok", "idempotency_key", UUID.randomUUID().toString(),
        "amount_money", money, "order_id", orderId, "customer_id", cust, "location_id", loc, "note", "spec"));
    call("GET", "/v2/payments/" + pay.json().get("payment").get("id").asString(), null);
    call("GET", "/v2/payments", Map.of("limit", "5", "sort_order", "ASC"), null, false);
    assertThat(call("GET", "/v2/invoices/" + invId, null).json().get("invoice").get("status").asString()).isEqualTo("PAID");
    String inv2 = call("POST", "/v2/invoices", Map.of("invoice", Map.of("location_id", loc, "primary_recipient",
        Map.of("customer_id", cust), "payment_requests", List.of(Map.of("request_type", "BALANCE", "due_date", "2030-12-31")))))
        .json().get("invoice").get("id").asString();
    call("POST", "/v2/invoices/" + inv2 + "/publish", Map.of("version", 0));
    call("POST", "/v2/invoices/" + inv2 + "/cancel", Map.of("version", 1));
    call("POST", "/v2/payments", Map.of(), Map.of("source_id", "cnon:card-nonce-declined", "idempotency_key", "d1", "amount_money", money), true);

    String start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    Res booking = call("POST", "/v2/bookings", Map.of("idempotency_key", UUID.randomUUID().toString(), "booking", Map.of(
        "start_at", start, "location_id", loc, "customer_id", cust, "customer_note", "window seat",
        "appointment_segments", List.of(Map.of("team_member_id", "TMspec", "service_variation_id", "SVspec",
            "service_variation_version", 1, "duration_minutes", 30)))));
    String bookingId = booking.json().get("booking").get("id").asString();
    call("GET", "/v2/bookings/" + bookingId, null);
    call("PUT", "/v2/bookings/" + bookingId, Map.of("booking", Map.of("version", 0, "seller_note", "confirmed")));
    call("GET", "/v2/bookings", Map.of("start_at_min", Instant.now().toString(),
        "start_at_max", Instant.now().plus(10, ChronoUnit.DAYS).toString(), "limit", "10"), null, false);
    call("POST", "/v2/bookings/" + bookingId + "/cancel", Map.of("booking_version", 1));
    noProblems();
  }

  @Test
  void webhookSubscriptionEndpointsConform() throws Exception {
    Res created = call("POST", "/v2/webhooks/subscriptions", Map.of("idempotency_key", UUID.randomUUID().toString(),
        "subscription", Map.of("name", "spec", "event_types", List.of("customer.created"), "notification_url",
            receiver.url("/hook"), "api_version", "2025-08-20")));
    String id = created.json().get("subscription").get("id").asString();
    assertThat(created.json().get("subscription").get("signature_key").asString()).isNotBlank();
    call("GET", "/v2/webhooks/subscriptions/" + id, null);
    call("GET", "/v2/webhooks/subscriptions", Map.of("include_disabled", "true", "limit", "10"), null, false);
    call("PUT", "/v2/webhooks/subscriptions/" + id, Map.of("subscription", Map.of("enabled", false, "name", "renamed")));
    call("POST", "/v2/webhooks/subscriptions/" + id + "/signature-key", Map.of("idempotency_key", UUID.randomUUID().toString()));
    call("POST", "/v2/webhooks/subscriptions/" + id + "/test", Map.of("event_type", "customer.created"));
    call("DELETE", "/v2/webhooks/subscriptions/" + id, null);
    call("GET", "/v2/webhooks/subscriptions/" + id, Map.of(), null, true);
    noProblems();
  }

  @Test
  void oauthTokenConforms() throws Exception {
    // /oauth2/authorize is a browser page and not part of the OpenAPI document: only its redirect is checked
    HttpResponse<String> redirect = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
        + "/square/oauth2/authorize?client_id=sandbox-sq0idb-switchboard&state=s1&redirect_uri=http://127.0.0.1:1/cb")).build(),
        HttpResponse.BodyHandlers.ofString());
    String code = redirect.headers().firstValue("Location").orElseThrow().replaceAll(".*[?&]code=([^&]+).*", "$1");
    Res tok = call("POST", "/oauth2/token", Map.of("client_id", "sandbox-sq0idb-switchboard",
        "client_secret", "sandbox-sq0csb-switchboard-secret", "grant_type", "authorization_code", "code", code));
    call("POST", "/oauth2/token", Map.of("client_id", "sandbox-sq0idb-switchboard",
        "client_secret", "sandbox-sq0csb-switchboard-secret", "grant_type", "refresh_token",
        "refresh_token", tok.json().get("refresh_token").asString()));
    noProblems();
  }
}
