package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.support.TestDatabases;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The admin console as an operator uses it: log in, read the dashboard, replay a failed write. */
class ConsoleTests extends E2eSupport {
  static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    configure(r, TestDatabases.freshH2Url(), Map.of("switchboard.retry.max-attempts", 2));
  }

  @Test
  void operatorLogsInSeesConnectionsAndReplaysADeadLetter() throws Exception {
    String base = "http://127.0.0.1:" + appPort;
    HttpClient anonymous = HttpClient.newHttpClient();
    HttpResponse<String> redirect = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/"))
        .header("Accept", "text/html,application/xhtml+xml").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location").orElse("")).endsWith("/login");
    // a script without a browser's Accept header gets a plain 401 instead of a login page (no Basic challenge)
    HttpResponse<String> script = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(script.statusCode()).isEqualTo(401);
    assertThat(script.headers().firstValue("WWW-Authenticate")).isEmpty();

    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    String loginPage = get(browser, base + "/login").body();
    String form = "username=admin&password=" + URLEncoder.encode("test-admin-password", StandardCharsets.UTF_8)
        + "&_csrf=" + URLEncoder.encode(group(CSRF_INPUT, loginPage), StandardCharsets.UTF_8);
    HttpResponse<String> dashboard = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("HubSpot (sandbox)", "Mailchimp (sandbox)", "customers", "No alerts.");

    // a write that fails permanently shows up, with its replay button (once Mailchimp's first sync is done: until
    // then creates in it wait, and a Mailchimp failing everything would keep them waiting, not dead-lettered)
    quietStart();
    String email = email("console");
    vendors.faults(Map.of("vendor", "mailchimp", "errorRate", 1.0));
    vendors.createHubSpotContact(Map.of("email", email, "firstname", "Con"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !api.get().uri("/api/dead-letters").retrieve().body(List.class).isEmpty());
    String page = get(browser, base + "/").body();
    assertThat(page).contains("Replay").contains("server_error").doesNotContain(email);
    Matcher replay = Pattern.compile("hx-post=\"(/console/dead-letters/\\d+/replay)\"").matcher(page);
    assertThat(replay.find()).isTrue();

    vendors.clearFaults();
    HttpResponse<String> fragment = browser.send(HttpRequest.newBuilder(URI.create(base + replay.group(1)))
        .header("X-CSRF-TOKEN", group(CSRF_META, page)).header("HX-Request", "true")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(fragment.statusCode()).isEqualTo(200);
    assertThat(fragment.body()).startsWith("<main").doesNotContain("<html");
    await().atMost(Duration.ofSeconds(15)).until(() -> vendors.mailchimpMember(email).isPresent());
    assertThat(get(browser, base + "/console/status").body()).contains("None.");

    // without the CSRF token the same action is refused
    HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(URI.create(base + replay.group(1)))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as("pattern %s in page", p).isTrue();
    return m.group(1);
  }
}
