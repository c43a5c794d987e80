package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The record page by role: an owner sees the values with their provenance and the edit form, and an edit changes the
 * value with the editor as its provenance (an invalid one is refused in words, changing nothing); a viewer sees the
 * same page masked and without the form. Opening is audited either way, without values.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=" + RecordsConsoleTests.PASSWORD,
    "switchboard.workers.enabled=false",
    "switchboard.public-base-url=http://127.0.0.1:1"})
class RecordsConsoleTests {
  static final String PASSWORD = "records-console-password";

  @LocalServerPort int port;
  @Autowired Users users;
  @Autowired JdbcClient db;
  @Autowired Vault vault;
  @Autowired DomainEvents events;
  String record;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @BeforeEach
  void aContact() {
    if (!users.exists("vera")) {
      users.create("vera", PASSWORD);
      users.ensureMember("vera", "default", Role.VIEWER);
    }
    record = UUID.randomUUID().toString();
    Instant at = Instant.parse("2026-12-04T14:02:00Z");
    String fields = "{\"firstName\":{\"value\":\"Rita\",\"system\":\"hubspot\",\"modifiedAt\":\"" + at + "\"},"
        + "\"phone\":{\"value\":\"+14155550142\",\"system\":\"mailchimp\",\"modifiedAt\":\"" + at + "\"}}";
    Timestamp now = Timestamp.from(at);
    db.sql("insert into golden_record(id, tenant_id, object_type, version, fields_enc, created_at, updated_at) "
            + "values (?, 'default', 'contact', 1, ?, ?, ?)")
        .params(record, vault.encrypt(fields, "golden:" + record), now, now).update();
  }

  private ConsoleHttp signedIn(String user) throws Exception {
    ConsoleHttp console = new ConsoleHttp(port);
    console.login(user, PASSWORD);
    return console;
  }

  private long opened(String actor) {
    return events.audit("default", null, null, 1000).stream()
        .filter(e -> "record.open".equals(e.payload().get("action")) && actor.equals(e.payload().get("actor"))
            && ("record:" + record).equals(e.payload().get("target")))
        .count();
  }

  @Test
  void anOwnerSeesValuesWithProvenanceAndEditsAFieldAsThemselves() throws Exception {
    ConsoleHttp owner = signedIn("admin");
    HttpResponse<String> page = owner.get("/console/records/" + record);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(">Rita<", ">+14155550142<", "from HubSpot, 4 Dec 2026 14:02",
        "from Mailchimp, 4 Dec 2026 14:02", "id=\"edit-field\"");
    assertThat(opened("admin")).isEqualTo(1);

    HttpResponse<String> refused = owner.postForm("/console/records/" + record, "/console/records/" + record
        + "/fields", "field", "phone", "value", "not a phone");
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(owner.get("/console/records/" + record).body()).contains("That is not a valid value for phone.")
        .contains(">+14155550142<");

    HttpResponse<String> saved = owner.postForm("/console/records/" + record, "/console/records/" + record
        + "/fields", "field", "firstName", "value", "Margarita");
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(saved.headers().firstValue("Location").orElse("")).endsWith("/console/records/" + record);
    String after = owner.get("/console/records/" + record).body();
    assertThat(after).contains("<td class=\"value\">Margarita</td>", "edited in Switchboard by admin, ")
        .doesNotContain("<td class=\"value\">Rita</td>");
    assertThat(events.audit("default", null, null, 1000)).anySatisfy(e -> {
      assertThat(e.payload()).containsEntry("action", "record.edit").containsEntry("field", "firstName");
      assertThat(e.payload().toString()).doesNotContain("Margarita");
    });
  }

  @Test
  void aViewerSeesTheRecordMaskedAndCannotEditIt() throws Exception {
    ConsoleHttp viewer = signedIn("vera");
    HttpResponse<String> page = viewer.get("/console/records/" + record);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(">R•••<", ">•••42<", "from HubSpot, 4 Dec 2026 14:02", "Values are masked")
        .doesNotContain("Rita", "+14155550142", "edit-field");
    assertThat(opened("vera")).isEqualTo(1);
    // (the CSRF token of a form the viewer has: the record page shows none)
    assertThat(viewer.postForm("/console/account", "/console/records/" + record + "/fields",
        "field", "firstName", "value", "Eve").statusCode()).isEqualTo(403);
    assertThat(signedIn("admin").get("/console/records/" + record).body()).contains(">Rita<");
  }
}
