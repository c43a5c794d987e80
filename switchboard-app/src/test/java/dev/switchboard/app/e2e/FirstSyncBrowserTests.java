package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.Browser;
import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 17 in a real Chromium: a second Mailchimp audience connected is held; its plan page shows who is matched,
 * added and not sent, and why; nothing reaches the sandbox's audience before the owner presses Start; after it, the
 * opted-in contact is subscribed, the one without consent arrives as transactional (the setting the owner chose on the
 * page, with its count), and the member who had unsubscribed stays so. (Not sent by default: AudienceConsentEndToEndTests.)
 */
class FirstSyncBrowserTests extends E2eSupport {
  @RegisterExtension static final Browser browser = new Browser();
  private static final Duration SYNC = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
  }

  @Test
  @SuppressWarnings("unchecked")
  void thePlanShowsTheCountsNothingIsWrittenBeforeStartAndAnUnsubscribedMemberStaysUnsubscribed() {
    Map<String, Object> account = ((List<Map<String, Object>>) ((Map<String, Object>) vendors.control.get()
        .uri("/credentials").retrieve().body(Map.class).get("mailchimp")).get("accounts")).get(1);
    String list = (String) account.get("listId");
    String key = (String) account.get("apiKey");

    String unsubscribed = email("unsub");
    var added = vendors.mailchimp.post().uri("/lists/{list}/members", list).headers(h -> h.setBasicAuth("any", key))
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("email_address", unsubscribed, "status", "unsubscribed",
            "merge_fields", Map.of("FNAME", "Before"))).retrieve().toEntity(Map.class);
    assertThat(added.getStatusCode().is2xxSuccessful()).isTrue();
    String noConsent = email("noconsent");
    vendors.createHubSpotContact(Map.of("email", noConsent, "firstname", "Nobody"));
    String optedIn = email("optin");
    upsert(Map.of("email", optedIn, "firstname", "Yes", "marketing_status", "subscribed"));
    upsert(Map.of("email", unsubscribed, "firstname", "Again", "marketing_status", "subscribed"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(noConsent).isPresent()
        && vendors.mailchimpMember(optedIn).isPresent());

    String id = (String) api.post().uri("/api/connections").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("system", "mailchimp", "display_name", "Second audience", "settings", Map.of("listId", list),
            "credentials", Map.of("apiKey", key))).retrieve().body(Map.class).get("id");
    long contacts = jdbc.sql("select count(*) from golden_record where tenant_id = ? and object_type = 'contact' "
        + "and merged_into is null").param(TENANT).query(Long.class).single();

    new ConsolePage(browser, "http://127.0.0.1:" + appPort).signIn();
    // the dashboard links the plan (opened by its address: the dashboard's refresh may replace the link meanwhile)
    browser.open(browser.awaitElement(By.cssSelector("#connection-" + id + " a.plan")).getAttribute("href"));
    browser.awaitElement(By.id("plan"));
    assertThat(text("plan-state")).contains("Paused");
    assertThat(text("count-matched")).as("the unsubscribed member, by its e-mail").isEqualTo("1");
    assertThat(text("count-create-elsewhere")).isEqualTo("0");
    assertThat(text("count-create-subscribed")).isEqualTo("1");
    assertThat(browser.driver().findElements(By.id("count-create-transactional"))).isEmpty();
    int noConsentCount = Integer.parseInt(text("count-skipped-no_consent"));
    assertThat(noConsentCount).isPositive().isEqualTo(Integer.parseInt(text("count-transactional-if-set")));
    assertThat(Integer.parseInt(text("count-create-there")) + Integer.parseInt(text("count-skipped")) + 1)
        .as("every record is matched, added or not sent, with a reason").isEqualTo((int) contacts);
    assertThat(browser.driver().getPageSource()).doesNotContain(optedIn).doesNotContain(noConsent);

    assertThat(memberWrites(list)).as("nothing written to the audience before Start").isZero();
    assertThat(member(list, key, optedIn)).isEmpty();

    // the owner chooses to add the contacts without consent as transactional: the plan says how many
    browser.driver().findElement(By.cssSelector("#consent-setting input[value=transactional]")).click();
    browser.driver().findElement(By.cssSelector("#consent-setting button[type=submit]")).click();
    assertThat(notice("transactional")).contains("transactional");
    assertThat(text("count-create-transactional")).isEqualTo(String.valueOf(noConsentCount));
    assertThat(browser.driver().findElements(By.id("count-skipped-no_consent"))).isEmpty();
    assertThat(text("plan-state")).as("still held").contains("Paused");
    assertThat(memberWrites(list)).isZero();

    browser.driver().findElement(By.cssSelector("#start button[type=submit]")).click();
    assertThat(notice("Started")).contains("Started");
    assertThat(text("plan-state")).contains("Started");
    assertThat(browser.driver().findElements(By.id("start"))).isEmpty();

    await().atMost(SYNC).until(() -> member(list, key, optedIn).isPresent());
    // the person who unsubscribed there is said to have opted in again elsewhere: the name goes, the status does not
    upsert(Map.of("email", unsubscribed, "firstname", "Later", "marketing_status", "subscribed"));
    await().atMost(SYNC).until(() -> "Later".equals(mergeField(member(list, key, unsubscribed), "FNAME")));
    assertThat(member(list, key, optedIn).orElseThrow().get("status")).isEqualTo("subscribed");
    assertThat(member(list, key, unsubscribed).orElseThrow().get("status")).isEqualTo("unsubscribed");
    await().atMost(SYNC).until(() -> member(list, key, noConsent).isPresent());
    assertThat(member(list, key, noConsent).orElseThrow().get("status")).as("no consent: transactional, as chosen")
        .isEqualTo("transactional");
  }

  private static String text(String id) {
    return browser.driver().findElement(By.id(id)).getText().trim();
  }

  private void upsert(Map<String, Object> attributes) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("tenant_id", TENANT);
    b.put("type", "contact");
    b.put("attributes", attributes);
    b.put("correlation_id", "browser-" + System.nanoTime());
    var res = api.post().uri("/integrations/crm/hubspot/upsert").contentType(MediaType.APPLICATION_JSON).body(b)
        .retrieve().toEntity(Map.class);
    assertThat(res.getStatusCode().is2xxSuccessful()).as(String.valueOf(res.getBody())).isTrue();
  }

  @SuppressWarnings("unchecked")
  private static Object mergeField(Optional<Map<String, Object>> member, String tag) {
    return member.map(m -> ((Map<String, Object>) m.get("merge_fields")).get(tag)).orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> member(String list, String key, String email) {
    var res = vendors.mailchimp.get().uri("/lists/{list}/members/{hash}", list, Vendors.md5(email))
        .headers(h -> h.setBasicAuth("any", key)).retrieve().toEntity(Map.class);
    return res.getStatusCode().is2xxSuccessful() ? Optional.of(res.getBody()) : Optional.empty();
  }

  /** Successful member writes to {@code list} (batch subscribe, PUT, PATCH), from the sandbox's request log. */
  @SuppressWarnings("unchecked")
  private static long memberWrites(String list) {
    List<Map<String, Object>> requests = vendors.control.get().uri("/requests?vendor=mailchimp&limit=2000").retrieve()
        .body(List.class);
    return requests.stream().filter(r -> List.of("POST", "PUT", "PATCH").contains(r.get("method")))
        .filter(r -> String.valueOf(r.get("path")).matches(".*/lists/" + list + "(/members/[0-9a-f]{32})?"))
        .filter(r -> ((Number) r.get("status")).intValue() < 300).count();
  }

  /**
   * The notice of the page the last click led to, once it says {@code expected}: the previous page's notice (the one
   * before the redirect) may still be there, or be replaced while it is read, so it is found again on each poll.
   */
  private String notice(String expected) {
    return browser.await("a notice saying " + expected, d -> {
      try {
        String text = d.findElement(By.id("notice")).getText();
        return text.contains(expected) ? text : null;
      } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
        return null;
      }
    });
  }
}
