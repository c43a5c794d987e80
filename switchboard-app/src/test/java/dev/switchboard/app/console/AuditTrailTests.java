package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit trail: sign-ins and their failures, console actions, with actor and address; a page with filters and a
 * CSV export of the member's tenant only; masked for a viewer; nothing in it runs as markup or as a formula.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=" + AuditTrailTests.PASSWORD,
    "switchboard.workers.enabled=false",
    "switchboard.public-base-url=http://127.0.0.1:1"})
class AuditTrailTests {
  static final String PASSWORD = "audit-admin-password";
  static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
  static final String ODD = "=HYPERLINK(\"x\")<img src=x onerror=alert(1)>";

  @LocalServerPort int port;
  @Autowired Users users;
  @Autowired Connections connections;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient db;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @Test
  void signInsAndActionsAreListedFilteredExportedAndMaskedForAViewer() throws Exception {
    users.create("victor", PASSWORD);
    users.ensureMember("victor", "default", Role.VIEWER);
    users.create(ODD, PASSWORD);
    users.ensureMember(ODD, "default", Role.ADMIN);
    String connection = connections.create("default", "hubspot", "HubSpot", Map.of(), Map.of("accessToken", "x")).id();

    new ConsoleHttp(port).login("admin", "wrong password");
    new ConsoleHttp(port).login("nobody-knows-me", "whatever");
    ConsoleHttp admin = new ConsoleHttp(port);
    admin.login("admin", PASSWORD);
    HttpResponse<String> pause = admin.client.send(HttpRequest.newBuilder(
            URI.create(admin.base + "/console/connections/" + connection + "/pause")).header("HX-Request", "true")
        .header("X-CSRF-TOKEN", csrf(admin)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(pause.statusCode()).isEqualTo(200);
    new ConsoleHttp(port).login(ODD, PASSWORD);

    String page = admin.get("/console/audit").body();
    assertThat(page).contains("login.failed", "login.succeeded", "connection.pause", "127.0.0.1",
        "connection:" + connection).doesNotContain("nobody-knows-me", "<img src=x");
    assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;");
    String logins = admin.get("/console/audit?action=login&actor=admin").body();
    assertThat(logins).contains("login.failed", "login.succeeded").doesNotContain("connection.pause");
    assertThat(admin.get("/console/audit?from=2000-01-01&to=2000-01-02").body()).contains("Nothing recorded matches");

    HttpResponse<String> csv = admin.get("/console/audit.csv?action=login");
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("id,at,actor,ip,action,target,details\r\n").contains("\"login.succeeded\"")
        .contains("\"'=HYPERLINK(\"\"x\"\")").doesNotContain("connection.pause");

    ConsoleHttp viewer = new ConsoleHttp(port);
    viewer.login("victor", PASSWORD);
    String masked = viewer.get("/console/audit?action=connection").body();
    assertThat(masked).contains("connection.pause", "a•••", "•••").doesNotContain("127.0.0.1");
  }

  /** The application's own Flyway run installs the database guard (migration 12.1 is a bean, not a file). */
  @Test
  void theRunningAppsDatabaseRefusesToChangeOrDeleteAnAuditEntry() throws Exception {
    new ConsoleHttp(port).login("admin", "wrong password");
    long id = db.sql("select max(id) from domain_event where name = 'audit.logged'").query(Long.class).single();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.sql("update domain_event set payload_json = '{}' "
        + "where id = ?").param(id).update()).isInstanceOf(org.springframework.dao.DataAccessException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.sql("delete from domain_event where id = ?")
        .param(id).update()).isInstanceOf(org.springframework.dao.DataAccessException.class);
  }

  private static String csrf(ConsoleHttp console) throws Exception {
    Matcher m = CSRF_META.matcher(console.get("/").body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
