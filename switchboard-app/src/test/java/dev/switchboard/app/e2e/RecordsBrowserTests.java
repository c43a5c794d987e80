package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.Browser;
import dev.switchboard.app.support.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 15's records pages in a real Chromium: a contact made in the sandbox's HubSpot is found by its phone typed
 * another way, masked until opened; opened, every field says where its value came from and the record says where it
 * stands in HubSpot and Mailchimp (with a link to HubSpot's own page); an owner's edit of a field is a change like any
 * other: its provenance names the editor, and it reaches both sandbox vendors. Opening and editing are audited. The
 * duplicates page shows a pair side by side with its score and reasons; merging it from the page makes one record, and
 * splitting it from the page makes two again (both decisions audited). From a record's page, a connection's mappings
 * page maps a HubSpot property to a Mailchimp merge field that does not exist yet: the preview shows the record's
 * value going to it and writes nothing; the save creates the merge field, says how many records it re-sends, and the
 * member gets the value.
 */
class RecordsBrowserTests extends E2eSupport {
  @RegisterExtension static final Browser browser = new Browser();
  private static final Duration SYNC = Duration.ofSeconds(30);

  @org.springframework.beans.factory.annotation.Autowired dev.switchboard.app.sync.ExternalIds ids;
  ConsolePage console;
  String base;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of());
  }

  @BeforeEach
  void signIn() {
    base = "http://127.0.0.1:" + appPort;
    console = new ConsolePage(browser, base).signIn();
  }

  @Test
  void aContactFoundByPhoneShowsEachFieldsProvenanceAndAnEditReachesHubSpotAndMailchimp() {
    String email = email("rita");
    String digits = String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    String hubspotId = vendors.createHubSpotContact(Map.of("email", email, "firstname", "Rita", "lastname", "Moreno",
        "phone", "(415) 555-" + digits));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).isPresent());

    browser.driver().findElement(By.id("nav-records")).click();
    browser.awaitElement(By.name("q")).sendKeys("+1 415 555 " + digits);
    browser.driver().findElement(By.cssSelector("#record-search button[type=submit]")).click();
    WebElement row = browser.awaitElement(By.cssSelector("#results tbody tr"));
    assertThat(browser.driver().findElements(By.cssSelector("#results tbody tr"))).hasSize(1);
    assertThat(row.getText()).as("masked until opened").contains("R•••", "r•••@example.com", "•••" + digits.substring(2))
        .doesNotContain("Rita", "Moreno", email, "555");
    row.findElement(By.cssSelector("a.open")).click();

    assertThat(browser.awaitElement(By.cssSelector("#field-phone .value")).getText()).isEqualTo("+1415555" + digits);
    for (String field : List.of("email", "firstName", "lastName", "phone")) {
      assertThat(browser.driver().findElement(By.cssSelector("#field-" + field + " .provenance")).getText())
          .as(field).matches("from HubSpot, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}");
    }
    assertThat(browser.driver().findElement(By.id("record-title")).getText()).isEqualTo("Rita Moreno");
    assertThat(browser.driver().findElements(By.cssSelector("#targets .state"))).extracting(WebElement::getText)
        .containsExactly("in sync", "in sync");
    String portal = wired.get(0).accountId();
    assertThat(browser.driver().findElement(By.cssSelector("#targets a[target=_blank]")).getAttribute("href"))
        .isEqualTo("https://app.hubspot.com/contacts/" + portal + "/record/0-1/" + hubspotId);

    new Select(browser.driver().findElement(By.name("field"))).selectByValue("firstName");
    browser.driver().findElement(By.name("value")).sendKeys("Margarita");
    browser.driver().findElement(By.cssSelector("#edit-field button[type=submit]")).click();
    browser.await("the notice", d -> d.findElements(By.id("notice")).stream()
        .anyMatch(n -> n.getText().startsWith("Saved firstName")));
    assertThat(browser.driver().findElement(By.cssSelector("#field-firstName .value")).getText())
        .isEqualTo("Margarita");
    assertThat(browser.driver().findElement(By.cssSelector("#field-firstName .provenance")).getText())
        .startsWith("edited in Switchboard by " + ConsolePage.ADMIN + ", ");
    assertThat(browser.driver().findElement(By.cssSelector("#field-lastName .provenance")).getText())
        .startsWith("from HubSpot, ");
    assertThat(browser.driver().findElement(By.cssSelector("#history tbody tr")).getText())
        .contains("firstName", "Rita", "Margarita", "edited in Switchboard by admin");

    await().atMost(SYNC).until(() -> "Margarita".equals(vendors.hubSpotContactByEmail(email)
        .map(p -> p.get("firstname")).orElse(null)));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email)
        .map(m -> ((Map<?, ?>) m.get("merge_fields")).get("FNAME")).filter("Margarita"::equals).isPresent());

    browser.open(base + "/console/audit?action=record.");
    String trail = browser.awaitElement(By.tagName("main")).getText();
    assertThat(trail).contains("record.open", "record.edit", "field=firstName").doesNotContain("Margarita");
  }

  @Test
  void aDuplicateIsMergedFromTheQueueAndSplitAgain() {
    String markEmail = email("mark");
    String maryEmail = email("mary");
    String digits = String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    String mark = vendors.createHubSpotContact(Map.of("email", markEmail, "firstname", "Mark", "lastname", "Lindqvist",
        "phone", "+1 415 555 " + digits));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(markEmail).isPresent() && settled());
    String mary = vendors.createHubSpotContact(Map.of("email", maryEmail, "firstname", "Mary", "lastname", "Lindqvist",
        "phone", "415.555." + digits));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(maryEmail).isPresent() && settled());
    String markRecord = recordOf(mark);
    String maryRecord = recordOf(mary);
    assertThat(maryRecord).isNotEqualTo(markRecord);

    browser.driver().findElement(By.id("nav-duplicates")).click();
    WebElement pair = browser.await("Mary's pair", d -> d.findElements(By.cssSelector("article.pair")).stream()
        .filter(a -> a.getText().contains("Mary") && a.getText().contains("Mark")).findFirst().orElse(null));
    String pairId = pair.getAttribute("id").substring("pair-".length());
    assertThat(pair.findElement(By.cssSelector(".rule")).getText()).isEqualTo("phone_first_names_differ");
    assertThat(pair.findElement(By.cssSelector(".score")).getText()).matches("0\\.\\d\\d");
    assertThat(pair.findElements(By.cssSelector(".reasons li"))).isNotEmpty();
    assertThat(pair.findElements(By.cssSelector("tr.differs th"))).extracting(WebElement::getText)
        .contains("firstName", "email").doesNotContain("phone", "lastName");
    pair.findElement(By.cssSelector("button.merge")).click();

    browser.await("the notice", d -> d.findElements(By.id("notice")).stream()
        .anyMatch(n -> n.getText().startsWith("Merged")));
    assertThat(browser.driver().findElements(By.id("pair-" + pairId))).as("left the queue").isEmpty();
    assertThat(recordOf(mary)).isEqualTo(markRecord);
    assertThat(recordOf(mark)).isEqualTo(markRecord);

    await().atMost(SYNC).until(this::settled); // a split waits for the merge's writes
    browser.driver().findElement(By.id("tab-merged")).click();
    browser.awaitElement(By.cssSelector("#pair-" + pairId + " button.split")).click();
    browser.await("the notice", d -> d.findElements(By.id("notice")).stream()
        .anyMatch(n -> n.getText().startsWith("Split")));
    assertThat(recordOf(mark)).isEqualTo(markRecord);
    assertThat(recordOf(mary)).isNotEqualTo(markRecord);
    assertThat(jdbc.sql("select status from identity_match where id = ?").param(pairId).query(String.class).single())
        .isEqualTo("SPLIT");

    browser.open(base + "/console/audit?action=identity.");
    assertThat(browser.awaitElement(By.tagName("main")).getText()).contains("identity.merge", "identity.split");
  }

  /** The record a HubSpot contact is linked to. */
  private String recordOf(String hubspotId) {
    return jdbc.sql("select canonical_id from record_link where tenant_id = ? and connection_id = ? "
            + "and external_id = ? and tombstone is null")
        .params(TENANT, wired.get(0).id(), ids.key(hubspotId)).query(String.class).single();
  }

  /** No inbound job nor write left to do. */
  private boolean settled() {
    return jdbc.sql("select count(*) from sync_job where status = 'PENDING'").query(Long.class).single()
        + jdbc.sql("select count(*) from outbox_task where status = 'PENDING'").query(Long.class).single() == 0;
  }

  @Test
  @SuppressWarnings("unchecked")
  void aHubSpotPropertyIsMappedToANewMergeFieldWithAPreviewAndTheMembersAreUpdated() {
    // the tenant's HubSpot property (mapped through the API, which creates it in HubSpot)
    var admin = org.springframework.web.client.RestClient.builder().baseUrl(base)
        .defaultHeaders(h -> h.setBasicAuth(ConsolePage.ADMIN, ConsolePage.PASSWORD)).build();
    admin.put().uri("/api/connections/{id}/mappings", wired.get(0).id())
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(Map.of("vendor_type", "contact", "fields", List.of(Map.of("canonical", "custom.tier",
            "vendor", "loyalty_tier", "direction", "both")))).retrieve().toBodilessEntity();
    String email = email("tier");
    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Tia", "loyalty_tier", "gold"));
    await().atMost(SYNC).until(() -> vendors.mailchimpMember(email).isPresent() && settled());
    assertThat(tierField()).isEmpty();

    // a record filter the tenant saved through the API, which a save of fields on the page must keep
    String audience = wired.stream().filter(c -> c.system().equals("mailchimp")).findFirst().orElseThrow().id();
    Map<String, Object> withEmail = Map.of("field", "email", "operator", "present", "values", List.of());
    admin.put().uri("/api/connections/{id}/mappings", audience)
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(Map.of("vendor_type", "member", "fields", List.of(), "filter", withEmail)).retrieve()
        .toBodilessEntity();

    browser.open(base + "/console/records?q=" + email);
    browser.awaitElement(By.cssSelector("#results a.open")).click();
    WebElement mailchimpRow = browser.await("the Mailchimp row", d -> d.findElements(By.cssSelector("#targets tbody tr"))
        .stream().filter(r -> r.getText().contains("Mailchimp")).findFirst().orElse(null));
    mailchimpRow.findElement(By.cssSelector("a.mappings")).click();

    WebElement member = browser.awaitElement(By.id("type-member"));
    assertThat(member.findElement(By.cssSelector("table")).getText()).as("the default")
        .contains("email", "email_address", "firstName", "merge_fields.FNAME");
    member.findElement(By.cssSelector("button.add")).click();
    WebElement added = browser.awaitElement(By.cssSelector("#type-member tr.override"));
    added.findElement(By.name("canonical")).sendKeys("custom.tier");
    added.findElement(By.name("vendor")).sendKeys("merge_fields.TIER");
    assertThat(member.findElement(By.name("record")).getAttribute("value")).as("the record it came from")
        .matches("[0-9a-f-]{36}");
    member.findElement(By.cssSelector("button.preview")).click();
    WebElement preview = browser.await("the preview", d -> d.findElements(By.cssSelector("#type-member "
        + ".preview-result tr")).stream().filter(r -> r.getText().startsWith("merge_fields.TIER")).findFirst()
        .orElse(null));
    assertThat(preview.getText()).isEqualTo("merge_fields.TIER gold");
    assertThat(tierField()).as("a preview writes nothing").isEmpty();
    assertThat(mergeField(email)).isNull();

    member.findElement(By.cssSelector("button.save")).click();
    String saved = browser.await("the save", d -> {
      WebElement s = d.findElement(By.id("mappings-status"));
      return s.isDisplayed() ? s.getText() : null;
    });
    assertThat(saved).contains("Saved member mapping version 2.", "Created at the vendor: merge_fields.TIER.",
        "Re-sending 1 of 1 records.");
    Map<String, Object> mapping = admin.get().uri("/api/connections/{id}/mappings", audience).retrieve()
        .body(Map.class);
    assertThat((List<Map<String, Object>>) mapping.get("types")).filteredOn(t -> "member".equals(t.get("vendor_type")))
        .singleElement().satisfies(t -> assertThat((Map<String, Object>) t.get("effective_filter"))
            .as("the saved filter is kept").containsEntry("field", "email").containsEntry("operator", "present"));
    assertThat(tierField()).hasSize(1);
    await().atMost(SYNC).until(() -> "gold".equals(mergeField(email)));
    // the page shows the saved override
    browser.await("the saved override", d -> d.findElements(By.cssSelector("#type-member tr.override")).stream()
        .anyMatch(r -> "merge_fields.TIER".equals(r.findElement(By.name("vendor")).getAttribute("value"))));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> tierField() {
    List<Map<String, Object>> all = (List<Map<String, Object>>) vendors.mailchimp.get()
        .uri("/lists/{list}/merge-fields?count=1000", Vendors.LIST).retrieve().body(Map.class).get("merge_fields");
    return all.stream().filter(f -> "TIER".equals(f.get("tag"))).toList();
  }

  @SuppressWarnings("unchecked")
  private static Object mergeField(String email) {
    return vendors.mailchimpMember(email).map(m -> ((Map<String, Object>) m.get("merge_fields")).get("TIER"))
        .orElse(null);
  }
}
