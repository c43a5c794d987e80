package dev.switchboard.sandbox.mailchimp;

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
 * The Mailchimp emulator as seen by the {@code /_sandbox} controls, plus its UI-edit and bounce simulations. Reset
 * clears every account; seed and the simulations act on one account, named by number or API key (default 1).
 */
@RestController
class MailchimpVendor implements VendorApi {

  private final MailchimpSettings settings;
  private final MailchimpAccounts accounts;
  private final JsonMapper json;
  private final MailchimpOAuthController oauth;

  MailchimpVendor(MailchimpSettings settings, MailchimpAccounts accounts, JsonMapper json,
      MailchimpOAuthController oauth) {
    this.settings = settings;
    this.accounts = accounts;
    this.json = json;
    this.oauth = oauth;
  }

  @Override
  public String name() {
    return "mailchimp";
  }

  @Override
  public String pathPrefix() {
    return "/mailchimp/3.0";
  }

  @Override
  public void writeUnavailable(HttpServletResponse res) throws IOException {
    MailchimpGuardFilter.write(json, res, 503, MailchimpException.body(503, "Service Unavailable",
        "This service is temporarily unavailable. Please try again later."));
  }

  @Override
  public void writeNotFound(HttpServletResponse res, int status) throws IOException {
    MailchimpGuardFilter.write(json, res, status, status == 404
        ? MailchimpException.body(404, "Resource Not Found", "The requested resource could not be found.")
        : MailchimpException.body(405, "Method Not Allowed", "The requested method and resource are not compatible."));
  }

  @Override
  public void writeRateLimited(HttpServletResponse res) throws IOException {
    MailchimpGuardFilter.write(json, res, 429, MailchimpException.body(429, "Too Many Requests",
        "You have exceeded the limit of " + settings.maxConnections + " simultaneous connections."));
  }

  @Override
  public synchronized void reset() {
    accounts.reset();
    settings.reset();
  }

  /**
   * Records use HubSpot-ish keys: email, firstname, lastname, phone, company (status "subscribed"). {@code account}
   * (optional): the account's number or API key, default 1; unknown → 400.
   */
  @Override
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    MailchimpAccount account = account(request.get("account"));
    Audience audience = account.audience;
    String source = Boolean.TRUE.equals(request.get("fireWebhooks")) ? "api" : null;
    List<Map<String, Object>> records = SeedPeople.from(request, "Member", account::nextSeed);
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> r : records) {
      Map<String, Object> merges = new LinkedHashMap<>();
      put(merges, "FNAME", r.get("firstname"));
      put(merges, "LNAME", r.get("lastname"));
      put(merges, "PHONE", r.get("phone"));
      put(merges, "COMPANY", r.get("company"));
      String status = r.get("status") == null ? "subscribed" : r.get("status").toString();
      ids.add(audience.create(String.valueOf(r.get("email")), status, merges, source).hash());
    }
    return Map.of("vendor", name(), "account", account.number, "listId", account.listId, "created", ids.size(),
        "ids", ids);
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  /** Account 1's credentials at the top level (as before there were several), then {@code accounts[]}: all of them. */
  @Override
  public Map<String, Object> credentials() {
    MailchimpAccount first = accounts.first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basePath", pathPrefix());
    m.put("apiKey", first.apiKey);
    m.put("dc", settings.dc);
    m.put("listId", first.listId);
    m.put("clientId", oauth.clientId());
    m.put("clientSecret", oauth.clientSecret());
    m.put("oauthAuthorizeUrl", "/mailchimp/oauth2/authorize");
    m.put("oauthTokenUrl", "/mailchimp/oauth2/token");
    m.put("oauthMetadataUrl", "/mailchimp/oauth2/metadata");
    m.put("accounts", accounts.all().stream().map(MailchimpVendor::account).toList());
    return m;
  }

  private static Map<String, Object> account(MailchimpAccount a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", a.number);
    m.put("apiKey", a.apiKey);
    m.put("listId", a.listId);
    m.put("listName", a.listName);
    m.put("accountName", a.accountName);
    m.put("userId", a.userId);
    m.put("loginEmail", a.loginEmail);
    return m;
  }

  private MailchimpAccount account(Object id) {
    return AccountRegistry.known(accounts.forControl(id), "mailchimp account", id);
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("maxConnections") instanceof Number n) {
      settings.maxConnections = n.intValue();
    }
    return Map.of("vendor", name(), "maxConnections", settings.maxConnections);
  }

  /** Simulates an admin of {@code ?account=} editing the member in Mailchimp's UI (webhooks for source "admin"). */
  @PostMapping("/_sandbox/mailchimp/members/{email}/ui-edit")
  Map<String, Object> uiEdit(@PathVariable String email, @RequestParam(required = false) String account,
      @RequestBody Map<String, Object> body) {
    MailchimpAccount a = account(account);
    a.audience.get(email);
    String newEmail = body.get("email_address") == null ? null : Audience.validEmail(body.get("email_address"));
    Member m = a.audience.upsert(email, newEmail, (String) body.get("status"), null, MembersController.merges(body),
        "admin");
    return MemberJson.render(m, a.listId);
  }

  /**
   * Simulates a campaign bouncing ({@code reason} "hard", the default) or being reported ("abuse"): the member is
   * cleaned and {@code cleaned} goes to every webhook with that event on, whatever its sources (an assumption).
   * Body (optional): {@code {reason, campaign_id}}; {@code ?account=} as for seed.
   */
  @PostMapping("/_sandbox/mailchimp/members/{email}/bounce")
  Map<String, Object> bounce(@PathVariable String email, @RequestParam(required = false) String account,
      @RequestBody(required = false) Map<String, Object> body) {
    MailchimpAccount a = account(account);
    Map<String, Object> b = body == null ? Map.of() : body;
    String reason = String.valueOf(b.getOrDefault("reason", "hard"));
    if (!reason.equals("hard") && !reason.equals("abuse")) {
      throw MailchimpException.invalid("reason", "Must be hard or abuse", "The resource submitted could not be validated.");
    }
    String campaign = String.valueOf(b.getOrDefault("campaign_id", "sandboxcmp1"));
    return MemberJson.render(a.audience.bounce(email, reason, campaign), a.listId);
  }
}
