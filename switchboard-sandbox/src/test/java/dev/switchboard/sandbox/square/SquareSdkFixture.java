package dev.switchboard.sandbox.square;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.squareup.square.SquareClient;
import com.squareup.square.core.Environment;
import com.squareup.square.types.CreateCustomerRequest;
import com.squareup.square.types.Customer;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One sandbox per test class, reached through Square's official Java SDK with only the base URL changed
 * ({@code Environment.custom(base + "/square")}). Test classes run one after another (no parallel execution).
 */
abstract class SquareSdkFixture {

  static final String TOKEN = "EAAAsandbox-square-token";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.base-backoff-ms", "20")).withReceiver();
  static final Http ctl = sandbox.ctl();
  static final WebhookReceiver receiver = sandbox.receiver();
  static SquareClient square;
  /**
   * Built once per JVM: parsing the spec is the slow part. Null without the spec (a fresh clone, see
   * {@link dev.switchboard.sandbox.VendorSpecs}): the SDK tests then run without checking their traffic.
   */
  static SpecCheckingInterceptor specCheck;
  static OpenAPI spec;

  @BeforeAll
  static void start() throws Exception {
    if (specCheck == null && SquareSpec.available()) {
      spec = SquareSpec.load(SquareSpecConformanceTest.EMULATED);
      specCheck = new SpecCheckingInterceptor(OpenApiInteractionValidator.createFor(spec).build());
    }
    square = client(TOKEN);
  }

  static Customer create(String given, String email) {
    return square.customers().create(CreateCustomerRequest.builder().idempotencyKey(UUID.randomUUID().toString())
        .givenName(given).familyName("Tester").emailAddress(email).phoneNumber("+1 555 010 0000").build())
        .getCustomer().orElseThrow();
  }

  /** An SDK client whose every call is also checked against Square's OpenAPI document (when it is available). */
  static SquareClient client(String token) {
    OkHttpClient.Builder http = new OkHttpClient.Builder();
    if (specCheck != null) {
      http.addInterceptor(specCheck);
    }
    return SquareClient.builder().token(token).environment(Environment.custom(sandbox.baseUrl() + "/square")).maxRetries(0)
        .httpClient(http.build()).build();
  }

  /** Asserts every webhook body received so far matches Square's schema for its event type. */
  static void webhooksMatchTheSpec() {
    assertThat(receiver.posts()).isNotEmpty();
    if (spec == null) {
      return;
    }
    receiver.posts().forEach(r -> assertThat(SquareSpec.eventProblems(spec, r.body())).as(r.body()).isEmpty());
    // the check is not vacuous: a wrongly typed field is caught
    assertThat(SquareSpec.eventProblems(spec, "{\"type\":\"customer.updated\",\"merchant_id\":1,"
        + "\"data\":{\"type\":\"customer\",\"id\":\"x\",\"object\":{\"customer\":{\"version\":\"one\"}}}}")).hasSizeGreaterThanOrEqualTo(2);
  }

  @AfterEach
  void sdkTrafficMatchesTheSpec() {
    if (specCheck == null) {
      return;
    }
    List<String> problems = List.copyOf(specCheck.problems);
    specCheck.problems.clear();
    assertThat(specCheck.checked).as("SDK calls checked against the spec").isNotEmpty();
    assertThat(problems).as("spec violations in SDK traffic").isEmpty();
  }
}
