package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.support.Browser;
import dev.switchboard.app.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Connecting accounts from the console in a real Chromium, as an owner does: with a credential they made (HubSpot
 * private-app token, Mailchimp API key and audience id) and through the vendors' OAuth pages (the sandbox's), where
 * the sandbox-only account parameters stand in for picking the account on the vendor's page. Refused consent, a code
 * the vendor will not exchange, a callback in another session and a replayed state each end in a plain sentence and
 * no connection. Every test connects the sandbox's second HubSpot portal (1002) or Mailchimp account, and removes
 * what it connected.
 */
class ConnectBrowserTests extends E2eSupport {
  @RegisterExtension static final Browser browser = new Browser();

  @Autowired Connections connections;
  ConsolePage console;
  String base;

  @RegisterExtension
  static com.icegreen.greenmail.junit5.GreenMailExtension smtp = new com.icegreen.greenmail.junit5.GreenMailExtension(
      com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @Autowired dev.switchboard.app.connectors.AccessTokens accessTokens;
  @Autowired dev.switchboard.app.access.Users users;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    // the OAuth apps registered for this installation: the sandbox's, at its endpoints
    r.add("switchboard.oauth.hubspot.client-id", () -> "sandbox-hubspot-client-id");
    r.add("switchboard.oauth.hubspot.client-secret", () -> "sandbox-hubspot-client-secret");
    r.add("switchboard.oauth.hubspot.authorize-url", () -> sandbox.baseUrl() + "/hubspot/oauth/authorize");
    r.add("switchboard.oauth.hubspot.token-url", () -> sandbox.baseUrl() + "/hubspot/oauth/2026-03/token");
    r.add("switchboard.oauth.mailchimp.client-id", () -> "sandbox-mailchimp-client-id");
    r.add("switchboard.oauth.mailchimp.client-secret", () -> "sandbox-mailchimp-client-secret");
    r.add("switchboard.oauth.mailchimp.authorize-url", () -> sandbox.baseUrl() + "/mailchimp/oauth2/authorize");
    r.add("switchboard.oauth.mailchimp.token-url", () -> sandbox.baseUrl() + "/mailchimp/oauth2/token");
    r.add("switchboard.oauth.mailchimp.metadata-url", () -> sandbox.baseUrl() + "/mailchimp/oauth2/metadata");
  }

  @BeforeEach
  void signIn() {
    base = "http://127.0.0.1:" + appPort;
    console = new ConsolePage(browser, base).signIn();
  }

  /** Deletes every connection but the two the suite wired. */
  @AfterEach
  void removeWhatWasConnected() {
    List<String> keep = wired.stream().map(Connection::id).toList();
    for (Connection c : connections.forTenant(TENANT)) {
      if (!keep.contains(c.id())) {
        api.delete().uri("/api/connections/{id}", c.id()).retrieve().toBodilessEntity();
      }
    }
  }

  @Test
  void hubSpotAndMailchimpConnectWithCredentialsTheOwnerMadeAndAWrongKeyIsSaidPlainlyWithNothingStored() {
    browser.driver().findElement(By.id("nav-connect")).click();
    browser.awaitElement(By.cssSelector("#vendor-hubspot a")).click();
    assertThat(browser.awaitElement(By.id("steps")).getText()).contains("Private Apps").contains("pat-");
    assertThat(browser.driver().findElements(By.name("field.baseUrl"))).as("no form sets a base URL").isEmpty();
    assertThat(browser.driver().findElements(By.name("field.webhookSecret"))).isEmpty();
    fill("#connect-form", "display_name", "HubSpot two");
    fill("#connect-form", "field.accessToken", "pat-sandbox-hubspot-2");
    submit("#connect-form");
    assertThat(notice()).isEqualTo("Connected HubSpot two (account 1002); it is ACTIVE.");
    browser.open(base + "/console/connect/hubspot"); // the same portal again
    fill("#connect-form", "field.accessToken", "pat-sandbox-hubspot-2");
    submit("#connect-form");
    assertThat(browser.awaitElement(By.id("connect-error")).getText()).isEqualTo("this HubSpot account (1002) is "
        + "already connected as HubSpot two; nothing was stored");

    browser.open(base + "/console/connect/mailchimp");
    fill("#connect-form", "field.apiKey", typo(mailchimpKey(2)));
    fill("#connect-form", "field.listId", "sandboxlist2");
    int before = connections.forTenant(TENANT).size();
    submit("#connect-form");
    assertThat(browser.awaitElement(By.id("connect-error")).getText()).contains("refused these credentials");
    assertThat(connections.forTenant(TENANT)).as("nothing stored").hasSize(before);
    assertThat(browser.driver().findElement(By.name("field.apiKey")).getAttribute("value")).as("never shown back")
        .isEmpty();

    fill("#connect-form", "field.apiKey", mailchimpKey(2));
    fill("#connect-form", "field.listId", "sandboxlist2");
    submit("#connect-form");
    // a tool beside the hub is held for its first-sync plan: the owner lands on it, and nothing is written yet
    assertThat(notice()).isEqualTo(HELD_MAILCHIMP);
    assertThat(browser.driver().getCurrentUrl()).endsWith("/first-sync");
    assertThat(browser.driver().getPageSource()).doesNotContain(mailchimpKey(2));
    assertThat(connections.forTenant(TENANT)).filteredOn(c -> "1002".equals(c.accountId())
        || "sandboxlist2".equals(c.accountId())).extracting(Connection::status).containsExactly("ACTIVE", "PAUSED");
  }

  @Test
  void hubSpotAndMailchimpConnectThroughTheirSignInPages() {
    String hubspot = connectWithOAuth("hubspot", "portalId=1002", Map.of());
    assertThat(notice()).isEqualTo("Connected HubSpot (account 1002); it is ACTIVE.");
    Connection c = connections.forTenant(TENANT).stream().filter(x -> x.id().equals(hubspot)).findFirst().orElseThrow();
    Map<String, String> creds = connections.context(c).credentials();
    assertThat(creds).containsKeys("accessToken", "refreshToken", "accessTokenExpiresAt");
    assertThat(creds.get("accessToken")).doesNotStartWith("pat-"); // the OAuth grant's, not a private app's

    // no audience id to copy: the owner signs in, then picks the audience by its name on the plan page
    String mailchimp = connectWithOAuth("mailchimp", "account=2", Map.of());
    assertThat(notice()).isEqualTo("Connected Mailchimp. Choose what it syncs with below; nothing is written to it "
        + "until you press Start.");
    assertThat(connections.find(TENANT, mailchimp).orElseThrow().accountId()).as("not verified before the choice")
        .isNull();
    submit("#choose-audience");
    browser.awaitElement(By.id("audience"));
    Connection m = connections.find(TENANT, mailchimp).orElseThrow();
    assertThat(m.accountId()).isEqualTo("sandboxlist2");
    assertThat(m.webhookStatus()).isEqualTo("REGISTERED");
    assertThat(connections.context(m).credentials()).containsKey("accessToken").containsEntry("dataCenter", "us21")
        .doesNotContainKey("apiKey");
  }

  @Test
  void aRefusedConsentSaysSoInAPlainSentenceAndConnectsNothing() {
    int before = connections.forTenant(TENANT).size();
    startOAuth("hubspot", Map.of());
    followContinue("consent=deny");
    assertThat(browser.awaitElement(By.id("connect-error")).getText()).isEqualTo("You did not allow Switchboard into "
        + "HubSpot, so nothing was connected. To connect, start again and choose Allow (or Connect app) on HubSpot’s "
        + "page.");
    assertThat(connections.forTenant(TENANT)).hasSize(before);
  }

  @Test
  void aCodeTheVendorWillNotExchangeSaysSoInAPlainSentence() throws Exception {
    int before = connections.forTenant(TENANT).size();
    startOAuth("mailchimp", Map.of());
    String callback = vendorRedirect("account=2").replaceFirst("code=[^&]+", "code=not-a-code");
    browser.open(callback);
    assertThat(browser.awaitElement(By.id("connect-error")).getText()).startsWith("Mailchimp did not accept the "
        + "sign-in when Switchboard finished it, so nothing was connected.");
    assertThat(connections.forTenant(TENANT)).hasSize(before);
  }

  @Test
  void aCallbackInAnotherSessionAndAReplayedStateAreRefused() throws Exception {
    int before = connections.forTenant(TENANT).size();
    startOAuth("hubspot", Map.of());
    String callback = vendorRedirect("portalId=1002");
    console.signIn(); // signs out first: a new session of the same user
    browser.open(callback);
    assertThat(browser.awaitElement(By.id("connect-error")).getText()).startsWith("This sign-in was not started in "
        + "this browser session, or it has already been used.");
    assertThat(connections.forTenant(TENANT)).hasSize(before);

    startOAuth("hubspot", Map.of());
    callback = vendorRedirect("portalId=1002");
    browser.open(callback);
    assertThat(notice()).isEqualTo("Connected HubSpot (account 1002); it is ACTIVE.");
    browser.open(callback); // the same state (and code) again
    assertThat(browser.awaitElement(By.id("connect-error")).getText()).startsWith("This sign-in was not started in "
        + "this browser session, or it has already been used.");
    assertThat(connections.forTenant(TENANT)).hasSize(before + 1);
  }

  @Test
  void aRefusedRefreshNeedsReconnectingMailsTheOwnerAndReconnectingKeepsTheConnectionButNotAnotherAccount()
      throws Exception {
    users.setEmail(ConsolePage.ADMIN, "owner@example.com");
    String id = connectWithOAuth("hubspot", "portalId=1002", Map.of());
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.sql(
        "select count(*) from sync_cursor where connection_id = ? and backfill_status = 'DONE'").param(id)
        .query(Long.class).single() == connectorRegistry.get("hubspot").vendorTypes().size());
    String cursors = cursors(id);
    Connection c = connections.find(TENANT, id).orElseThrow();
    Map<String, String> creds = new java.util.LinkedHashMap<>(connections.context(c).credentials());
    String revoked = creds.get("refreshToken");
    // HubSpot withdraws the grant (the app was uninstalled) ...
    assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
        + "/hubspot/oauth/v1/refresh-tokens/" + revoked)).DELETE().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode()).isEqualTo(204);
    // ... and the access token's half hour is over
    creds.put("accessTokenExpiresAt", String.valueOf(System.currentTimeMillis() - 1));
    connections.updateCredentials(TENANT, id, creds);

    // the next call for the connection asks HubSpot for a new token and is refused
    var failure = org.assertj.core.api.Assertions.catchThrowableOfType(
        dev.switchboard.app.connectors.VendorException.class,
        () -> accessTokens.accessToken(connections.context(connections.find(TENANT, id).orElseThrow())));
    assertThat(failure.status()).isEqualTo(401);
    assertThat(failure.retryable()).isFalse();
    assertThat(connections.find(TENANT, id).orElseThrow().status()).isEqualTo("NEEDS_RECONNECTING");
    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    var mail = smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1];
    assertThat(mail.getSubject()).isEqualTo("[Switchboard] HubSpot needs reconnecting");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("owner@example.com");

    browser.open(base + "/");
    assertThat(console.connectionStatus(id)).isEqualTo("NEEDS_RECONNECTING");
    console.clickConnectionAction(id, "reconnect");
    browser.awaitElement(By.id("continue"));
    followContinue("portalId=1001"); // another portal than the connection's
    assertThat(browser.awaitElement(By.id("connect-error")).getText()).startsWith("You signed in to another HubSpot "
        + "account than this connection's. Nothing was changed");
    assertThat(connections.find(TENANT, id).orElseThrow().status()).isEqualTo("NEEDS_RECONNECTING");

    browser.open(base + "/");
    assertThat(browser.awaitElement(By.id("attention-reconnect-" + id)).getText()).startsWith("HubSpot needs you to "
        + "sign in to it again: its access was withdrawn or has lapsed. Its changes wait; nothing is lost. Who fixes "
        + "it: You.");
    browser.driver().findElement(By.cssSelector("#attention-reconnect-" + id + " button.act")).click();
    browser.awaitElement(By.id("continue"));
    followContinue("portalId=1002");
    assertThat(notice()).isEqualTo("Reconnected HubSpot; it is ACTIVE.");
    Connection after = connections.find(TENANT, id).orElseThrow();
    assertThat(after.accountId()).isEqualTo("1002");
    assertThat(connections.context(after).credentials().get("refreshToken")).isNotEqualTo(revoked);
    assertThat(cursors(id)).as("its cursors are kept").isEqualTo(cursors);
    assertThat(accessTokens.accessToken(connections.context(after))).isNotBlank();

    // a grant refused on a call (not on a refresh) is renewed by signing in again too, where sign-in is offered
    connections.markCredentialsRejected(TENANT, id, "hubspot answered 401");
    browser.open(base + "/");
    assertThat(browser.awaitElement(By.id("attention-credentials-" + id)).getText()).startsWith("HubSpot refused its "
        + "credentials: sign in to it again to renew them.");
    assertThat(browser.driver().findElement(By.cssSelector("#attention-credentials-" + id + " button.act")).getText())
        .isEqualTo("Reconnect");

    // the owner switches it to a private app's token: the OAuth grant goes, so no refresh can overwrite the token
    assertThat(api.patch().uri("/api/connections/{id}", id).contentType(org.springframework.http.MediaType
        .APPLICATION_JSON).body(Map.of("credentials", Map.of("accessToken", "pat-sandbox-hubspot-2"))).retrieve()
        .toBodilessEntity().getStatusCode().value()).isEqualTo(200);
    assertThat(connections.context(connections.find(TENANT, id).orElseThrow()).credentials())
        .containsEntry("accessToken", "pat-sandbox-hubspot-2").doesNotContainKeys("refreshToken",
            "accessTokenExpiresAt");
  }

  private String cursors(String connectionId) {
    // the same rows (created when the connection was made), not new ones
    return String.join(",", jdbc.sql("select vendor_type || '@' || cast(created_at as varchar(40)) from sync_cursor "
        + "where connection_id = ? order by vendor_type").param(connectionId).query(String.class).list());
  }

  /** Connects through the vendor's sign-in; returns the new connection's id. */
  private String connectWithOAuth(String system, String account, Map<String, String> fields) {
    List<String> known = connections.forTenant(TENANT).stream().map(Connection::id).toList();
    startOAuth(system, fields);
    followContinue(account);
    browser.awaitElement(By.id("notice")); // the dashboard, or the first-sync plan of a connection held for it
    return connections.forTenant(TENANT).stream().map(Connection::id).filter(id -> !known.contains(id)).findFirst()
        .orElseThrow();
  }

  /** From the vendor's connect page, presses "Sign in with …"; the browser ends on the page linking to the vendor. */
  private void startOAuth(String system, Map<String, String> fields) {
    browser.open(base + "/console/connect/" + system);
    fields.forEach((name, value) -> fill("#oauth-start", name, value));
    submit("#oauth-start");
    browser.awaitElement(By.id("continue"));
  }

  /**
   * Follows the link to the vendor, with the sandbox-only parameter that stands in for what the person chooses on the
   * vendor's page (the account, or refusing).
   */
  private void followContinue(String choice) {
    browser.js("var a = document.getElementById('continue'); a.href = a.href + '&' + arguments[0]; a.click();",
        choice);
  }

  /** Where the vendor would send the browser back (the callback with code and state), without going there. */
  private String vendorRedirect(String choice) throws Exception {
    String url = browser.driver().findElement(By.id("continue")).getAttribute("href") + "&" + choice;
    HttpResponse<Void> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(res.statusCode()).isEqualTo(302);
    String location = res.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(base + "/console/connect/").contains("code=").contains("state=");
    return location;
  }

  private void fill(String form, String name, String value) {
    var field = browser.awaitElement(By.cssSelector(form + " [name='" + name + "']"));
    field.clear();
    field.sendKeys(value);
  }

  private void submit(String form) {
    browser.driver().findElement(By.cssSelector(form + " button[type=submit]")).click();
  }

  private static final String HELD_MAILCHIMP = "Connected Mailchimp (account sandboxlist2). Nothing is written to it "
      + "until you press Start below.";

  private String notice() {
    return browser.awaitElement(By.id("notice")).getText();
  }

  @SuppressWarnings("unchecked")
  private String mailchimpKey(int account) {
    Map<String, Object> mailchimp = (Map<String, Object>) vendors.control.get().uri("/credentials").retrieve()
        .body(Map.class).get("mailchimp");
    return (String) ((List<Map<String, Object>>) mailchimp.get("accounts")).get(account - 1).get("apiKey");
  }

  private static String typo(String key) {
    return key.substring(0, 5) + (key.charAt(5) == 'x' ? 'y' : 'x') + key.substring(6);
  }
}
