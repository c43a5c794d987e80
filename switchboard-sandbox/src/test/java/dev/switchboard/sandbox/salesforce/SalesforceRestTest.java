package dev.switchboard.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.TestClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** sObject CRUD, upsert, SOQL, updated/deleted and composite against the emulator, with plain HTTP. */
class SalesforceRestTest {

  static final String TOKEN = "00D5g000004SbxY!sandbox-static-session";
  static final TestClock CLOCK = new TestClock(Instant.parse("2026-01-01T10:00:30Z"));
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of(), CLOCK).resetVendor("salesforce");
  static final Http sf = sandbox.http("/salesforce/services/data/v62.0", Map.of("Authorization", "Bearer " + TOKEN));
  static final Http ctl = sandbox.ctl();

  static String q(String soql) {
    return "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
  }

  static void assertError(Http.Res res, int status, String code) {
    assertThat(res.status()).as(res.body()).isEqualTo(status);
    JsonNode arr = res.json();
    assertThat(arr.isArray()).isTrue();
    assertThat(arr.get(0).get("errorCode").asString()).isEqualTo(code);
    assertThat(arr.get(0).get("message").asString()).isNotBlank();
  }

  @Test
  void versionsResourcesAndDescribe() {
    Http anon = new Http(sandbox.baseUrl() + "/salesforce/services/data", Map.of());
    JsonNode versions = anon.get("/").json();
    assertThat(versions.isArray()).isTrue();
    assertThat(versions.toString()).contains("\"version\":\"62.0\"", "\"url\":\"/services/data/v62.0\"");
    assertThat(sf.get("/").json().get("query").asString()).isEqualTo("/services/data/v62.0/query");
    JsonNode d = sf.get("/sobjects/Contact/describe").json();
    assertThat(d.get("keyPrefix").asString()).isEqualTo("003");
    JsonNode ext = null;
    for (JsonNode f : d.get("fields")) {
      if (f.get("name").asString().equals("Switchboard_Id__c")) {
        ext = f;
      }
    }
    assertThat(ext).isNotNull();
    assertThat(ext.get("externalId").asBoolean()).isTrue();
    assertError(sf.get("/sobjects/Nope/describe"), 404, "NOT_FOUND");
  }

  @Test
  void crudForAllFourTypes() {
    Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
    bodies.put("Contact", Map.of("FirstName", "Ada", "LastName", "Lovelace", "Email", "ada@example.com"));
    bodies.put("Account", Map.of("Name", "Acme", "Industry", "Technology"));
    bodies.put("Lead", Map.of("LastName", "Hopper", "Company", "Navy"));
    bodies.put("Opportunity", Map.of("Name", "Big deal", "StageName", "Prospecting", "CloseDate", "2026-03-01", "Amount", 1200.5));
    Map<String, String> prefixes = Map.of("Contact", "003", "Account", "001", "Lead", "00Q", "Opportunity", "006");
    for (var e : bodies.entrySet()) {
      String type = e.getKey();
      Http.Res created = sf.post("/sobjects/" + type, e.getValue());
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String id = created.json().get("id").asString();
      assertThat(id).hasSize(18).startsWith(prefixes.get(type));
      assertThat(created.json().get("success").asBoolean()).isTrue();
      assertThat(created.json().get("errors").size()).isZero();

      JsonNode rec = sf.get("/sobjects/" + type + "/" + id).json();
      assertThat(rec.get("attributes").get("type").asString()).isEqualTo(type);
      assertThat(rec.get("attributes").get("url").asString()).isEqualTo("/services/data/v62.0/sobjects/" + type + "/" + id);
      assertThat(rec.get("Id").asString()).isEqualTo(id);
      assertThat(rec.get("CreatedDate").asString()).isEqualTo(SalesforceRecords.format(CLOCK.instant().plusMillis(
          Long.parseLong(rec.get("CreatedDate").asString().substring(20, 23)))));
      assertThat(rec.get("LastModifiedDate").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
      assertThat(rec.get("SystemModstamp").asString()).isEqualTo(rec.get("LastModifiedDate").asString());

      String nameField = type.equals("Lead") ? "Company" : type.equals("Contact") ? "LastName" : "Name";
      assertThat(sf.patch("/sobjects/" + type + "/" + id, Map.of(nameField, "Changed")).status()).isEqualTo(204);
      JsonNode some = sf.get("/sobjects/" + type + "/" + id + "?fields=Id," + nameField).json();
      assertThat(some.get(nameField).asString()).isEqualTo("Changed");
      assertThat(some.has("CreatedDate")).isFalse();
      assertThat(some.has("attributes")).isTrue();

      assertThat(sf.delete("/sobjects/" + type + "/" + id).status()).isEqualTo(204);
      assertError(sf.get("/sobjects/" + type + "/" + id), 404, "NOT_FOUND");
    }
    assertThat(sf.get("/sobjects/Opportunity/006000000000000").status()).isEqualTo(404);
  }

  @Test
  void errorArrays() {
    Http.Res missing = sf.post("/sobjects/Contact", Map.of("FirstName", "No last name"));
    assertError(missing, 400, "REQUIRED_FIELD_MISSING");
    assertThat(missing.json().get(0).get("fields").get(0).asString()).isEqualTo("LastName");
    assertError(sf.post("/sobjects/Contact", Map.of("LastName", "X", "Bogus__c", 1)), 400, "INVALID_FIELD");
    String id = sf.post("/sobjects/Contact", Map.of("LastName", "X")).json().get("id").asString();
    assertError(sf.get("/sobjects/Contact/" + id + "?fields=Nope"), 400, "INVALID_FIELD");
    assertError(sf.patch("/sobjects/Contact/" + id, Map.of("CreatedDate", "2020-01-01T00:00:00.000+0000")), 400,
        "INVALID_FIELD_FOR_INSERT_UPDATE");
    sf.post("/sobjects/Account", Map.of("Name", "A", "Switchboard_Id__c", "sb-1"));
    Http.Res dup = sf.post("/sobjects/Account", Map.of("Name", "B", "Switchboard_Id__c", "sb-1"));
    assertError(dup, 400, "DUPLICATE_VALUE");
    assertError(sf.get(q("SELEKT Id FROM Contact")), 400, "MALFORMED_QUERY");
    assertError(sf.get(q("SELECT Id, Nope FROM Contact")), 400, "INVALID_FIELD");
    assertError(new Http(sandbox.baseUrl() + "/salesforce/services/data/v62.0", Map.of()).get("/sobjects/Contact/" + id),
        401, "INVALID_SESSION_ID");
  }

  @Test
  void upsertByExternalIdCreatesThenUpdates() {
    Http.Res first = sf.patch("/sobjects/Contact/Switchboard_Id__c/sb-42", Map.of("LastName", "Turing"));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("created").asBoolean()).isTrue();
    String id = first.json().get("id").asString();
    Http.Res second = sf.patch("/sobjects/Contact/Switchboard_Id__c/sb-42", Map.of("FirstName", "Alan"));
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get("created").asBoolean()).isFalse();
    assertThat(second.json().get("id").asString()).isEqualTo(id);
    Http old = new Http(sandbox.baseUrl() + "/salesforce/services/data/v45.0", Map.of("Authorization", "Bearer " + TOKEN));
    Http.Res legacy = old.patch("/sobjects/Contact/Switchboard_Id__c/sb-42", Map.of("Title", "Dr"));
    assertThat(legacy.status()).isEqualTo(204);
    JsonNode rec = sf.get("/sobjects/Contact/Switchboard_Id__c/sb-42").json();
    assertThat(rec.get("Id").asString()).isEqualTo(id);
    assertThat(rec.get("FirstName").asString()).isEqualTo("Alan");
    assertThat(rec.get("Title").asString()).isEqualTo("Dr");
    assertError(sf.patch("/sobjects/Account/Switchboard_Id__c/a-1?updateOnly=true", Map.of("Name", "Acme")), 404, "NOT_FOUND");
    Http.Res acct = old.patch("/sobjects/Account/Switchboard_Id__c/a-1", Map.of("Name", "Acme"));
    assertThat(acct.status()).isEqualTo(201);
    assertThat(acct.json().has("created")).isFalse();
    assertError(sf.patch("/sobjects/Lead/Switchboard_Id__c/x", Map.of("LastName", "L")), 404, "NOT_FOUND");
  }

  @Test
  void soqlWhereOrderLimitAndPaging() {
    ctl.put("/_sandbox/config", Map.of("vendor", "salesforce", "queryBatchSize", 3));
    for (int i = 1; i <= 8; i++) {
      sf.post("/sobjects/Contact", Map.of("LastName", "P" + i, "Email", "p" + i + "@example.com",
          "LeadSource", i % 2 == 0 ? "Web" : "Phone"));
    }
    JsonNode web = sf.get(q("SELECT Id, LastName FROM Contact WHERE LeadSource = 'web' ORDER BY LastName DESC LIMIT 3")).json();
    assertThat(web.get("totalSize").asInt()).isEqualTo(3);
    assertThat(web.get("done").asBoolean()).isTrue();
    assertThat(web.has("nextRecordsUrl")).isFalse();
    assertThat(web.get("records").get(0).get("LastName").asString()).isEqualTo("P8");
    assertThat(web.get("records").get(0).has("Email")).isFalse();
    assertThat(web.get("records").get(0).get("attributes").get("type").asString()).isEqualTo("Contact");

    JsonNode dated = sf.get(q("SELECT Id FROM Contact WHERE LastModifiedDate > 2026-01-01T00:00:00Z AND "
        + "(Email LIKE 'p1%' OR Email = 'p2@example.com')")).json();
    assertThat(dated.get("totalSize").asInt()).isEqualTo(2);
    assertThat(sf.get(q("SELECT Id FROM Contact WHERE LastModifiedDate > 2027-01-01T00:00:00Z")).json().get("totalSize").asInt())
        .isZero();
    assertError(sf.get(q("SELECT Id FROM Contact WHERE LastModifiedDate > '2027-01-01'")), 400, "INVALID_FIELD");

    JsonNode page = sf.get(q("SELECT Id, LastName FROM Contact ORDER BY LastName")).json();
    assertThat(page.get("totalSize").asInt()).isEqualTo(8);
    Set<String> names = new HashSet<>();
    int pages = 0;
    while (true) {
      pages++;
      page.get("records").forEach(r -> names.add(r.get("LastName").asString()));
      if (page.get("done").asBoolean()) {
        break;
      }
      String next = page.get("nextRecordsUrl").asString();
      assertThat(next).matches("/services/data/v62\\.0/query/01g\\w+-\\d+");
      page = sf.get(next.substring("/services/data/v62.0".length())).json();
    }
    assertThat(pages).isEqualTo(3);
    assertThat(names).hasSize(8);
    assertError(sf.get("/query/01gNOPE-3"), 400, "INVALID_QUERY_LOCATOR");
    assertThat(sf.get(q("SELECT COUNT() FROM Contact WHERE LeadSource IN ('Web','Phone')")).json().get("totalSize").asInt()).isEqualTo(8);
  }

  @Test
  void updatedAndDeletedWindowsAndUiEdit() {
    String a = sf.post("/sobjects/Contact", Map.of("LastName", "A")).json().get("id").asString();
    String b = sf.post("/sobjects/Contact", Map.of("LastName", "B")).json().get("id").asString();
    CLOCK.advance(Duration.ofMinutes(2));
    Http.Res edit = ctl.post("/salesforce/_sandbox/Contact/" + a + "/ui-edit", Map.of("Title", "CEO"));
    assertThat(edit.status()).isEqualTo(200);
    assertThat(edit.json().get("LastModifiedById").asString()).isEqualTo(SalesforceStore.UI_USER);
    sf.delete("/sobjects/Contact/" + b);
    CLOCK.advance(Duration.ofMinutes(2));
    String start = SalesforceRecords.format(CLOCK.instant().minus(Duration.ofMinutes(3)));
    String end = SalesforceRecords.format(CLOCK.instant());
    String window = "?start=" + URLEncoder.encode(start, StandardCharsets.UTF_8) + "&end=" + URLEncoder.encode(end, StandardCharsets.UTF_8);
    JsonNode updated = sf.get("/sobjects/Contact/updated/" + window).json();
    assertThat(updated.get("ids").toString()).contains(a).doesNotContain(b);
    assertThat(updated.get("latestDateCovered").asString()).endsWith(":00.000+0000");
    JsonNode deleted = sf.get("/sobjects/Contact/deleted/" + window).json();
    assertThat(deleted.get("deletedRecords").get(0).get("id").asString()).isEqualTo(b);
    assertThat(deleted.has("earliestDateAvailable")).isTrue();
    String early = "?start=2025-12-31T00:00:00Z&end=2026-01-01T10:00:00Z";
    assertThat(sf.get("/sobjects/Contact/updated/" + early).json().get("ids").size()).isZero();
    JsonNode soql = sf.get(q("SELECT Id, Title FROM Contact WHERE LastModifiedDate > " + start.substring(0, 19) + "Z")).json();
    assertThat(soql.get("totalSize").asInt()).isEqualTo(1);
  }

  @Test
  void compositeCreatePartialAndAllOrNone() {
    List<Map<String, Object>> recs = List.of(
        Map.of("attributes", Map.of("type", "Contact"), "LastName", "Ok"),
        Map.of("attributes", Map.of("type", "Contact"), "FirstName", "Missing"),
        Map.of("attributes", Map.of("type", "Account"), "Name", "Acme"));
    JsonNode partial = sf.post("/composite/sobjects", Map.of("allOrNone", false, "records", recs)).json();
    assertThat(partial.size()).isEqualTo(3);
    assertThat(partial.get(0).get("success").asBoolean()).isTrue();
    assertThat(partial.get(0).get("id").asString()).startsWith("003");
    assertThat(partial.get(1).get("success").asBoolean()).isFalse();
    assertThat(partial.get(1).get("errors").get(0).get("statusCode").asString()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(partial.get(2).get("id").asString()).startsWith("001");
    assertThat(sf.get(q("SELECT COUNT() FROM Contact")).json().get("totalSize").asInt()).isEqualTo(1);

    Http.Res all = sf.post("/composite/sobjects", Map.of("allOrNone", true, "records", recs));
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().get(0).get("errors").get(0).get("statusCode").asString()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(all.json().get(1).get("errors").get(0).get("statusCode").asString()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(sf.get(q("SELECT COUNT() FROM Contact")).json().get("totalSize").asInt()).isEqualTo(1);

    List<Map<String, Object>> tooMany = java.util.Collections.nCopies(201, Map.of("attributes", Map.of("type", "Account"), "Name", "N"));
    assertError(sf.post("/composite/sobjects", Map.of("allOrNone", false, "records", tooMany)), 400, "EXCEEDED_ID_LIMIT");
  }

  @Test
  void defaultBatchIs2000AndSharedControlsSpeakSalesforce() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "salesforce", "contacts", 2001));
    JsonNode first = sf.get(q("SELECT Id FROM Contact")).json();
    assertThat(first.get("totalSize").asInt()).isEqualTo(2001);
    assertThat(first.get("records").size()).isEqualTo(2000);
    assertThat(first.get("nextRecordsUrl").asString()).endsWith("-2000");
    JsonNode last = sf.get(first.get("nextRecordsUrl").asString().substring("/services/data/v62.0".length())).json();
    assertThat(last.get("records").size()).isEqualTo(1);
    assertThat(last.get("done").asBoolean()).isTrue();
    Http small = new Http(sandbox.baseUrl() + "/salesforce/services/data/v62.0",
        Map.of("Authorization", "Bearer " + TOKEN, "Sforce-Query-Options", "batchSize=500"));
    assertThat(small.get(q("SELECT Id FROM Contact")).json().get("records").size()).isEqualTo(500);

    assertError(sf.get("/no/such/resource"), 404, "NOT_FOUND");
    ctl.post("/_sandbox/faults", Map.of("vendor", "salesforce", "outage", true));
    assertError(sf.get("/limits"), 503, "SERVER_UNAVAILABLE");
    ctl.delete("/_sandbox/faults?vendor=salesforce");
    ctl.post("/_sandbox/faults", Map.of("vendor", "salesforce", "rateLimitStorm", true));
    assertError(sf.get("/limits"), 403, "REQUEST_LIMIT_EXCEEDED");
    ctl.delete("/_sandbox/faults?vendor=salesforce");
    assertThat(sf.get("/limits").status()).isEqualTo(200);
  }

  @Test
  void seedCreatesContacts() {
    ctl.post("/_sandbox/seed", Map.of("vendor", "salesforce", "contacts", 3,
        "records", List.of(Map.of("email", "x@example.com", "firstname", "X", "lastname", "Y"))));
    JsonNode r = sf.get(q("SELECT Email FROM Contact ORDER BY Email")).json();
    assertThat(r.get("totalSize").asInt()).isEqualTo(4);
    assertThat(r.get("records").get(0).get("Email").asString()).isEqualTo("seed-0001@example.com");
  }
}
