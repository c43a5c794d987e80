package dev.switchboard.sandbox.stripe;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe's official OpenAPI spec for API version 2023-08-16, read from {@code shared/vendor-specs/stripe}
 * (never copied), trimmed to the paths the emulator serves. Checks one exchange: path, method, query
 * parameters, status and response body with Atlassian's validator; form bodies with
 * {@link StripeFormBodies} (Stripe's nested keys). Documented adjustments, each justified where it is made:
 * <ul>
 *   <li>{@code nullable} next to {@code anyOf} admits {@code null} ({@link StripeSpecTrimmer}).</li>
 *   <li>Form bodies are decoded from Stripe's {@code a[b]=c} keys before the schema check ({@link StripeFormBodies}).</li>
 * </ul>
 * Nothing else is waived: unknown response properties, wrong types and undeclared statuses are errors.
 */
final class StripeSpec {

  /** Every path the emulator serves, as the spec names it. */
  static final List<String> PATHS = List.of("/v1/customers", "/v1/customers/search", "/v1/customers/{customer}", "/v1/products",
      "/v1/products/{id}", "/v1/prices", "/v1/prices/{price}", "/v1/subscriptions", "/v1/subscriptions/{subscription_exposed_id}",
      "/v1/invoices", "/v1/invoices/{invoice}", "/v1/invoices/{invoice}/finalize", "/v1/invoices/{invoice}/pay", "/v1/invoiceitems",
      "/v1/invoiceitems/{invoiceitem}", "/v1/payment_intents", "/v1/payment_intents/{intent}", "/v1/payment_intents/{intent}/confirm",
      "/v1/charges", "/v1/charges/{charge}", "/v1/refunds", "/v1/refunds/{refund}", "/v1/webhook_endpoints",
      "/v1/webhook_endpoints/{webhook_endpoint}", "/v1/events", "/v1/events/{id}");

  /** The spec file, under the vendor-specs directory ({@link dev.switchboard.sandbox.VendorSpecs}). */
  static final String FILE = "stripe/spec3.2023-08-16.yaml";

  private static StripeSpec instance;
  final OpenApiInteractionValidator validator;
  final StripeFormBodies formBodies;

  private StripeSpec(String trimmed) throws Exception {
    // Refs stay unresolved: Stripe's expandable fields (anyOf id-or-object) reference each other in cycles,
    // and inlining them (the validator's default) grows the document past 10 GB of heap. The JSON-schema
    // validator follows $refs lazily instead, which checks the same constraints.
    validator = OpenApiInteractionValidator.createForInlineApiSpecification(trimmed)
        .withResolveRefs(false).withResolveCombinators(true)
        .withLevelResolver(LevelResolver.create().withLevel("validation.request.body.schema", ValidationReport.Level.IGNORE).build())
        .build();
    formBodies = new StripeFormBodies(trimmed);
  }

  /** The validator; aborts the calling test when the spec is not available (see {@link dev.switchboard.sandbox.VendorSpecs}). */
  static synchronized StripeSpec get() throws Exception {
    if (instance == null) {
      instance = new StripeSpec(StripeSpecTrimmer.trimmed(dev.switchboard.sandbox.VendorSpecs.file(FILE), PATHS));
    }
    return instance;
  }

  /** Whether the spec is available, i.e. whether SDK tests check their traffic against it. */
  static boolean available() {
    return dev.switchboard.sandbox.VendorSpecs.has(FILE);
  }

  /** The spec path a concrete path matches, e.g. {@code /v1/customers/cus_1} → {@code /v1/customers/{customer}}. */
  static String template(String path) {
    return PATHS.stream().filter(t -> path.matches(t.replaceAll("\\{[^}]+}", "[^/]+"))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a kept spec path: " + path));
  }

  /**
   * Spec errors of one exchange (empty = conforms). {@code path} is under {@code /v1}, without the
   * emulator's {@code /stripe} prefix; {@code query} is the raw query string (or null); {@code formBody}
   * the raw request body of a POST (or null).
   */
  List<String> check(String method, String path, String query, String authorization, String formBody, int status,
      String responseContentType, String responseBody) {
    String label = method + " " + path + " -> " + status + ": ";
    SimpleRequest.Builder rb = new SimpleRequest.Builder(method, path).withAuthorization(authorization)
        // Stripe's spec gives every operation, GETs included, a form request body, so the content type is always set.
        .withContentType("application/x-www-form-urlencoded");
    List<String> errors = new ArrayList<>();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        rb.withQueryParam(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    if (formBody != null) {
      rb.withBody(formBody);
      formBodies.check(method, template(path), formBody).forEach(e -> errors.add(label + "body " + e));
    }
    SimpleResponse response = SimpleResponse.Builder.status(status)
        .withContentType(responseContentType == null ? "application/json" : responseContentType).withBody(responseBody).build();
    for (ValidationReport.Message m : validator.validate(rb.build(), response).getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        errors.add(label + m.getKey() + " " + m.getMessage() + " at "
            + m.getContext().flatMap(c -> c.getPointers().map(p -> p.getInstance())).orElse(""));
      }
    }
    return errors;
  }
}
