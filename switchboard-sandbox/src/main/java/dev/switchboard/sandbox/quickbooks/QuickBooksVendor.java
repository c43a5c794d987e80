package dev.switchboard.sandbox.quickbooks;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.control.VendorApi;
import dev.switchboard.sandbox.support.ChangeClock;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The QuickBooks Online emulator as seen by the {@code /_sandbox} controls. Reset clears every realm; seed acts on
 * one realm, named by {@code account}: its number or realm id (default realm 1; unknown → 400).
 */
@Component
class QuickBooksVendor implements VendorApi {

  private final QboSettings settings;
  private final QboRealms realms;
  private final QboGuardFilter guard;
  private final ChangeClock clock;
  private final JsonMapper json;

  QuickBooksVendor(QboSettings settings, QboRealms realms, QboGuardFilter guard, ChangeClock clock, JsonMapper json) {
    this.settings = settings;
    this.realms = realms;
    this.guard = guard;
    this.clock = clock;
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
        "message=Service Unavailable; errorCode=003003; statusCode=503", "Service is temporarily unavailable", null), clock);
  }

  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    QboGuardFilter.writeThrottled(json, res, clock);
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    QboGuardFilter.write(json, res, new QboFault(status, "SERVICE", String.valueOf(status),
        status == 404 ? "Not Found" : "Method Not Allowed", "The requested resource or method is not supported.", ""), clock);
  }

  @Override
  public synchronized void reset() {
    realms.reset();
    settings.reset();
    guard.reset();
  }

  /** {@code contacts:N} or {@code records:[{email, firstname, lastname, phone, company}]} → Customers. */
  @Override
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    QboRealm realm = realm(request.get("account"));
    boolean notify = Boolean.TRUE.equals(request.get("fireWebhooks"));
    List<Map<String, Object>> records = dev.switchboard.sandbox.control.SeedPeople.from(request, "Customer", realm::nextSeed);
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
      ids.add(realm.store.create("Customer", c, notify).get("Id").toString());
    }
    return Map.of("vendor", name(), "account", realm.number, "realmId", realm.realmId, "created", ids.size(), "ids", ids);
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  /** Realm 1's credentials at the top level (as before there were several), then {@code accounts[]}: all realms. */
  @Override
  public Map<String, Object> credentials() {
    QboRealm first = realms.first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", "/quickbooks/v3/company");
    m.put("realmId", first.realmId);
    m.put("accessToken", first.accessToken);
    m.put("clientId", settings.clientId);
    m.put("clientSecret", settings.clientSecret);
    m.put("webhookVerifierToken", settings.verifierToken);
    m.put("oauthAuthorizeUrl", "/quickbooks/oauth2/authorize");
    m.put("oauthTokenUrl", "/quickbooks/oauth2/v1/tokens/bearer");
    m.put("oauthRevokeUrl", "/quickbooks/oauth2/v1/tokens/revoke");
    m.put("scope", "com.intuit.quickbooks.accounting");
    m.put("accounts", realms.all().stream().map(QuickBooksVendor::realm).toList());
    return m;
  }

  private static Map<String, Object> realm(QboRealm r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", r.number);
    m.put("realmId", r.realmId);
    m.put("companyName", r.companyName);
    m.put("accessToken", r.accessToken);
    return m;
  }

  private QboRealm realm(Object id) {
    return AccountRegistry.known(realms.forControl(id), "quickbooks realm", id);
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    settings.apply(patch);
    return settings.view();
  }
}
