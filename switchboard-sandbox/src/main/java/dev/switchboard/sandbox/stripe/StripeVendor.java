package dev.switchboard.sandbox.stripe;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.control.VendorApi;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Stripe emulator ({@code /stripe/v1/...}) as seen by the {@code /_sandbox} controls. Reset clears every account
 * and every Connect connection; seed acts on one account, named by number or id (default the platform).
 */
@Component
class StripeVendor implements VendorApi {

  private final StripeSettings settings;
  private final StripeAccounts accounts;
  private final StripeStore store;
  private final StripeGuardFilter guard;
  private final StripeIdempotency idempotency;
  private final StripeConnect connect;
  private final StripeCustomersController customers;
  private final JsonMapper json;

  StripeVendor(StripeSettings settings, StripeAccounts accounts, StripeStore store, StripeGuardFilter guard,
      StripeIdempotency idempotency, StripeConnect connect, StripeCustomersController customers, JsonMapper json) {
    this.connect = connect;
    this.settings = settings;
    this.accounts = accounts;
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
    accounts.reset();
    guard.reset();
    idempotency.reset();
    connect.reset();
    settings.reset();
  }

  /**
   * {@code {vendor:"stripe", account?, customers:N}} creates N customers in the account (its number or id, default the
   * platform; unknown → 400), recording customer.created events there.
   */
  @Override
  public Map<String, Object> seed(Map<String, Object> request) {
    StripeAccount account = AccountRegistry.known(accounts.forControl(request.get("account")), "stripe account", request.get("account"));
    int n = request.get("customers") instanceof Number num ? num.intValue() : 0;
    List<String> ids = store.as(account, () -> {
      List<String> created = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        String nr = String.format("%04d", store.all("customer", c -> true).size() + 1);
        created.add((String) customers.createFrom("email=seed-" + nr + "%40example.com&name=Seed+Customer+" + nr).get("id"));
      }
      return created;
    });
    return Map.of("vendor", name(), "account", account.id, "created", ids.size(), "ids", ids);
  }

  /** Account 1's (the platform's) credentials at the top level, as before there were several; all in {@code accounts}. */
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
    m.put("accounts", accounts.all().stream().map(this::account).toList());
    return m;
  }

  private Map<String, Object> account(StripeAccount a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", a.number);
    m.put("id", a.id);
    m.put("apiKey", a.secretKey);
    m.put("publishableKey", a.publishableKey);
    m.put("platform", a.isPlatform());
    m.put("connected", connect.isConnected(a.id));
    return m;
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    return settings.configure(patch);
  }
}
