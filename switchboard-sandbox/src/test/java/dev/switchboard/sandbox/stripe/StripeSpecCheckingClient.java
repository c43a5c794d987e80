package dev.switchboard.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * stripe-java's own HTTP client, with every exchange it makes (retries included) checked against
 * Stripe's spec by {@link StripeSpec}. Tests plug it in with {@code StripeClient.builder().setHttpClient}
 * and call {@link #assertConforms()} at the end, so the SDK tests double as conformance tests. Without the
 * spec (a fresh clone, see {@link dev.switchboard.sandbox.VendorSpecs}) nothing is checked and the SDK tests
 * still run.
 */
final class StripeSpecCheckingClient extends HttpClient {

  private final HttpURLConnectionClient delegate = new HttpURLConnectionClient();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private int checked;

  @Override
  public StripeResponse request(StripeRequest request) throws StripeException {
    StripeResponse response = delegate.request(request);
    if (!StripeSpec.available()) {
      return response;
    }
    String path = request.url().getPath();
    String body = request.content() == null ? null : new String(request.content().byteArrayContent(), StandardCharsets.UTF_8);
    try {
      problems.addAll(StripeSpec.get().check(request.method().name(), path.substring(path.indexOf("/v1/")), request.url().getQuery(),
          request.headers().firstValue("Authorization").orElse(null), body, response.code(),
          response.headers().firstValue("Content-Type").orElse(null), response.body()));
    } catch (Exception e) {
      problems.add(request.method() + " " + path + ": could not be checked: " + e);
    }
    synchronized (this) {
      checked++;
    }
    return response;
  }

  /**
   * Fails unless exchanges were checked and none violated the spec. Passes without checking anything when the
   * spec is not available (and not required): the SDK tests' own assertions are then all that ran.
   */
  void assertConforms() {
    if (!StripeSpec.available()) {
      return;
    }
    assertThat(checked()).as("SDK exchanges checked against the spec").isPositive();
    assertThat(problems()).as("spec violations in the SDK's traffic").isEmpty();
  }

  /** Spec violations seen so far. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** Exchanges checked so far. */
  synchronized int checked() {
    return checked;
  }
}
