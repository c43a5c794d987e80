package dev.switchboard.sandbox.quickbooks;

import dev.switchboard.sandbox.control.VendorApi;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The QuickBooks Online emulator as seen by the {@code /_sandbox} controls. */
@Component
class QuickBooksVendor implements VendorApi {

  private final QboSettings settings;
  private final QboStore store;
  private final QboOAuthController oauth;
  private final QboGuardFilter guard;
  private final JsonMapper json;
  private int seeded;

  QuickBooksVendor(QboSettings settings, QboStore store, QboOAuthController oauth, QboGuardFilter guard, JsonMapper json) {
    this.settings = settings;
    this.store = store;
    this.oauth = oauth;
    this.guard = guard;
    this.json = json;
  }

  @Override
  public String name() {
    return "quickbooks";
  }

  @Override
  public String pathPrefix() {
    return "/quickbooks/v3";
  }

  @Override
  public void writeUnavailable(HttpServletResponse res) throws IOException {
    QboGuardFilter.write(json, res, new QboFault(503, "SERVICE", "3003",
        "message=Service Unavailable; errorCode=003003; statusCode=503", "Service is temporarily unavailable", null), store);
  }

  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    QboGuardFilter.writeThrottled(json, res, store);
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    QboGuardFilter.write(json, res, new QboFault(status, "SERVICE", String.valueOf(status),
        status == 404 ? "Not Found" : "Method Not Allowed", "The requested resource or method is not supported.", ""), store);
  }

  @Override
  public synchronized void reset() {
    store.reset();
    settings.reset();
    oauth.reset();
    guard.reset();
    seeded = 0;
  }

  /** {@code contacts:N} or {@code records:[{email, firstname, lastname, phone, company}]} → Customers. */
  @Override
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    boolean notify = Boolean.TRUE.equals(request.get("fireWebhooks"));
    List<Map<String, Object>> records = dev.switchboard.sandbox.control.SeedPeople.from(request, "Customer", () -> ++seeded);
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> r : records) {
      Map<String, Object> c = new LinkedHashMap<>();
      put(c, "GivenName", r.get("firstname"));
      put(c, "FamilyName", r.get("lastname"));
      put(c, "CompanyName", r.get("company"));
      if (r.get("email") != null) {
        c.put("PrimaryEmailAddr", Map.of("Address", r.get("email")));
      }
      if (r.get("phone") != null) {
        c.put("PrimaryPhone", Map.of("FreeFormNumber", r.get("phone")));
      }
      if (c.get("GivenName") == null && c.get("FamilyName") == null && r.get("email") != null) {
        c.put("DisplayName", r.get("email"));
      }
      ids.add(store.create("Customer", c, notify).get("Id").toString());
    }
    return Map.of("vendor", name(), "created", ids.size(), "ids", ids);
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  @Override
  public Map<String, Object> credentials() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", "/quickbooks/v3/company");
    m.put("realmId", settings.realmId);
    m.put("accessToken", settings.accessToken);
    m.put("clientId", settings.clientId);
    m.put("clientSecret", settings.clientSecret);
    m.put("webhookVerifierToken", settings.verifierToken);
    m.put("oauthAuthorizeUrl", "/quickbooks/oauth2/authorize");
    m.put("oauthTokenUrl", "/quickbooks/oauth2/v1/tokens/bearer");
    m.put("oauthRevokeUrl", "/quickbooks/oauth2/v1/tokens/revoke");
    m.put("scope", "com.intuit.quickbooks.accounting");
    return m;
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    settings.apply(patch);
    return settings.view();
  }
}
