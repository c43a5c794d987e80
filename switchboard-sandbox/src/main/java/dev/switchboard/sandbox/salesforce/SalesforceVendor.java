package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.support.AccountRegistry;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Salesforce emulator as seen by the {@code /_sandbox} controls, plus its UI-edit simulation. Reset clears every
 * org; seed and UI edits act on one org, named by {@code account}: its number or org id (default 1; unknown → 400).
 */
@RestController
class SalesforceVendor implements VendorApi {

  private final SalesforceSettings settings;
  private final SalesforceOrgs orgs;
  private final JsonMapper json;
  private int seeded;

  SalesforceVendor(SalesforceSettings settings, SalesforceOrgs orgs, JsonMapper json) {
    this.settings = settings;
    this.orgs = orgs;
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
    orgs.reset();
    settings.reset();
    seeded = 0;
  }

  /** Seeds Contacts from the shared seed people (email, firstname, lastname, phone); company is not mapped. */
  @Override
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    SalesforceOrg org = org(request.get("account"));
    List<String> ids = new ArrayList<>();
    SalesforceSchema.SObject contact = SalesforceSchema.type("Contact");
    for (Map<String, Object> p : SeedPeople.from(request, "Contact", () -> ++seeded)) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("FirstName", p.get("firstname"));
      r.put("LastName", p.get("lastname") == null ? "Unknown" : p.get("lastname"));
      r.put("Email", p.get("email"));
      r.put("Phone", p.get("phone"));
      ids.add(org.store.create(contact, r, org.userId).get("Id").toString());
    }
    return Map.of("vendor", name(), "account", org.number, "orgId", org.orgId, "created", ids.size(), "ids", ids);
  }

  /** Org 1's credentials at the top level (as before there were several), then {@code accounts[]}: all of them. */
  @Override
  public Map<String, Object> credentials() {
    SalesforceOrg first = orgs.first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("instanceUrlPath", "/salesforce");
    m.put("apiVersion", "v62.0");
    m.put("clientId", settings.clientId);
    m.put("clientSecret", settings.clientSecret);
    m.put("accessToken", first.staticToken);
    m.put("oauthAuthorizeUrl", "/salesforce/services/oauth2/authorize");
    m.put("oauthTokenUrl", "/salesforce/services/oauth2/token");
    m.put("externalIdField", "Switchboard_Id__c");
    m.put("orgId", first.orgId);
    m.put("accounts", orgs.all().stream().map(SalesforceVendor::org).toList());
    return m;
  }

  private static Map<String, Object> org(SalesforceOrg o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", o.number);
    m.put("orgId", o.orgId);
    m.put("userId", o.userId);
    m.put("username", o.username);
    m.put("accessToken", o.staticToken);
    return m;
  }

  private SalesforceOrg org(Object id) {
    return AccountRegistry.known(orgs.forControl(id), "salesforce account", id);
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

  /**
   * Simulates a user of org {@code ?account=} (default 1) editing the record in the Salesforce UI: applies the fields,
   * bumps LastModifiedDate.
   */
  @PostMapping("/salesforce/_sandbox/{type}/{id}/ui-edit")
  Map<String, Object> uiEdit(@PathVariable String type, @PathVariable String id,
      @RequestParam(required = false) String account, @RequestBody(required = false) Map<String, Object> body) {
    SalesforceSchema.SObject t = SalesforceSchema.type(type);
    SalesforceOrg org = org(account);
    SalesforceStore store = org.store;
    synchronized (store) {
      Map<String, Object> r = store.update(t, id, body == null ? Map.of() : body, org.uiUserId);
      return SalesforceRecords.render(t, r, null, "v62.0");
    }
  }
}
