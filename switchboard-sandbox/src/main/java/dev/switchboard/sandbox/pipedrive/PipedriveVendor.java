package dev.switchboard.sandbox.pipedrive;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.control.SeedPeople;
import dev.switchboard.sandbox.control.VendorApi;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The Pipedrive emulator as seen by the {@code /_sandbox} controls, plus its UI-edit simulation. Reset clears every
 * company; seed and UI edits act on one company, named by {@code account}: its number, company id or api_token
 * (default 1; unknown → 400).
 */
@RestController
class PipedriveVendor implements VendorApi {

  private final PipedriveSettings settings;
  private final PipedriveCompanies companies;
  private final PipedriveGuardFilter guard;
  private final JsonMapper json;

  PipedriveVendor(PipedriveSettings settings, PipedriveCompanies companies, PipedriveGuardFilter guard, JsonMapper json) {
    this.settings = settings;
    this.companies = companies;
    this.guard = guard;
    this.json = json;
  }

  @Override
  public String name() {
    return "pipedrive";
  }

  @Override
  public String pathPrefix() {
    return "/pipedrive";
  }

  @Override
  public void writeUnavailable(HttpServletResponse res) throws IOException {
    PipedriveGuardFilter.write(json, res, 503, "Service Unavailable");
  }

  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    res.setHeader("x-ratelimit-remaining", "0");
    PipedriveGuardFilter.write(json, res, 429, "Request over limit");
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    PipedriveGuardFilter.write(json, res, status, status == 404 ? "Unknown method ." : "Method not allowed");
  }

  @Override
  public synchronized void reset() {
    companies.reset();
    settings.reset();
    guard.reset();
  }

  /**
   * Seeds persons from {@code records}/{@code contacts} ({@code company} becomes an organization, found or
   * created by name). Webhooks fire only with {@code fireWebhooks: true}.
   */
  @Override
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    PipedriveCompany company = company(request.get("account"));
    PipedriveStore store = company.store;
    boolean fire = Boolean.TRUE.equals(request.get("fireWebhooks"));
    List<Map<String, Object>> records = SeedPeople.from(request, "Person", company::nextSeed);
    Map<String, Long> orgs = new HashMap<>();
    store.all("organization").forEach(o -> orgs.put(String.valueOf(o.fields.get("name")), o.id));
    List<String> ids = new ArrayList<>();
    Runnable seedAll = () -> {
      for (Map<String, Object> r : records) {
        Map<String, Object> body = new LinkedHashMap<>();
        String first = r.get("firstname") instanceof String f ? f : "";
        String last = r.get("lastname") instanceof String l ? l : "";
        String name = (first + " " + last).trim();
        body.put("name", name.isEmpty() ? String.valueOf(r.get("email")) : name);
        if (r.get("email") instanceof String e) {
          body.put("emails", List.of(Map.of("value", e, "primary", true, "label", "work")));
        }
        if (r.get("phone") instanceof String p) {
          body.put("phones", List.of(Map.of("value", p, "primary", true, "label", "work")));
        }
        if (r.get("company") instanceof String c && !c.isBlank()) {
          body.put("org_id", orgs.computeIfAbsent(c, k -> store.create("organization", Map.of("name", k), "app").id));
        }
        ids.add(Long.toString(store.create("person", body, "app").id));
      }
    };
    if (fire) {
      seedAll.run();
    } else {
      company.webhooks.muted(seedAll);
    }
    return Map.of("vendor", name(), "account", company.number, "companyId", company.companyId, "created", ids.size(),
        "ids", ids);
  }

  /** Company 1's credentials at the top level (as before there were several), then {@code accounts[]}: all of them. */
  @Override
  public Map<String, Object> credentials() {
    PipedriveCompany first = companies.first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("apiBaseV1", pathPrefix() + "/api/v1");
    m.put("apiBaseV2", pathPrefix() + "/api/v2");
    m.put("apiToken", first.apiToken);
    m.put("clientId", settings.clientId);
    m.put("clientSecret", settings.clientSecret);
    m.put("oauthAuthorizeUrl", pathPrefix() + "/oauth/authorize");
    m.put("oauthTokenUrl", pathPrefix() + "/oauth/token");
    m.put("userId", first.userId);
    m.put("companyId", first.companyId);
    m.put("accounts", companies.all().stream().map(PipedriveVendor::company).toList());
    return m;
  }

  private static Map<String, Object> company(PipedriveCompany c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", c.number);
    m.put("apiToken", c.apiToken);
    m.put("companyId", c.companyId);
    m.put("companyName", c.companyName);
    m.put("companyDomain", c.domain);
    m.put("userId", c.userId);
    m.put("userEmail", c.userEmail);
    return m;
  }

  private PipedriveCompany company(Object id) {
    return AccountRegistry.known(companies.forControl(id), "pipedrive account", id);
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    return settings.configure(patch);
  }

  /**
   * Simulates a user of company {@code ?account=} (default 1) editing an object in Pipedrive's web app: webhooks fire
   * with {@code change_source: "app"}.
   */
  @PostMapping({"/pipedrive/_sandbox/{collection:persons|organizations|deals|activities}/{id}/ui-edit",
      "/_sandbox/pipedrive/{collection:persons|organizations|deals|activities}/{id}/ui-edit"})
  Map<String, Object> uiEdit(@PathVariable String collection, @PathVariable long id,
      @RequestParam(required = false) String account, @RequestBody Map<String, Object> body) {
    return PipedriveEnvelope.ok(company(account).store.update(PipedriveTypes.ofPath(collection), id, body, "app").render());
  }
}
