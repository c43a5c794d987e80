package dev.switchboard.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.RequiresVendorSpecs;
import dev.switchboard.sandbox.SandboxFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Walks every endpoint the Stripe emulator serves with raw HTTP calls; each request and response is
 * checked against Stripe's official OpenAPI spec (API version 2023-08-16) by {@link StripeSpec}. The SDK
 * tests check their own traffic the same way through {@link StripeSpecCheckingClient}.
 */
@RequiresVendorSpecs(StripeSpec.FILE)
class StripeSpecConformanceTest {

  // The 25 rps test-mode limit gets its own test below; here it would only slow the walk down.
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.stripe.rate-limit-per-second", "10000")).noReset();
  static StripeSpec spec;
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final List<String> problems = new ArrayList<>();
  static int validated;

  @BeforeAll
  static void start() throws Exception {
    spec = StripeSpec.get();
  }

  static JsonNode call(String method, String path, Map<String, String> form, int expectedStatus) throws Exception {
    return call("sk_test_sandbox", method, path, form, expectedStatus);
  }

  /**
   * Sends a raw call to {@code /stripe/v1/...}, checks request and response against the spec, returns the
   * JSON body; asserts the status unless {@code expectedStatus} is negative.
   */
  static JsonNode call(String key, String method, String path, Map<String, String> form, int expectedStatus) throws Exception {
    String encoded = encode(form);
    boolean hasBody = method.equals("POST");
    String uri = sandbox.baseUrl() + "/stripe" + path + (!hasBody && !encoded.isEmpty() ? "?" + encoded : "");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + key);
    if (hasBody) {
      b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(encoded));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> res = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    validated++;
    problems.addAll(spec.check(method, path, hasBody ? null : encoded, "Bearer " + key, hasBody ? encoded : null, res.statusCode(),
        res.headers().firstValue("Content-Type").orElse(null), res.body()));
    if (expectedStatus > 0) {
      assertThat(res.statusCode()).as(method + " " + path + " -> " + res.body()).isEqualTo(expectedStatus);
    }
    return Http.JSON.readTree(res.body());
  }

  static String encode(Map<String, String> form) {
    StringBuilder sb = new StringBuilder();
    form.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return sb.toString();
  }

  static Map<String, String> form(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void everyEmulatedEndpointConformsToTheSpec() throws Exception {
    String cus = call("POST", "/v1/customers", form("email", "spec@example.com", "name", "Spec", "metadata[src]", "hubspot"), 200)
        .get("id").asString();
    call("POST", "/v1/customers", form("email", "spec2@example.com"), 200);
    call("GET", "/v1/customers/" + cus, form(), 200);
    call("POST", "/v1/customers/" + cus, form("metadata[tier]", "gold", "phone", "+15550001"), 200);
    JsonNode page = call("GET", "/v1/customers", form("limit", "1"), 200);
    call("GET", "/v1/customers", form("limit", "1", "starting_after", page.get("data").get(0).get("id").asString()), 200);
    call("GET", "/v1/customers/search", form("query", "email:'spec@example.com'"), 200);
    call("GET", "/v1/customers/cus_missing", form(), 404);

    String prod = call("POST", "/v1/products", form("name", "Spec plan"), 200).get("id").asString();
    call("GET", "/v1/products/" + prod, form(), 200);
    call("POST", "/v1/products/" + prod, form("description", "Monthly", "metadata[sku]", "S-1", "active", "true"), 200);
    call("GET", "/v1/products", form(), 200);
    String price = call("POST", "/v1/prices", form("product", prod, "currency", "usd", "unit_amount", "1500",
        "recurring[interval]", "month"), 200).get("id").asString();
    call("GET", "/v1/prices/" + price, form(), 200);
    call("POST", "/v1/prices/" + price, form("nickname", "Standard", "lookup_key", "standard_monthly"), 200);
    call("GET", "/v1/prices", form("product", prod), 200);

    String sub = call("POST", "/v1/subscriptions", form("customer", cus, "items[0][price]", price), 200).get("id").asString();
    call("GET", "/v1/subscriptions/" + sub, form(), 200);
    call("POST", "/v1/subscriptions/" + sub, form("cancel_at_period_end", "true", "metadata[reason]", "test"), 200);
    call("GET", "/v1/subscriptions", form("customer", cus), 200);
    call("DELETE", "/v1/subscriptions/" + sub, form(), 200);

    String inv = call("POST", "/v1/invoices", form("customer", cus), 200).get("id").asString();
    String ii = call("POST", "/v1/invoiceitems", form("customer", cus, "invoice", inv, "amount", "700", "currency", "usd"), 200)
        .get("id").asString();
    call("GET", "/v1/invoiceitems/" + ii, form(), 200);
    call("GET", "/v1/invoiceitems", form("customer", cus, "limit", "5"), 200);
    call("POST", "/v1/invoices/" + inv + "/finalize", form(), 200);
    call("POST", "/v1/invoices/" + inv + "/pay", form(), 200);
    call("GET", "/v1/invoices/" + inv, form(), 200);
    call("GET", "/v1/invoices", form("customer", cus), 200);

    String pi = call("POST", "/v1/payment_intents", form("amount", "900", "currency", "usd", "customer", cus), 200).get("id").asString();
    call("POST", "/v1/payment_intents/" + pi + "/confirm", form("payment_method", "pm_card_visa"), 200);
    call("GET", "/v1/payment_intents/" + pi, form(), 200);
    JsonNode charges = call("GET", "/v1/charges", form("customer", cus), 200);
    call("GET", "/v1/charges/" + charges.get("data").get(0).get("id").asString(), form(), 200);
    call("GET", "/v1/payment_intents", form("customer", cus), 200);
    String re = call("POST", "/v1/refunds", form("payment_intent", pi, "amount", "100"), 200).get("id").asString();
    call("GET", "/v1/refunds/" + re, form(), 200);
    call("GET", "/v1/refunds", form("payment_intent", pi), 200);
    String declined = call("POST", "/v1/payment_intents", form("amount", "900", "currency", "usd",
        "payment_method", "pm_card_chargeDeclined"), 200).get("id").asString();
    call("POST", "/v1/payment_intents/" + declined + "/confirm", form(), 402);

    String we = call("POST", "/v1/webhook_endpoints", form("url", "http://127.0.0.1:9/hook", "enabled_events[0]", "customer.created"), 200)
        .get("id").asString();
    call("GET", "/v1/webhook_endpoints", form(), 200);
    call("DELETE", "/v1/webhook_endpoints/" + we, form(), 200);
    JsonNode events = call("GET", "/v1/events", form("limit", "100"), 200);
    call("GET", "/v1/events/" + events.get("data").get(0).get("id").asString(), form(), 200);
    call("DELETE", "/v1/customers/" + cus, form(), 200);

    assertThat(validated).isGreaterThan(45);
    assertThat(problems).as("spec violations").isEmpty();
  }

  @Test
  void authAndRateLimitErrorsConformToTheSpec() throws Exception {
    call("sk_test_wrong_key_0000", "GET", "/v1/customers", form(), 401);
    HttpRequest config = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/_sandbox/config"))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"vendor\":\"stripe\",\"rateLimitPerSecond\":1}")).build();
    assertThat(CLIENT.send(config, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    try {
      // One request per rolling second: the second of two back-to-back calls is refused.
      call("GET", "/v1/customers/search", form("query", "email:'nobody@example.com'"), -1);
      JsonNode limited = call("GET", "/v1/customers", form(), 429);
      assertThat(limited.at("/error/code").asString()).isEqualTo("rate_limit");
    } finally {
      CLIENT.send(HttpRequest.newBuilder(config.uri()).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{\"vendor\":\"stripe\",\"rateLimitPerSecond\":10000}")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
    assertThat(problems).as("spec violations").isEmpty();
  }

  /** The form-body check is not vacuous: unknown keys, bad enums and non-numbers are reported. */
  @Test
  void formBodyCheckRejectsParametersStripeWouldRefuse() {
    assertThat(spec.formBodies.check("POST", "/v1/customers", "email=a%40b.c&metadata[k]=v&tax_exempt=none")).isEmpty();
    assertThat(spec.formBodies.check("POST", "/v1/customers", "emial=a%40b.c")).anySatisfy(e -> assertThat(e).contains("emial"));
    assertThat(spec.formBodies.check("POST", "/v1/customers", "tax_exempt=sometimes")).isNotEmpty();
    assertThat(spec.formBodies.check("POST", "/v1/prices", "currency=usd&unit_amount=lots&product=prod_1")).isNotEmpty();
    assertThat(spec.formBodies.check("POST", "/v1/subscriptions", "customer=cus_1&items[0][price]=price_1&items[0][quantity]=2")).isEmpty();
  }

  /** The validator is not vacuous: a mistyped field and a null in a non-nullable one are rejected. */
  @Test
  void validatorRejectsAResponseThatBreaksTheSpec() {
    SimpleResponse broken = SimpleResponse.Builder.status(200).withContentType("application/json")
        .withBody("{\"id\":\"cus_1\",\"object\":\"customer\",\"created\":\"yesterday\",\"livemode\":null}").build();
    ValidationReport report = spec.validator.validate(
        new SimpleRequest.Builder("GET", "/v1/customers/cus_1").withAuthorization("Bearer sk_test_sandbox")
            .withContentType("application/x-www-form-urlencoded").build(), broken);
    List<String> errors = report.getMessages().stream().map(m -> m.getMessage() + " at "
        + m.getContext().flatMap(c -> c.getPointers().map(p -> p.getInstance())).orElse("")).toList();
    assertThat(errors).anySatisfy(m -> assertThat(m).contains("string found, integer expected").contains("/created"));
    assertThat(errors).anySatisfy(m -> assertThat(m).contains("null found, boolean expected").contains("/livemode"));
  }
}
