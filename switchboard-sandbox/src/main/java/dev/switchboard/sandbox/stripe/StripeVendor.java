package dev.switchboard.sandbox.stripe;

import dev.switchboard.sandbox.control.VendorApi;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The Stripe emulator ({@code /stripe/v1/...}) as seen by the {@code /_sandbox} controls. */
@Component
class StripeVendor implements VendorApi {

  private final StripeSettings settings;
  private final StripeStore store;
  private final StripeGuardFilter guard;
  private final StripeIdempotency idempotency;
  private final StripeConnect connect;
  private final StripeCustomersController customers;
  private final JsonMapper json;

  StripeVendor(StripeSettings settings, StripeStore store, StripeGuardFilter guard, StripeIdempotency idempotency,
      StripeConnect connect, StripeCustomersController customers, JsonMapper json) {
    this.connect = connect;
    this.settings = settings;
    this.store = store;
    this.guard = guard;
    this.idempotency = idempotency;
    this.customers = customers;
    this.json = json;
  }

  @Override
  public String name() {
    return "stripe";
  }

  @Override
  public String pathPrefix() {
    return "/stripe";
  }

  @Override
  public void writeUnavailable(HttpServletResponse res) throws IOException {
    res.setHeader("Stripe-Should-Retry", "true");
    StripeGuardFilter.write(json, res, 503, StripeException.body("api_error", null,
        "An unknown error occurred while processing your request. Please try again.", null));
  }

  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    StripeGuardFilter.write(json, res, 429, StripeException.body("invalid_request_error", "rate_limit",
        "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.", null));
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    StripeGuardFilter.write(json, res, status, StripeException.body("invalid_request_error", null,
        "Unrecognized request URL. Please see https://stripe.com/docs or we can help at https://support.stripe.com/.", null));
  }

  @Override
  public void reset() {
    store.reset();
    guard.reset();
    idempotency.reset();
    connect.reset();
    settings.reset();
  }

  /** {@code {vendor:"stripe", customers:N}} creates N customers (recording customer.created events). */
  @Override
  public Map<String, Object> seed(Map<String, Object> request) {
    int n = request.get("customers") instanceof Number num ? num.intValue() : 0;
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String nr = String.format("%04d", store.all("customer", c -> true).size() + 1);
      ids.add((String) customers.createFrom("email=seed-" + nr + "%40example.com&name=Seed+Customer+" + nr).get("id"));
    }
    return Map.of("vendor", name(), "created", ids.size(), "ids", ids);
  }

  @Override
  public Map<String, Object> credentials() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("apiKey", settings.apiKey);
    m.put("apiVersion", settings.apiVersion);
    m.put("accountId", settings.accountId);
    m.put("publishableKey", settings.publishableKey);
    m.put("connectClientId", settings.clientId);
    m.put("connectBase", pathPrefix() + "/connect");
    m.put("authorizeUrl", pathPrefix() + "/connect/oauth/authorize");
    m.put("tokenUrl", pathPrefix() + "/connect/oauth/token");
    return m;
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    return settings.configure(patch);
  }
}
