package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Mailchimp audience members, changed through the Marketing API; seeding and faults through the sandbox. Webhooks
 * are registered through the connector itself: Mailchimp has an API for them and that registration is part of what
 * the binding promises.
 */
final class MailchimpFixture implements VendorFixture {
  static final Map<String, String> MERGE = Map.of(ContactField.FIRST_NAME, "FNAME", ContactField.LAST_NAME, "LNAME",
      ContactField.PHONE, "PHONE", ContactField.COMPANY, "COMPANY");

  private final RestClient api;
  private final String listId;
  private final int account;
  private final boolean sandboxed;
  private final Connector connector;

  MailchimpFixture(String baseUrl, String apiKey, String listId, int account, boolean sandboxed, Connector connector) {
    this.api = RestClient.builder().baseUrl(baseUrl).defaultHeaders(h -> h.setBasicAuth("tck", apiKey)).build();
    this.listId = listId;
    this.account = account;
    this.sandboxed = sandboxed;
    this.connector = connector;
  }

  @Override
  public String vendor() {
    return "mailchimp";
  }

  @Override
  public boolean sandboxed() {
    return sandboxed;
  }

  @Override
  public void reset() {
    if (sandboxed) {
      TckSandbox.reset("mailchimp");
    }
  }

  private static Map<String, Object> member(Map<String, String> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> merges = new LinkedHashMap<>();
    fields.forEach((k, v) -> {
      if (k.equals(ContactField.EMAIL)) {
        body.put("email_address", v);
      } else {
        merges.put(MERGE.getOrDefault(k, k), v);
      }
    });
    if (!merges.isEmpty()) {
      body.put("merge_fields", merges);
    }
    return body;
  }

  @Override
  @SuppressWarnings("unchecked")
  public String create(Map<String, String> fields) {
    Map<String, Object> body = new LinkedHashMap<>(member(fields));
    body.put("status", "subscribed");
    Map<String, Object> r = api.post().uri("/lists/{l}/members", listId).contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().body(Map.class);
    return String.valueOf(r.get("id"));
  }

  @Override
  public void modify(String externalId, Map<String, String> fields) {
    api.patch().uri("/lists/{l}/members/{h}", listId, externalId).contentType(MediaType.APPLICATION_JSON)
        .body(member(fields)).retrieve().toBodilessEntity();
  }

  /** Archives the member (Mailchimp's DELETE; {@code delete-permanent} would forget the address for good). */
  @Override
  public void delete(String externalId) {
    api.delete().uri("/lists/{l}/members/{h}", listId, externalId).retrieve().toBodilessEntity();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> seed(int count) {
    Map<String, Object> r = TckSandbox.seed(Map.of("vendor", "mailchimp", "account", account, "contacts", count));
    return new ArrayList<>((List<String>) r.get("ids"));
  }

  /** An address Mailchimp does not accept ("Invalid Resource" for that member alone). */
  @Override
  public CanonicalRecord refusedRecord(String email) {
    return CanonicalRecord.contact(Map.of(ContactField.EMAIL, email.replace("@", "-at-"),
        ContactField.MARKETING_STATUS, "subscribed"));
  }

  @Override
  public void rateLimitStorm() {
    TckSandbox.faults(Map.of("vendor", "mailchimp", "rateLimitStorm", true));
  }

  @Override
  public void outage() {
    TckSandbox.faults(Map.of("vendor", "mailchimp", "outage", true));
  }

  @Override
  public void clearFaults() {
    TckSandbox.clearFaults("mailchimp");
  }

  @Override
  public long vendorCalls() {
    return TckSandbox.calls("mailchimp");
  }

  @Override
  public String subscribeWebhooks(ConnectionContext connection, String callbackUrl) {
    String url = callbackUrl + "?secret=" + connection.credential("webhookSecret");
    connector.registerWebhook(connection, url);
    return url;
  }

  /** The delivery replayed to a guessed secret: Mailchimp signs nothing, the URL's secret is the proof. */
  @Override
  public WebhookRequest forged(WebhookRequest genuine) {
    String uri = genuine.uri().replaceAll("secret=[^&]*", "secret=guessed");
    Map<String, String> query = new LinkedHashMap<>(genuine.query());
    query.put("secret", "guessed");
    return new WebhookRequest(genuine.method(), uri, genuine.headers(), query, genuine.body());
  }

  @Override
  public byte[] malformedBody() {
    return "{\"type\":\"subscribe\"}".getBytes(StandardCharsets.UTF_8);
  }
}
