package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.RawHttp;
import dev.switchboard.app.support.RunningApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A request whose URL or form body is not valid percent-encoded UTF-8, or that Spring Security's firewall
 * refuses, is answered 400 with a problem body on every route, and costs at most one log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestTests extends RunningApp {

  record Case(String method, String target, List<String> headers, String body) {
    @Override
    public String toString() {
      return method + " " + target + " " + headers;
    }
  }

  private static Case get(String target, String... headers) {
    return new Case("GET", target, List.of(headers), "");
  }

  private static Case post(String target, String contentType, String body, String... headers) {
    List<String> h = new ArrayList<>(List.of(headers));
    h.add("Content-Type: " + contentType);
    return new Case("POST", target, h, body);
  }

  @Test
  void malformedQueryStringsAndFormBodiesAre400WithOneLogLineOnEveryRoute(CapturedOutput output) {
    List<Case> cases = List.of(
        post("/webhooks/crm/hubspot?a=%", "application/json", "[]"),
        post("/webhooks/marketing/mailchimp?secret=%zz", "application/x-www-form-urlencoded", "type=subscribe"),
        get("/api/events?x=%zz", bearer()),
        get("/api/events?x=%zz"),
        get("/api/events?name=%C3%28", bearer()),
        get("/?%zz"),
        get("/actuator/health?%"),
        get("/login?a=%E2%82"),
        post("/api/connections", "application/x-www-form-urlencoded", "system=%zz", bearer()),
        post("/integrations/crm/hubspot/upsert", "application/x-www-form-urlencoded", "a=%", bearer()),
        post("/login", "application/x-www-form-urlencoded", "username=%zz&password=x"),
        // what Tomcat's parser refuses though every escape is fine: a pair without a name
        get("/?a=1&=x"),
        new Case("HEAD", "/console/status?a=1&=", List.of(), ""));
    for (Case c : cases) {
      List<String> lines = new ArrayList<>();
      RawHttp.Response[] response = new RawHttp.Response[1];
      lines.addAll(linesDuring(output, () -> response[0] = http().send(c.method(), c.target(), c.headers(), c.body())));
      assertThat(response[0].status()).as("%s → %s", c, response[0].body()).isEqualTo(400);
      assertThat(response[0].header("Content-Type")).as("%s", c).startsWith("application/problem+json");
      if (!c.method().equals("HEAD")) {
        assertThat(response[0].body()).as("%s", c).contains("\"status\":400").contains("\"error_code\":\"malformed_");
      }
      assertThat(lines).as("log lines of %s", c).hasSizeLessThanOrEqualTo(1);
    }
  }

  /**
   * Nothing reads the form body of a POST to a path without a route, but the 404's error page did, and Tomcat's
   * parse failure there logged two stack traces.
   */
  @Test
  void anUnreadableFormBodyCannotFailTheErrorPageOfARefusedRequest(CapturedOutput output) {
    RawHttp.Response[] r = new RawHttp.Response[1];
    List<String> lines = linesDuring(output, () -> r[0] = http().send("POST", "/webhooks/crm/hubspot/extra",
        List.of("Content-Type: application/x-www-form-urlencoded"), "a=%zz&b=%C3%28"));
    assertThat(r[0].status()).as(r[0].body()).isEqualTo(404);
    assertThat(lines).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void aWildcardContentTypeIs415AndTheErrorPageItselfIs404(CapturedOutput output) {
    RawHttp.Response[] r = new RawHttp.Response[1];
    List<String> lines = linesDuring(output, () -> r[0] = http().send("POST", "/integrations/crm/hubspot/upsert",
        List.of(bearer(), "Content-Type: */*"), "{}"));
    assertThat(r[0].status()).as(r[0].body()).isEqualTo(415);
    assertThat(r[0].header("Content-Type")).startsWith("application/problem+json");
    assertThat(lines).hasSizeLessThanOrEqualTo(1);
    lines = linesDuring(output, () -> r[0] = http().get("/error?a=1"));
    assertThat(r[0].status()).as(r[0].body()).isEqualTo(404);
    assertThat(lines).isEmpty();
  }

  @Test
  void requestsTheFirewallRefusesAre400WithOneLogLineThatQuotesNothingFromThem(CapturedOutput output) {
    List<Case> cases = List.of(
        get("/api/events%25x", bearer()),
        post("/webhooks/crm/hubspot;jsessionid=SECRETSESSION", "application/json", "[]"),
        get("/actuator//health"),
        get("/api/events", "Authorization: Bearer SECRET\u0085HEADER"),
        post("/webhooks/crm/hubspot", "application/json", "[]", "X-Probe: SECRET\u0085HEADER"),
        new Case("FOO", "/api/events", List.of(bearer()), ""));
    for (Case c : cases) {
      RawHttp.Response[] response = new RawHttp.Response[1];
      List<String> lines = linesDuring(output, () -> response[0] = http().send(c.method(), c.target(), c.headers(), c.body()));
      assertThat(response[0].status()).as("%s → %s", c, response[0].body()).isEqualTo(400);
      assertThat(response[0].header("Content-Type")).as("%s", c).startsWith("application/problem+json");
      assertThat(response[0].body()).as("%s", c).contains("\"error_code\":\"request_rejected\"");
      assertThat(lines).as("log lines of %s", c).hasSizeLessThanOrEqualTo(1);
      assertThat(String.join("\n", lines)).doesNotContain("SECRETSESSION").doesNotContain("SECRETHEADER");
    }
  }
}
