package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.control.SeedPeople;
import dev.switchboard.sandbox.control.VendorApi;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The Salesforce emulator as seen by the {@code /_sandbox} controls, plus its UI-edit simulation. */
@RestController
class SalesforceVendor implements VendorApi {

  private final SalesforceSettings settings;
  private final SalesforceStore store;
  private final SalesforceTokens tokens;
  private final SalesforceGuardFilter guard;
  private final SalesforceQueryController queries;
  private final JsonMapper json;
  private int seeded;

  SalesforceVendor(SalesforceSettings settings, SalesforceStore store, SalesforceTokens tokens, SalesforceGuardFilter guard,
      SalesforceQueryController queries, JsonMapper json) {
    this.settings = settings;
    this.store = store;
    this.tokens = tokens;
    this.guard = guard;
    this.queries = queries;
    this.json = json;
  }

  @Override
  public String name() {
    return "salesforce";
  }

  @Override
  public String pathPrefix() {
    return "/salesforce";
  }

  @Override
  public void writeUnavailable(HttpServletResponse res) throws IOException {
    SalesforceGuardFilter.write(json, res, 503, "SERVER_UNAVAILABLE", "Server is temporarily unavailable. Please try again later.");
  }

  /** Salesforce answers call-rate exhaustion with 403 REQUEST_LIMIT_EXCEEDED, not 429. */
  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    SalesforceGuardFilter.write(json, res, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    if (status == 404) {
      SalesforceGuardFilter.write(json, res, 404, "NOT_FOUND", "The requested resource does not exist");
    } else {
      SalesforceGuardFilter.write(json, res, status, "METHOD_NOT_ALLOWED", "HTTP Method not allowed for this resource");
    }
  }

  @Override
  public synchronized void reset() {
    store.reset();
    tokens.reset();
    guard.reset();
    queries.reset();
    settings.reset();
    seeded = 0;
  }

  /** Seeds Contacts from the shared seed people (email, firstname, lastname, phone); company is not mapped. */
  @Override
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    List<String> ids = new ArrayList<>();
    SalesforceSchema.SObject contact = SalesforceSchema.type("Contact");
    for (Map<String, Object> p : SeedPeople.from(request, "Contact", () -> ++seeded)) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("FirstName", p.get("firstname"));
      r.put("LastName", p.get("lastname") == null ? "Unknown" : p.get("lastname"));
      r.put("Email", p.get("email"));
      r.put("Phone", p.get("phone"));
      ids.add(store.create(contact, r, SalesforceSObjectsController.API_USER).get("Id").toString());
    }
    return Map.of("vendor", name(), "created", ids.size(), "ids", ids);
  }

  @Override
  public Map<String, Object> credentials() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("instanceUrlPath", "/salesforce");
    m.put("apiVersion", "v62.0");
    m.put("clientId", settings.clientId);
    m.put("clientSecret", settings.clientSecret);
    m.put("accessToken", settings.staticToken);
    m.put("oauthAuthorizeUrl", "/salesforce/services/oauth2/authorize");
    m.put("oauthTokenUrl", "/salesforce/services/oauth2/token");
    m.put("externalIdField", "Switchboard_Id__c");
    return m;
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("dailyApiLimit") instanceof Number n) {
      settings.dailyApiLimit = n.intValue();
    }
    if (patch.get("sessionTimeoutSeconds") instanceof Number n) {
      settings.sessionTimeoutSeconds = n.longValue();
    }
    if (patch.get("queryBatchSize") instanceof Number n) {
      settings.queryBatchSize = n.intValue();
    }
    return Map.of("vendor", name(), "dailyApiLimit", settings.dailyApiLimit,
        "sessionTimeoutSeconds", settings.sessionTimeoutSeconds, "queryBatchSize", settings.queryBatchSize);
  }

  /** Simulates a user editing the record in the Salesforce UI: applies the fields, bumps LastModifiedDate. */
  @PostMapping("/salesforce/_sandbox/{type}/{id}/ui-edit")
  Map<String, Object> uiEdit(@PathVariable String type, @PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
    SalesforceSchema.SObject t = SalesforceSchema.type(type);
    synchronized (store) {
      Map<String, Object> r = store.update(t, id, body == null ? Map.of() : body, SalesforceStore.UI_USER);
      return SalesforceRecords.render(t, r, null, "v62.0");
    }
  }
}
