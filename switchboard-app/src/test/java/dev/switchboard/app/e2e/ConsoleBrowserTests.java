package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.Browser;
import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real Chromium, as an operator uses it: sign in through the form, watch the dashboard
 * refresh itself, replay a failed write with the button, pause and resume a connection, fix its credentials with
 * the form, delete it after confirming. One app, one sandbox and one browser for the class;
 * the {@link Browser} extension fails any test after which the browser console holds an error.
 */
class ConsoleBrowserTests extends E2eSupport {
  @RegisterExtension static final Browser browser = new Browser();

  ConsolePage console;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of("switchboard.retry.max-attempts", 2));
  }

  @BeforeEach
  void signIn() {
    console = new ConsolePage(browser, "http://127.0.0.1:" + appPort).signIn();
  }

  @Test
  void autoRefreshBringsANewFailedWriteOntoThePageWithoutAReload() {
    Set<Long> shown = Set.copyOf(console.deadLetterIds());
    console.markDocument();

    long id = produceDeadLetter(email("refresh"));

    browser.await("dead letter " + id + " to appear by auto-refresh",
        d -> !d.findElements(By.id("dead-letter-" + id)).isEmpty());
    assertThat(console.deadLetterIds()).containsAll(shown).contains(id);
    assertThat(console.sameDocument()).as("the page was updated in place, not reloaded").isTrue();
  }

  @Test
  void replayButtonSendsTheFailedWriteAgainAndItLeavesTheList() {
    String email = email("replay");
    long id = produceDeadLetter(email);
    browser.open("http://127.0.0.1:" + appPort + "/");
    assertThat(console.deadLetterIds()).contains(id);

    vendors.clearFaults(); // the vendor has recovered: the replayed write will succeed
    console.markDocument();
    console.replayButton(id).click();

    browser.await("dead letter " + id + " to leave the list",
        d -> d.findElements(By.id("dead-letter-" + id)).isEmpty());
    await().atMost(Duration.ofSeconds(15)).until(() -> vendors.mailchimpMember(email).isPresent());
    // and it stays gone: the next auto-refresh does not bring it back as failed again
    browser.awaitHtmxSettle(() -> {});
    assertThat(console.deadLetterIds()).doesNotContain(id);
    assertThat(console.sameDocument()).isTrue();
  }

  /**
   * Issue 17: failed writes grouped by cause, in plain words, and a group sent again with one click once its cause is
   * gone: every write of the group reaches the sandbox's Mailchimp.
   */
  @Test
  void aFailureGroupIsRetriedInOneClickAndItsWritesReachTheSandbox() {
    String first = email("group-a");
    String second = email("group-b");
    long a = produceDeadLetter(first);
    long b = produceDeadLetter(second);
    Map<String, Object> group = groupOf(a);
    assertThat(groupOf(b).get("key")).as("same connection, same error: one group").isEqualTo(group.get("key"));
    assertThat(((Number) group.get("count")).longValue()).isGreaterThanOrEqualTo(2);
    assertThat(group.get("message")).as("the catalogue's own words for the vendor's error %s, not the general entry", group.get("errorCode"))
        .isNotEqualTo(dev.switchboard.app.connectors.ErrorCatalogue.standard().lookup(null).message());
    assertThat(deadLetter(a)).containsKeys("message", "who", "fix").extractingByKey("message")
        .isEqualTo(group.get("message"));
    String key = (String) group.get("key");
    browser.open("http://127.0.0.1:" + appPort + "/");
    browser.await("the failure group", d -> console.showsFailureGroup(key));
    assertThat(browser.driver().findElement(By.id("failure-group-" + key)).getText())
        .contains((String) group.get("message"), (String) group.get("fix"));

    vendors.clearFaults(); // the cause is gone: the group's writes will succeed
    console.clickFailureGroupAction(key, "retry-all");

    browser.await("the group to leave the page", d -> !console.showsFailureGroup(key));
    await().atMost(Duration.ofSeconds(20)).until(() -> vendors.mailchimpMember(first).isPresent()
        && vendors.mailchimpMember(second).isPresent());
    assertThat(deadLetterIds()).doesNotContain(a, b);
    assertThat(auditActions()).contains("dead_letter.group_retry");
    // the connection's one state in words, and when it last synced a change (the writes just made)
    String state = "[id='connection-" + group.get("connectionId") + "'] .state";
    browser.await("Mailchimp working again, a change just synced", d -> {
      Object text = browser.js("var s = document.querySelector(arguments[0]); return s ? s.innerText : null;", state);
      return text != null && text.toString().startsWith("Working") && text.toString().contains(
          "last change synced just now");
    });
  }

  /** Discard all keeps the writes as a decision on record (audited), sends nothing and deletes nothing. */
  @Test
  void discardAllTakesAGroupOffTheListKeepsItsWritesAndIsAudited() {
    String email = email("discard");
    long id = produceDeadLetter(email);
    String key = (String) groupOf(id).get("key");
    vendors.clearFaults();
    browser.open("http://127.0.0.1:" + appPort + "/");
    console.clickFailureGroupAction(key, "discard-all");
    // the console asks first, naming how many writes go
    org.openqa.selenium.Alert confirm = browser.await("the discard to be confirmed", d -> {
      try {
        return d.switchTo().alert();
      } catch (org.openqa.selenium.NoAlertPresentException e) {
        return null;
      }
    });
    assertThat(confirm.getText()).startsWith("Discard these ").contains("failed writes?");
    confirm.accept();

    browser.await("the group to leave the page", d -> !console.showsFailureGroup(key));
    assertThat(deadLetterIds()).doesNotContain(id);
    assertThat(jdbc.sql("select status from outbox_task where id = ?").param(id).query(String.class).single())
        .as("kept, as discarded").isEqualTo("DISCARDED");
    assertThat(auditActions()).contains("dead_letter.group_discard");
    assertThat(vendors.mailchimpMember(email)).as("nothing sent").isEmpty();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> deadLetter(long id) {
    List<Map<String, Object>> all = api.get().uri("/api/dead-letters").retrieve().body(List.class);
    return all.stream().filter(d -> ((Number) d.get("id")).longValue() == id).findFirst().orElseThrow();
  }

  /** The failure group (from the API) that holds dead letter {@code id}. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> groupOf(long id) {
    Map<String, Object> dead = deadLetter(id);
    List<Map<String, Object>> groups = api.get().uri("/api/dead-letters/groups").retrieve().body(List.class);
    return groups.stream().filter(g -> g.get("connectionId").equals(dead.get("connectionId"))
        && java.util.Objects.equals(g.get("errorCode"), dead.get("errorCode"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private List<Object> auditActions() {
    List<Map<String, Object>> events = api.get().uri("/api/events?name=audit.logged").retrieve().body(List.class);
    return events.stream().map(e -> ((Map<String, Object>) e.get("payload")).get("action")).toList();
  }

  @Test
  void aTokenIssuedInTheConsoleIsShownOnceWorksAndStopsWorkingWhenRevoked() throws Exception {
    browser.driver().findElement(By.id("nav-tokens")).click();
    browser.awaitElement(By.name("label")).sendKeys("browser test");
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.name("scope"))).selectByValue("read");
    browser.driver().findElement(By.cssSelector("#issue-token button[type=submit]")).click();
    String token = browser.awaitElement(By.id("issued-token")).getText();
    assertThat(token).matches("sbt_[0-9a-f]{64}");
    assertThat(apiStatus(token)).isEqualTo(200);
    WebElement row = browser.driver().findElements(By.cssSelector("#tokens tbody tr")).stream()
        .filter(r -> r.getText().contains("browser test")).findFirst().orElseThrow();
    String id = row.getAttribute("id").substring("token-".length());

    browser.open("http://127.0.0.1:" + appPort + "/console/tokens");
    assertThat(browser.driver().getPageSource()).as("shown once").doesNotContain(token);
    browser.awaitElement(By.cssSelector("#token-" + id + " button.revoke")).click();
    browser.await("the notice", d -> d.findElements(By.id("notice")).stream().anyMatch(n -> n.getText()
        .contains("Revoked " + id)));
    assertThat(browser.driver().findElement(By.cssSelector("#token-" + id + " .state")).getText())
        .isEqualTo("revoked");
    assertThat(apiStatus(token)).isEqualTo(401);
  }

  private int apiStatus(String token) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + appPort + "/api/status"))
        .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Console GET routes that are not pages: the dashboard's polled fragment and the audit export. */
  static final Set<String> NOT_PAGES = Set.of("/console/status", "/console/audit.csv",
      "/console/connect/{system}/callback"); // where a vendor's sign-in returns to

  @org.springframework.beans.factory.annotation.Autowired
  @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
  org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;
  @org.springframework.beans.factory.annotation.Autowired dev.switchboard.app.access.Users users;

  /**
   * Every console page the request mappings declare, with {@code connection}'s id in the routes that take one, and
   * the record of the contact with e-mail {@code email} (made here if there is none) on the records pages: its page,
   * and the search for its e-mail.
   */
  List<String> consolePages(String connection, String email) {
    String record = recordOf(email);
    List<String> pages = mappings.getHandlerMethods().keySet().stream()
        .filter(info -> info.getMethodsCondition().getMethods().contains(
            org.springframework.web.bind.annotation.RequestMethod.GET))
        .flatMap(info -> info.getPatternValues().stream())
        .filter(p -> p.equals("/") || p.startsWith("/console/")).filter(p -> !NOT_PAGES.contains(p))
        .map(p -> p.equals("/console/records") ? p + "?q=" + email : p)
        .map(p -> p.replace("/records/{id}", "/records/" + record))
        .map(p -> p.replace("{id}", connection).replace("{system}", "mailchimp")).sorted().toList();
    assertThat(pages).contains("/", "/console/tokens", "/console/audit", "/console/users", "/console/settings",
        "/console/account", "/console/records/" + record).hasSizeGreaterThan(5);
    return pages;
  }

  /** The record of the contact with this e-mail, upserted through the API when there is none yet. */
  private String recordOf(String email) {
    if (records.search(TENANT, email).isEmpty()) {
      assertThat(api.post().uri("/integrations/crm/hubspot/upsert")
          .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
          .body(Map.of("tenant_id", TENANT, "type", "contact", "attributes", Map.of("email", email),
              "correlation_id", "pages-" + System.nanoTime()))
          .retrieve().toBodilessEntity().getStatusCode().is2xxSuccessful()).isTrue();
    }
    return records.search(TENANT, email).getFirst().id();
  }

  @org.springframework.beans.factory.annotation.Autowired dev.switchboard.app.sync.RecordSearch records;

  /** A contact for the pages that show one. */
  static final String PAGES_CONTACT = email("pages");

  @Test
  void everyConsolePageRendersForAnOwnerAndAViewerWithoutErrorsFitsA375PixelScreenAndPassesAxe() {
    List<String> pages = consolePages(wired.get(0).id(), PAGES_CONTACT);
    if (!users.exists("vicky")) {
      users.create("vicky", "a long viewer password");
      users.ensureMember("vicky", TENANT, dev.switchboard.app.access.Role.VIEWER);
    }
    org.openqa.selenium.Dimension size = browser.driver().manage().window().getSize();
    try {
      for (String[] who : List.of(new String[] {ConsolePage.ADMIN, ConsolePage.PASSWORD},
          new String[] {"vicky", "a long viewer password"}, new String[] {null, null})) {
        browser.driver().manage().window().setSize(size);
        if (who[0] != null) {
          console.signIn(who[0], who[1]);
        } else { // signed out: the public pages of someone who cannot sign in
          browser.driver().manage().deleteAllCookies();
        }
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(375, 800));
        for (String page : who[0] != null ? pages : PUBLIC_PAGES) {
          browser.open("http://127.0.0.1:" + appPort + page);
          browser.awaitElement(By.tagName("main"));
          String where = who[0] + " on " + page;
          if (who[0] != null) {
            assertThat(browser.driver().getCurrentUrl()).as(where).doesNotContain("/login");
          }
          assertThat(browser.js("return document.body.innerText;")).as(where).asString()
              .doesNotContainIgnoringCase("exception").doesNotContain("Whitelabel");
          assertThat(browser.js("return performance.getEntriesByType('resource')"
              + ".filter(r => r.responseStatus >= 400).map(r => r.name);")).as("failed assets, " + where)
              .asList().isEmpty();
          assertThat(browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
              .as("sideways scroll at 375 px, " + where).isEqualTo(0L);
          assertThat(Axe.seriousViolations(browser.driver())).as("axe-core serious or critical issues, " + where)
              .isEmpty();
        }
      }
    } finally {
      browser.driver().manage().window().setSize(size);
    }
  }

  /** Pages for people who are not signed in. */
  static final List<String> PUBLIC_PAGES = List.of("/login", "/login/forgot", "/login/reset/not-a-link");

  /** Markup, a Thymeleaf preprocessing expression and an htmx attribute, as data. */
  static final String HOSTILE = "<img src=x onerror=alert(1)> __${7*7}__ hx-get=/logout";

  @org.springframework.beans.factory.annotation.Autowired dev.switchboard.app.events.DomainEvents events;

  @Test
  void storedMarkupExpressionsAndHtmxAttributesInDataNeverRunOnAnyPage() throws Exception {
    String mailchimp = wired.get(1).id();
    String name = wired.get(1).displayName();
    String xss = email("xss");
    var contact = new java.util.LinkedHashMap<String, Object>(Map.of("tenant_id", TENANT, "type", "contact",
        "attributes", Map.of("email", xss, "firstname", HOSTILE, "lastname", HOSTILE, "phone", "+1 415 555 0199"),
        "correlation_id", "xss-" + System.nanoTime()));
    assertThat(api.post().uri("/integrations/crm/hubspot/upsert")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(contact).retrieve().toBodilessEntity()
        .getStatusCode().is2xxSuccessful()).isTrue();
    // someone else on the same line with another given name: a pair for the duplicates page to show
    var relative = new java.util.LinkedHashMap<String, Object>(Map.of("tenant_id", TENANT, "type", "contact",
        "attributes", Map.of("email", email("xss"), "firstname", "Other", "lastname", HOSTILE,
            "phone", "+1 415 555 0199"), "correlation_id", "xss-" + System.nanoTime()));
    assertThat(api.post().uri("/integrations/crm/hubspot/upsert")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(relative).retrieve().toBodilessEntity()
        .getStatusCode().is2xxSuccessful()).isTrue();
    tokens.issue(TENANT, HOSTILE, "read", null, HOSTILE);
    if (!users.exists(HOSTILE)) {
      users.create(HOSTILE, "a long hostile password");
      users.ensureMember(HOSTILE, TENANT, dev.switchboard.app.access.Role.VIEWER);
    }
    events.emit(TENANT, dev.switchboard.app.events.DomainEvents.AUDIT_LOGGED,
        Map.of("action", HOSTILE, "actor", HOSTILE, "target", HOSTILE, "after", HOSTILE), null);
    String organisation = tenants.find(TENANT).orElseThrow().name();
    tenants.configure(TENANT, HOSTILE, "US", "UTC");
    rename(mailchimp, HOSTILE);
    try {
      // every console page shows some of the hostile data (as text or in a form field), but one's own account page
      // (and but the records search, whose results are masked until opened: "<•••")
      List<String> showing = consolePages(mailchimp, xss).stream()
          .filter(p -> !p.equals("/console/account") && !p.startsWith("/console/records?")).toList();
      List<String> pages = new java.util.ArrayList<>(showing);
      pages.addAll(List.of("/console/account", "/console/records?q=" + xss, "/login", "/login/forgot", "/login/reset/not-a-link"));
      for (String page : pages) {
        browser.open("http://127.0.0.1:" + appPort + page);
        if (page.equals("/")) {
          browser.awaitHtmxSettle(() -> {});
        }
        String text = (String) browser.js("return document.body.innerText + ' ' + Array.from("
            + "document.querySelectorAll('input, textarea')).map(e => e.value).join(' ');");
        assertThat(text).as(page).doesNotContain("__49__");
        if (showing.contains(page)) {
          assertThat(text).as(page).contains("__${7*7}__");
        }
        assertThat(browser.js("return document.querySelectorAll('img[src=x], [onerror], [hx-get=\"/logout\"]')"
            + ".length;")).as(page).isEqualTo(0L);
      }
      browser.open("http://127.0.0.1:" + appPort + "/");
      browser.awaitElement(By.id("status")); // still signed in: nothing sent the browser to /logout
    } finally {
      rename(mailchimp, name);
      tenants.configure(TENANT, organisation, "US", "UTC");
    }
  }

  private void rename(String connectionId, String displayName) {
    assertThat(api.patch().uri("/api/connections/" + connectionId)
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(Map.of("display_name", displayName))
        .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void htmxRunsWithTheSettingsTheStrictContentSecurityPolicyNeeds() {
    // The Browser extension fails the test on any CSP report in the console; this checks htmx read its config.
    assertThat(browser.js("return [htmx.config.includeIndicatorStyles, htmx.config.allowEval, "
        + "htmx.config.selfRequestsOnly, !!document.querySelector('style')];"))
        .isEqualTo(List.of(false, false, true, false));
  }

  @Test
  void aLockedSignInTellsThePersonToWaitInPlainWords() {
    // An account nobody has, so the admin account the other tests sign in with is never locked.
    console.signOut();
    By wait = By.id("login-wait");
    for (int i = 0; i < 15 && browser.driver().findElements(wait).isEmpty(); i++) {
      console.submitLogin("intruder", "guess-" + i);
      browser.awaitElement(By.name("username"));
    }
    assertThat(browser.awaitElement(wait).getText())
        .matches("Too many failed sign-in attempts\\. Please wait \\d+ seconds?, then try again\\.");
  }

  @Test
  void pauseAndResumeFromTheDashboardChangeTheConnectionsState() {
    String id = wired.get(1).id(); // Mailchimp
    try {
      assertThat(console.connectionStatus(id)).isNotEqualTo("PAUSED"); // ACTIVE, or ERROR after a fault test
      console.markDocument();
      console.clickConnectionAction(id, "pause");
      browser.await("the connection to show PAUSED", d -> "PAUSED".equals(console.connectionStatus(id)));
      assertThat(connectionStatusViaApi(id)).isEqualTo("PAUSED");
      console.clickConnectionAction(id, "resume");
      browser.await("the connection to show ACTIVE", d -> "ACTIVE".equals(console.connectionStatus(id)));
      assertThat(connectionStatusViaApi(id)).isEqualTo("ACTIVE");
      assertThat(console.sameDocument()).as("updated in place").isTrue();
    } finally {
      api.post().uri("/api/connections/{id}/resume", id).retrieve().toBodilessEntity();
    }
  }

  @Test
  void deleteAsksForConfirmationFirstAndThenRemovesTheConnection() {
    String id = connectSecondMailchimp("Throwaway", true);
    browser.open("http://127.0.0.1:" + appPort + "/");
    console.clickConnectionAction(id, "delete");
    WebElement confirm = browser.awaitElement(By.cssSelector("#confirm-delete button[type=submit]"));
    assertThat(browser.driver().getPageSource()).contains("Delete <span>Throwaway</span>?");
    assertThat(connectionStatusViaApi(id)).as("nothing is deleted before the confirmation").isEqualTo("ACTIVE");
    confirm.click();
    browser.awaitElement(By.id("status"));
    assertThat(browser.awaitElement(By.id("notice")).getText()).startsWith("Deleted Throwaway.");
    assertThat(console.showsConnection(id)).isFalse();
    assertThat(api.get().uri("/api/connections/{id}", id).retrieve().toBodilessEntity().getStatusCode().value())
        .isEqualTo(404);
  }

  @Test
  void aMistypedKeyIsFixedWithTheUpdateCredentialsFormWhichNeverShowsASecret() {
    String id = connectSecondMailchimp("Typo", false);
    browser.open("http://127.0.0.1:" + appPort + "/");
    assertThat(console.connectionStatus(id)).isEqualTo("CREDENTIALS_REJECTED");
    console.clickConnectionAction(id, "update");
    WebElement key = browser.awaitElement(By.name("credential.apiKey"));
    assertThat(key.getAttribute("type")).isEqualTo("password");
    assertThat(key.getAttribute("value")).isEmpty();
    assertThat(browser.driver().getPageSource()).doesNotContain(typo(secondKey())).doesNotContain("webhookSecret");

    key.sendKeys("wrong-us21");
    browser.driver().findElement(By.cssSelector("#update-credentials button[type=submit]")).click();
    assertThat(browser.awaitElement(By.id("update-error")).getText()).contains("refused these credentials");
    assertThat(browser.driver().findElement(By.name("credential.apiKey")).getAttribute("value")).isEmpty();

    browser.driver().findElement(By.name("credential.apiKey")).sendKeys(secondKey());
    browser.driver().findElement(By.cssSelector("#update-credentials button[type=submit]")).click();
    browser.awaitElement(By.id("status"));
    assertThat(browser.awaitElement(By.id("notice")).getText()).contains("is ACTIVE");
    assertThat(console.connectionStatus(id)).isEqualTo("ACTIVE");
    assertThat(browser.driver().getPageSource()).doesNotContain(secondKey());
    api.delete().uri("/api/connections/{id}", id).retrieve().toBodilessEntity();
  }

  /** A connection to the sandbox's second Mailchimp account, with its key or with a typo in it. */
  @SuppressWarnings("unchecked")
  private String connectSecondMailchimp(String name, boolean rightKey) {
    Map<String, Object> account = account2();
    return (String) api.post().uri("/api/connections").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(Map.of("system", "mailchimp", "display_name", name, "settings", Map.of("listId", account.get("listId"),
            "firstSync", "immediate"),
            "credentials", Map.of("apiKey", rightKey ? secondKey() : typo(secondKey()))))
        .retrieve().body(Map.class).get("id");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> account2() {
    Map<String, Object> mailchimp = (Map<String, Object>) vendors.control.get().uri("/credentials").retrieve()
        .body(Map.class).get("mailchimp");
    return ((List<Map<String, Object>>) mailchimp.get("accounts")).get(1);
  }

  private String secondKey() {
    return (String) account2().get("apiKey");
  }

  private static String typo(String key) {
    return key.substring(0, 5) + (key.charAt(5) == 'x' ? 'y' : 'x') + key.substring(6);
  }

  @SuppressWarnings("unchecked")
  private String connectionStatusViaApi(String id) {
    return (String) api.get().uri("/api/connections/{id}", id).retrieve().body(Map.class).get("status");
  }

  /** A write to Mailchimp that fails until it is dead-lettered; returns the new dead letter's id. */
  private long produceDeadLetter(String email) {
    Set<Long> before = deadLetterIds();
    vendors.faults(Map.of("vendor", "mailchimp", "errorRate", 1.0));
    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Browser"));
    return await().atMost(Duration.ofSeconds(20)).until(
        () -> deadLetterIds().stream().filter(i -> !before.contains(i)).findFirst().orElse(null),
        java.util.Objects::nonNull);
  }

  @SuppressWarnings("unchecked")
  private Set<Long> deadLetterIds() {
    List<Map<String, Object>> all = api.get().uri("/api/dead-letters").retrieve().body(List.class);
    return all.stream().map(d -> ((Number) d.get("id")).longValue()).collect(Collectors.toSet());
  }
}
