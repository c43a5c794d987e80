package dev.switchboard.sandbox.mailchimp;

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

/** The Mailchimp emulator as seen by the {@code /_sandbox} controls, plus its UI-edit simulation. */
@RestController
class MailchimpVendor implements VendorApi {

  private final MailchimpSettings settings;
  private final Audience audience;
  private final MailchimpWebhookRegistry webhooks;
  private final JsonMapper json;
  private final MailchimpOAuthController oauth;
  private int seeded;

  MailchimpVendor(MailchimpSettings settings, Audience audience, MailchimpWebhookRegistry webhooks, JsonMapper json,
      MailchimpOAuthController oauth) {
    this.settings = settings;
    this.audience = audience;
    this.webhooks = webhooks;
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
    audience.reset();
    webhooks.reset();
    settings.reset();
    oauth.grants().reset();
    seeded = 0;
  }

  /** Records use HubSpot-ish keys: email, firstname, lastname, phone, company (status "subscribed"). */
  @Override
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> seed(Map<String, Object> request) {
    String source = Boolean.TRUE.equals(request.get("fireWebhooks")) ? "api" : null;
    List<Map<String, Object>> records = dev.switchboard.sandbox.control.SeedPeople.from(request, "Member", () -> ++seeded);
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
    m.put("basePath", pathPrefix());
    m.put("apiKey", settings.apiKey);
    m.put("dc", settings.dc);
    m.put("listId", settings.listId);
    m.put("clientId", oauth.clientId());
    m.put("clientSecret", oauth.clientSecret());
    m.put("oauthAuthorizeUrl", "/mailchimp/oauth2/authorize");
    m.put("oauthTokenUrl", "/mailchimp/oauth2/token");
    m.put("oauthMetadataUrl", "/mailchimp/oauth2/metadata");
    return m;
  }

  @Override
  public Map<String, Object> configure(Map<String, Object> patch) {
    if (patch.get("maxConnections") instanceof Number n) {
      settings.maxConnections = n.intValue();
    }
    return Map.of("vendor", name(), "maxConnections", settings.maxConnections);
  }

  /** Simulates an admin editing the member in Mailchimp's UI (webhooks for source "admin"). */
  @PostMapping("/_sandbox/mailchimp/members/{email}/ui-edit")
  Map<String, Object> uiEdit(@PathVariable String email, @RequestBody Map<String, Object> body) {
    audience.get(email);
    String newEmail = body.get("email_address") == null ? null : Audience.validEmail(body.get("email_address"));
    Member m = audience.upsert(email, newEmail, (String) body.get("status"), null, MembersController.merges(body), "admin");
    return MemberJson.render(m, settings.listId);
  }

  /**
   * Simulates a campaign bouncing ({@code reason} "hard", the default) or being reported ("abuse"): the member is
   * cleaned and {@code cleaned} goes to every webhook with that event on, whatever its sources (an assumption).
   * Body (optional): {@code {reason, campaign_id}}.
   */
  @PostMapping("/_sandbox/mailchimp/members/{email}/bounce")
  Map<String, Object> bounce(@PathVariable String email, @RequestBody(required = false) Map<String, Object> body) {
    Map<String, Object> b = body == null ? Map.of() : body;
    String reason = String.valueOf(b.getOrDefault("reason", "hard"));
    if (!reason.equals("hard") && !reason.equals("abuse")) {
      throw MailchimpException.invalid("reason", "Must be hard or abuse", "The resource submitted could not be validated.");
    }
    String campaign = String.valueOf(b.getOrDefault("campaign_id", "sandboxcmp1"));
    return MemberJson.render(audience.bounce(email, reason, campaign), settings.listId);
  }
}
