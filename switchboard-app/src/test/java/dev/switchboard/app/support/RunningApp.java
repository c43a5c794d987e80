package dev.switchboard.app.support;

import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connections.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app on a random port with an in-memory database and no workers (nothing is synced, so no vendor is
 * needed; vendor base URLs point at a closed port). It is deployed the way it runs behind a TLS proxy: public URL
 * {@value #PUBLIC_BASE_URL}, the only trusted proxy {@value #TRUSTED_PROXY}, so a test connecting from 127.0.0.1
 * is a stranger and one connecting from {@value #TRUSTED_PROXY} is the proxy. Subclasses share one application
 * context (and database): use fresh tenant, portal and event ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningApp {
  public static final String PUBLIC_BASE_URL = "https://sync.example.com";
  public static final String TRUSTED_PROXY = "127.0.0.2";
  public static final String HUBSPOT_APP_SECRET = "test-hubspot-app-client-secret";
  public static final String API_TOKEN = "sbt_running_app_" + UUID.randomUUID();
  public static final String TENANT = "default";
  /** The one extra vendor host this deployment allows ({@code SWITCHBOARD_ALLOWED_VENDOR_HOSTS}); nothing listens. */
  public static final String ALLOWED = "127.0.0.1:9";

  @LocalServerPort protected int port;
  @Autowired protected Tenants tenants;
  @Autowired protected ApiTokens tokens;
  @Autowired protected Connections connections;
  @Autowired protected JdbcClient db;
  @Autowired protected dev.switchboard.app.sync.ExternalIds externalIds;
  @Autowired protected MeterRegistry meters;

  @DynamicPropertySource
  static void runningAppProperties(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
    r.add("switchboard.master-key", () -> "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=");
    r.add("switchboard.admin.password", () -> "running-app-admin-password");
    r.add("switchboard.workers.enabled", () -> false);
    // initialised at start, so that the first request's log lines are its own
    r.add("spring.mvc.servlet.load-on-startup", () -> 1);
    r.add("switchboard.public-base-url", () -> PUBLIC_BASE_URL);
    r.add("switchboard.trusted-proxies", () -> TRUSTED_PROXY + "/32");
    r.add("switchboard.connectors.hubspot.client-secret", () -> HUBSPOT_APP_SECRET);
    r.add("switchboard.connectors.hubspot.base-url", () -> "http://127.0.0.1:1/hubspot");
    r.add("switchboard.connectors.mailchimp.base-url", () -> "http://127.0.0.1:1/mailchimp/3.0");
    r.add("switchboard.connectors.allowed-hosts", () -> ALLOWED);
  }

  @BeforeEach
  void registerApiToken() {
    tokens.register(TENANT, "running-app", API_TOKEN);
  }

  /** Requests from 127.0.0.1: not a trusted proxy. */
  protected RawHttp http() {
    return RawHttp.to(port);
  }

  /** Requests from the trusted proxy's address. */
  protected RawHttp proxy() {
    return RawHttp.from(TRUSTED_PROXY, port);
  }

  protected static String bearer() {
    return "Authorization: Bearer " + API_TOKEN;
  }

  /** A connection made directly in the database (no vendor check) for {@code tenant}'s account. */
  protected Connection connect(String tenant, String system, String account, Map<String, String> credentials) {
    tenants.ensure(tenant, tenant, "US");
    Connection c = connections.create(tenant, system, system + " " + account, Map.of(), credentials);
    connections.setAccount(tenant, c.id(), account);
    return connections.find(tenant, c.id()).orElseThrow();
  }

  protected double counter(String name, String... tags) {
    Counter c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  /** The console lines written while {@code action} ran (the request is over when a {@link RawHttp} call returns). */
  protected static List<String> linesDuring(CapturedOutput output, Runnable action) {
    int before = output.getAll().length();
    action.run();
    String added = output.getAll().substring(before);
    return added.isEmpty() ? List.of() : Arrays.stream(added.split("\\R")).filter(l -> !l.isBlank()).toList();
  }
}
