package dev.switchboard.sandbox.stripe;

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
 * and assert {@link #problems()} is empty at the end, so the SDK tests double as conformance tests.
 */
final class StripeSpecCheckingClient extends HttpClient {

  private final HttpURLConnectionClient delegate = new HttpURLConnectionClient();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private int checked;

  @Override
  public StripeResponse request(StripeRequest request) throws StripeException {
    StripeResponse response = delegate.request(request);
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

  /** Spec violations seen so far. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** Exchanges checked so far. */
  synchronized int checked() {
    return checked;
  }
}
