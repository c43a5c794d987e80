package dev.switchboard.sandbox.square;

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
 * The Square emulator as seen by the {@code /_sandbox} controls. Reset clears every merchant; seed acts on one,
 * named by {@code account} (number or merchant id, default 1; unknown → 400).
 */
@Component
class SquareVendor implements VendorApi {

  private final SquareSettings settings;
  private final SquareMerchants merchants;
  private final SquareGuardFilter guard;
  private final JsonMapper json;

  SquareVendor(SquareSettings settings, SquareMerchants merchants, SquareGuardFilter guard, JsonMapper json) {
    this.settings = settings;
    this.merchants = merchants;
    this.guard = guard;
    this.json = json;
  }

  @Override
  public String name() {
    return "square";
  }

  @Override
  public String pathPrefix() {
    return "/square";
  }

  @Override
  public void writeUnavailable(HttpServletResponse res) throws IOException {
    SquareGuardFilter.write(json, res, 503, SquareException.body("API_ERROR", "SERVICE_UNAVAILABLE",
        "The service is temporarily unavailable."));
  }

  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    SquareGuardFilter.write(json, res, 429, SquareGuardFilter.rateLimited());
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    SquareGuardFilter.write(json, res, status, status == 404
        ? SquareException.body("INVALID_REQUEST_ERROR", "NOT_FOUND", "Resource not found.")
        : SquareException.body("INVALID_REQUEST_ERROR", "METHOD_NOT_ALLOWED", "Method not allowed for this resource."));
  }

  @Override
  public synchronized void reset() {
    merchants.reset();
    guard.limiter.reset();
    settings.reset();
  }

  /** Seeds customers ({@code customer.created} only with {@code fireWebhooks:true}); records use HubSpot-ish keys: email, firstname, lastname, phone, company. */
  @Override
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    SquareMerchant merchant = AccountRegistry.known(merchants.forControl(request.get("account")), "square account", request.get("account"));
    boolean fire = Boolean.TRUE.equals(request.get("fireWebhooks"));
    List<Map<String, Object>> records = dev.switchboard.sandbox.control.SeedPeople.from(request, "Customer",
        merchant::nextSeed);
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> r : records) {
      Map<String, Object> c = new LinkedHashMap<>();
      put(c, "email_address", r.get("email"));
      put(c, "given_name", r.get("firstname"));
      put(c, "family_name", r.get("lastname"));
      put(c, "phone_number", r.get("phone"));
      put(c, "company_name", r.get("company"));
      ids.add((String) merchant.customers.create(c, null, fire).get("id"));
    }
    return Map.of("vendor", name(), "account", merchant.number, "merchantId", merchant.merchantId,
        "created", ids.size(), "ids", ids);
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  /** Merchant 1's credentials at the top level (as before there were several), then {@code accounts[]}: all. */
  @Override
  public Map<String, Object> credentials() {
    SquareMerchant first = merchants.first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("accessToken", first.accessToken);
    m.put("merchantId", first.merchantId);
    m.put("locationId", first.locationId);
    m.put("squareVersion", SquareSettings.DEFAULT_VERSION);
    m.put("clientId", settings.clientId);
    m.put("clientSecret", settings.clientSecret);
    m.put("oauthAuthorizeUrl", "/square/oauth2/authorize");
    m.put("oauthTokenUrl", "/square/oauth2/token");
    m.put("accounts", merchants.all().stream().map(SquareVendor::account).toList());
    return m;
  }

  private static Map<String, Object> account(SquareMerchant s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", s.number);
    m.put("accessToken", s.accessToken);
    m.put("merchantId", s.merchantId);
    m.put("locationId", s.locationId);
    m.put("businessName", s.businessName);
    return m;
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("rateLimitPer10s") instanceof Number n) {
      settings.rateLimitPer10s = n.intValue();
    }
    return Map.of("vendor", name(), "rateLimitPer10s", settings.rateLimitPer10s);
  }
}
