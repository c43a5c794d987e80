package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.access.Action;
import dev.switchboard.app.access.Permissions;
import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connections.Tenants;
import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may do what in the console, checked over every route the request mappings declare (so a new route is covered
 * without editing this test): the tenant comes from the member, never from the URL — another tenant's ids answer
 * 404 —, every page renders for an owner and a viewer, every change is refused to a viewer and without CSRF.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=" + ConsoleAccessTests.PASSWORD,
    "switchboard.workers.enabled=false",
    "switchboard.public-base-url=http://127.0.0.1:1"})
class ConsoleAccessTests {
  static final String PASSWORD = "console-access-password";
  static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
  /** Console routes: everything but the API, webhooks, public pages (login, setup) and framework endpoints. */
  static final Pattern NOT_CONSOLE = Pattern.compile("^/(api|integrations|webhooks|actuator|error|login|favicon|setup).*");

  @LocalServerPort int port;
  @Autowired Users users;
  @Autowired Tenants tenants;
  @Autowired Connections connections;
  @Autowired ApiTokens tokens;
  @Autowired JdbcClient db;
  @Autowired dev.switchboard.app.sync.SyncOperations sync;
  @Autowired dev.switchboard.app.crypto.Vault vault;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  /** Ids of one tenant's things, by the path variable's name in the route. */
  record Ids(String connection, long deadLetter, String token, String match, String record, String failureGroup) {}

  Ids own;
  Ids other;

  @BeforeEach
  void twoTenants() {
    tenants.ensure("other", "Other Ltd", "GB");
    if (!users.exists("olga")) {
      users.create("olga", PASSWORD);
      users.ensureMember("olga", "other", Role.OWNER);
      users.create("vera", PASSWORD);
      users.ensureMember("vera", "default", Role.VIEWER);
    }
    own = things("default");
    other = things("other");
  }

  private Ids things(String tenantId) {
    String connection = connections.create(tenantId, "hubspot", "HubSpot " + tenantId, Map.of(),
        Map.of("accessToken", "pat-test")).id();
    Timestamp now = Timestamp.from(Instant.now());
    db.sql("insert into outbox_task(tenant_id, connection_id, canonical_id, object_type, version, status, attempts, "
            + "next_attempt_at, enqueued_at, last_error, last_error_code, updated_at) "
            + "values (?, ?, ?, 'contact', 1, 'DEAD', 8, ?, ?, 'refused', 'server_error', ?)")
        .params(tenantId, connection, java.util.UUID.randomUUID().toString(), now, now, now).update();
    long deadLetter = db.sql("select max(id) from outbox_task where tenant_id = ?").param(tenantId)
        .query(Long.class).single();
    String token = tokens.issue(tenantId, "test", ApiTokens.READ, null, "test").id();
    String match = java.util.UUID.randomUUID().toString();
    db.sql("insert into identity_match(id, tenant_id, object_type, record_id, candidate_id, rule, score, reasons, "
            + "status, created_at) values (?, ?, 'contact', ?, ?, 'phone_first_names_differ', 0.8, '[]', 'PENDING', ?)")
        .params(match, tenantId, java.util.UUID.randomUUID().toString(), java.util.UUID.randomUUID().toString(), now)
        .update();
    // a golden record of the tenant's (values encrypted as GoldenRecords stores them), for /api/records/{id}
    String record = java.util.UUID.randomUUID().toString();
    db.sql("insert into golden_record(id, tenant_id, object_type, version, fields_enc, created_at, updated_at) "
            + "values (?, ?, 'contact', 1, ?, ?, ?)")
        .params(record, tenantId, vault.encrypt("{}", "golden:" + record), now, now).update();
    String failureGroup = sync.failureGroups(tenantId).stream().filter(g -> g.connectionId().equals(connection))
        .findFirst().orElseThrow().key();
    return new Ids(connection, deadLetter, token, match, record, failureGroup);
  }

  record Route(String method, String pattern) {
    boolean reads() {
      return method.equals("GET");
    }

    /** Ids of a tenant's own things (a vendor's name, {@code {system}}, is everyone's). */
    boolean hasIds() {
      return pattern.replace("{system}", "").contains("{");
    }

    String path(Ids ids) {
      return pattern.replace("/connect/{system}", "/connect/hubspot")
          .replace("/connections/{id}", "/connections/" + ids.connection())
          .replace("/dead-letters/{id}", "/dead-letters/" + ids.deadLetter())
          .replace("/dead-letters/groups/{key}", "/dead-letters/groups/" + ids.failureGroup())
          .replace("/tokens/{id}", "/tokens/" + ids.token())
          .replace("/identity/matches/{id}", "/identity/matches/" + ids.match())
          .replace("/duplicates/{id}", "/duplicates/" + ids.match())
          .replace("/records/{id}", "/records/" + ids.record());
    }
  }

  /** Every console route the request mappings declare (a mapping without a method counts as GET and POST). */
  List<Route> consoleRoutes() {
    List<Route> routes = new ArrayList<>();
    mappings.getHandlerMethods().keySet().forEach(info -> {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPatternValues()) {
        if (NOT_CONSOLE.matcher(pattern).matches()) {
          continue;
        }
        (methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods)
            .forEach(m -> routes.add(new Route(m.name(), pattern)));
      }
    });
    assertThat(routes).as("the console's routes were found").hasSizeGreaterThan(5);
    return routes;
  }

  @Test
  void everyRouteWithAnotherTenantsIdsAnswers404AndChangesNothing() throws Exception {
    ConsoleHttp owner = signedIn("admin");
    String csrf = csrf(owner);
    List<Route> withIds = consoleRoutes().stream().filter(Route::hasIds).toList();
    assertThat(withIds).isNotEmpty();
    for (Route route : withIds) {
      HttpResponse<String> r = send(owner, route.method(), route.path(other), csrf);
      assertThat(r.statusCode()).as("%s %s with the other tenant's ids", route.method(), route.pattern())
          .isEqualTo(404);
      assertThat(r.body()).doesNotContain("HubSpot other");
    }
    assertThat(connections.find("other", other.connection())).as("not deleted").isPresent()
        .get().extracting(c -> c.status()).isEqualTo("ACTIVE");
    assertThat(db.sql("select status from outbox_task where id = ?").param(other.deadLetter()).query(String.class)
        .single()).as("not replayed").isEqualTo("DEAD");
    assertThat(db.sql("select status from identity_match where id = ?").param(other.match()).query(String.class)
        .single()).as("not decided").isEqualTo("PENDING");
    // the token API takes the tenant from the signed-in user too
    String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes());
    HttpResponse<String> revoke = owner.client.send(HttpRequest.newBuilder(
            URI.create(owner.base + "/api/tokens/" + other.token())).header("Authorization", basic).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(revoke.statusCode()).isEqualTo(404);
    HttpResponse<String> list = owner.client.send(HttpRequest.newBuilder(URI.create(owner.base + "/api/tokens"))
        .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.body()).contains(own.token()).doesNotContain(other.token());
    assertThat(tokens.list("other")).as("not revoked").noneMatch(ApiTokens.Token::revoked);
  }

  /**
   * The API takes the tenant from the token: every {@code /api} route the mappings declare with an id answers 404 to
   * a write token of this tenant given the other tenant's ids ({@code /api/tokens} takes a login: see above; so do a
   * connection's mappings, whose tenancy MappingsApiTests checks).
   */
  @Test
  void everyApiRouteWithAnotherTenantsIdsAnswers404AndChangesNothing() throws Exception {
    String bearer = "Bearer " + tokens.issue("default", "tenancy", ApiTokens.WRITE, null, "test").token();
    List<Route> withIds = new ArrayList<>();
    mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
        .filter(p -> p.startsWith("/api/") && (p.contains("{id}") || p.contains("{key}"))
            && !p.startsWith("/api/tokens")
            && !p.endsWith("/mappings") && !p.contains("/mappings/")) // a login, not a token: MappingsApiTests
        .forEach(p -> (info.getMethodsCondition().getMethods().isEmpty() ? Set.of(RequestMethod.GET)
            : info.getMethodsCondition().getMethods()).forEach(m -> withIds.add(new Route(m.name(), p)))));
    assertThat(withIds).extracting(Route::pattern).contains("/api/connections/{id}", "/api/dead-letters/{id}/replay",
        "/api/dead-letters/groups/{key}/retry", "/api/dead-letters/groups/{key}/discard",
        "/api/identity/matches/{id}/merge", "/api/records/{id}");
    HttpClient client = HttpClient.newHttpClient();
    for (Route route : withIds) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + route.path(other))).header("Authorization", bearer).header("Content-Type", "application/json")
          .method(route.method(), route.reads() ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString("{\"display_name\":\"Mine\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("%s %s with the other tenant's ids", route.method(), route.pattern())
          .isEqualTo(404);
      assertThat(r.body()).doesNotContain("HubSpot other");
    }
    assertThat(connections.find("other", other.connection())).get().satisfies(c -> {
      assertThat(c.status()).isEqualTo("ACTIVE");
      assertThat(c.displayName()).isEqualTo("HubSpot other");
    });
    assertThat(db.sql("select status from outbox_task where id = ?").param(other.deadLetter()).query(String.class)
        .single()).as("not replayed").isEqualTo("DEAD");
    assertThat(db.sql("select status from identity_match where id = ?").param(other.match()).query(String.class)
        .single()).as("not decided").isEqualTo("PENDING");
  }

  @Test
  void everyPageRendersForAnOwnerAndAViewerOfTheirOwnTenant() throws Exception {
    for (String user : List.of("admin", "vera")) {
      ConsoleHttp console = signedIn(user);
      Role role = users.role(user, "default").orElseThrow();
      for (Route route : consoleRoutes().stream().filter(Route::reads).toList()) {
        HttpResponse<String> page = console.get(route.path(own));
        // a GET that changes something (where a vendor's sign-in returns to) names its action like any change
        boolean may = RoutePermissions.action(new MockHttpServletRequest("GET", route.path(own)))
            .map(a -> Permissions.allows(role, a)).orElse(true);
        assertThat(page.statusCode()).as("%s: GET %s", user, route.pattern()).isEqualTo(may ? 200 : 403);
        assertThat(page.body()).as("%s: GET %s", user, route.pattern()).doesNotContainIgnoringCase("exception")
            .doesNotContain("HubSpot other");
      }
    }
    assertThat(signedIn("olga").get("/").body()).contains("HubSpot other").doesNotContain("HubSpot default");
  }

  @Test
  void everyChangeIsRefusedToAViewerAndWithoutCsrf() throws Exception {
    ConsoleHttp viewer = signedIn("vera");
    String csrf = csrf(viewer);
    ConsoleHttp owner = signedIn("admin");
    for (Route route : consoleRoutes().stream().filter(r -> !r.reads()).toList()) {
      // a change every role may take (one's own password) is the only kind a viewer is not refused
      boolean everyone = RoutePermissions.action(new MockHttpServletRequest(route.method(), route.path(own)))
          .filter(a -> Permissions.allows(Role.VIEWER, a)).isPresent();
      int status = send(viewer, route.method(), route.path(own), csrf).statusCode();
      if (everyone) {
        assertThat(status).as("viewer: %s %s", route.method(), route.pattern()).isBetween(200, 399);
      } else {
        assertThat(status).as("viewer: %s %s", route.method(), route.pattern()).isEqualTo(403);
      }
      assertThat(send(owner, route.method(), route.path(own), null).statusCode())
          .as("no CSRF token: %s %s", route.method(), route.pattern()).isEqualTo(403);
    }
    assertThat(connections.find("default", own.connection())).get().extracting(c -> c.status()).isEqualTo("ACTIVE");
    String page = viewer.get("/").body();
    assertThat(page).contains("HubSpot default").doesNotContain("Pause", "Delete…", "Replay");
  }

  @Test
  void everyChangeRouteNamesTheActionItTakes() {
    for (Route route : consoleRoutes().stream().filter(r -> !r.reads()).toList()) {
      MockHttpServletRequest request = new MockHttpServletRequest(route.method(), route.path(own));
      assertThat(RoutePermissions.action(request)).as("%s %s", route.method(), route.pattern()).isPresent();
    }
  }

  @Test
  void theReadmeShowsThePermissionTableTheCodeEnforces() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains(Permissions.markdownTable());
    assertThat(Permissions.allows(Role.VIEWER, Action.VIEW_PII)).isFalse();
    assertThat(Permissions.allows(Role.ADMIN, Action.USERS)).isFalse();
  }

  @Test
  void noTemplateRendersUnescapedTextOrPreprocesses() throws Exception {
    try (var files = Files.walk(Path.of("src", "main", "resources", "templates"))) {
      for (Path template : files.filter(Files::isRegularFile).toList()) { // fragments/ too
        assertThat(Files.readString(template)).as(template.toString()).doesNotContain("th:utext", "__${", "__*{");
      }
    }
  }

  private ConsoleHttp signedIn(String user) throws Exception {
    ConsoleHttp console = new ConsoleHttp(port);
    HttpResponse<String> login = console.login(user, PASSWORD);
    assertThat(login.headers().firstValue("Location").orElse("")).as("%s signs in", user).doesNotContain("login");
    return console;
  }

  private static String csrf(ConsoleHttp console) throws Exception {
    Matcher m = CSRF_META.matcher(console.get("/").body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static HttpResponse<String> send(ConsoleHttp console, String method, String path, String csrf)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(console.base + path)).header("Accept", "text/html")
        .header("HX-Request", "true").method(method, HttpRequest.BodyPublishers.noBody());
    if (csrf != null) {
      b.header("X-CSRF-TOKEN", csrf);
    }
    return console.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
