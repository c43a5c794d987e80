package dev.switchboard.app;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.Users;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.ConsoleHttp;
import dev.switchboard.app.support.TestDatabases;
import dev.switchboard.app.sync.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Password guessing against the console, over HTTP as an attacker would do it, with the clock moved by hand:
 * after 40 wrong passwords the right one is refused too (the login page says to wait; HTTP Basic answers 429
 * with Retry-After) until the lock has passed. Clients on other loopback addresses stand for other machines.
 * Each test uses its own accounts and addresses, so their counters do not meet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=" + LoginThrottlingTests.PASSWORD,
    "switchboard.workers.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LoginThrottlingTests {
  static final String PASSWORD = "right-admin-password";
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));

  enum Outcome { SIGNED_IN, WRONG, LOCKED }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    Clock testClock() {
      return CLOCK;
    }
  }

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient db;
  @Autowired Users users;

  @Test
  void fortyWrongPasswordsThenTheRightOneIsRefusedUntilTheLockHasPassed() throws Exception {
    ConsoleHttp attacker = new ConsoleHttp(port, "127.0.0.1");
    Map<Outcome, Long> outcomes = IntStream.range(0, 40).mapToObj(i -> login(attacker, "admin", "guess-" + i))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(outcomes).as("5 free failures + the one that locks are checked; the rest are refused unchecked")
        .containsExactlyInAnyOrderEntriesOf(Map.of(Outcome.WRONG, 6L, Outcome.LOCKED, 34L));

    HttpResponse<String> right = new ConsoleHttp(port, "127.0.0.1").login("admin", PASSWORD);
    assertThat(outcome(right)).isEqualTo(Outcome.LOCKED);
    String page = attacker.get(location(right)).body();
    assertThat(page).contains("Too many failed sign-in attempts. Please wait 1 second, then try again.");
    HttpResponse<String> script = basic("127.0.0.1", "admin", PASSWORD);
    assertThat(script.statusCode()).isEqualTo(429);
    assertThat(script.headers().firstValue("Retry-After")).hasValue("1");

    CLOCK.advance(Duration.ofSeconds(1));
    ConsoleHttp owner = new ConsoleHttp(port, "127.0.0.1");
    assertThat(outcome(owner.login("admin", PASSWORD))).isEqualTo(Outcome.SIGNED_IN);
    assertThat(owner.get("/").statusCode()).isEqualTo(200);
    assertThat(basic("127.0.0.1", "admin", PASSWORD).statusCode()).as("the success reset the account").isEqualTo(200);
  }

  @Test
  void anotherAddressAndAnotherAccountAreLockedOnlyByTheirOwnCounters() throws Exception {
    account("owner");
    account("ops");
    ConsoleHttp x = new ConsoleHttp(port, "127.0.0.2");
    for (int i = 0; i < 40; i++) {
      login(x, "owner", "guess-" + i);
    }
    assertThat(signIn("127.0.0.3", "ops")).as("another account from another address").isEqualTo(Outcome.SIGNED_IN);
    assertThat(signIn("127.0.0.3", "owner")).as("the locked account, from anywhere").isEqualTo(Outcome.LOCKED);
    assertThat(signIn("127.0.0.2", "ops")).as("another account from the same address, within its 20 failures")
        .isEqualTo(Outcome.SIGNED_IN);

    // 127.0.0.2 now sprays other usernames: 6 failures so far, 14 more are free, the 15th is checked and locks it
    for (int i = 0; i < 15; i++) {
      assertThat(login(x, "user" + i, "guess")).isEqualTo(Outcome.WRONG);
    }
    assertThat(signIn("127.0.0.2", "ops")).as("per-address rule").isEqualTo(Outcome.LOCKED);
    assertThat(signIn("127.0.0.3", "ops")).isEqualTo(Outcome.SIGNED_IN);
    assertThat(basic("127.0.0.3", "ops", PASSWORD).statusCode()).isEqualTo(200);
  }

  private Outcome signIn(String from, String username) {
    return login(new ConsoleHttp(port, from), username, PASSWORD);
  }

  private Outcome login(ConsoleHttp client, String username, String password) {
    try {
      return outcome(client.login(username, password));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Outcome outcome(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("login answers with a redirect").isEqualTo(302);
    String to = location(response);
    return to.startsWith("/login?wait=") ? Outcome.LOCKED : to.equals("/login?error") ? Outcome.WRONG : Outcome.SIGNED_IN;
  }

  private static String location(HttpResponse<?> response) {
    String to = response.headers().firstValue("Location").orElse("");
    return to.startsWith("http") ? URI.create(to).getRawPath() + (URI.create(to).getRawQuery() == null ? ""
        : "?" + URI.create(to).getRawQuery()) : to;
  }

  /** A script: HTTP Basic on the token API (an owner's or admin's login), no session. */
  private HttpResponse<String> basic(String from, String username, String password) throws Exception {
    ConsoleHttp scraper = new ConsoleHttp(port, from);
    String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return scraper.client.send(HttpRequest.newBuilder(URI.create(scraper.base + "/api/tokens"))
        .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void account(String username) {
    users.create(username, PASSWORD);
    users.ensureMember(username, "default", Role.OWNER); // the token API takes an owner's or admin's login
  }
}
