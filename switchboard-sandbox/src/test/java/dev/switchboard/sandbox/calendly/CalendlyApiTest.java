package dev.switchboard.sandbox.calendly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Calendly REST emulation over plain HTTP: resources, paging, filters, cancellation, no-shows, errors, rate limits. */
class CalendlyApiTest {

  static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-02T08:00:00Z"));
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of(), CLOCK);
  static final Http api = sandbox.http("/calendly", Map.of("Authorization", "Bearer calendly-sandbox-pat"));
  static final Http ctl = sandbox.ctl();
  static String base;

  @BeforeAll
  static void urls() {
    base = sandbox.baseUrl() + "/calendly";
  }

  static JsonNode book(String email, String start) {
    Http.Res r = ctl.post("/_sandbox/calendly/book", Map.of("event_type", base + "/event_types/SANDBOXET30MIN01",
        "invitee", Map.of("email", email, "name", "Ada Lovelace"), "start_time", start));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static String uuid(JsonNode uri) {
    return CalendlyUris.id(uri.asString());
  }

  @Test
  void currentUserOrganizationAndMemberships() {
    JsonNode me = api.get("/users/me").json().get("resource");
    assertThat(me.get("uri").asString()).isEqualTo(base + "/users/SANDBOXUSER00001");
    assertThat(me.get("email").asString()).isEqualTo("sandy@sandbox.example.com");
    String org = me.get("current_organization").asString();
    assertThat(api.get("/organizations/" + CalendlyUris.id(org)).json().get("resource").get("uri").asString()).isEqualTo(org);
    JsonNode ms = api.get("/organization_memberships?organization=" + org).json();
    assertThat(ms.get("collection").get(0).get("user").get("uri").asString()).isEqualTo(me.get("uri").asString());
    assertThat(ms.get("pagination").get("count").asInt()).isEqualTo(1);
  }

  @Test
  void errorShapesFor401And404And400() {
    Http.Res noAuth = new Http(base, Map.of()).get("/users/me");
    assertThat(noAuth.status()).isEqualTo(401);
    assertThat(noAuth.json().get("title").asString()).isEqualTo("Unauthenticated");
    assertThat(noAuth.json().get("message").asString()).isEqualTo("The access token is invalid");
    assertThat(new Http(base, Map.of("Authorization", "Bearer wrong")).get("/users/me").status()).isEqualTo(401);
    for (String path : List.of("/scheduled_events/nope", "/event_types/nope", "/no/such/path")) {
      Http.Res r = api.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().get("title").asString()).isEqualTo("Resource Not Found");
      assertThat(r.json().get("message").asString()).isEqualTo("The server could not find the requested resource.");
    }
    Http.Res bad = api.get("/scheduled_events");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("title").asString()).isEqualTo("Invalid Argument");
    assertThat(bad.json().get("details").get(0).get("parameter").asString()).isEqualTo("organization");
    Http.Res tooMany = api.get("/event_types?user=" + base + "/users/SANDBOXUSER00001&count=101");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("details").get(0).get("parameter").asString()).isEqualTo("count");
  }

  @Test
  void eventTypesPageWithTokensAndNextPageUrls() {
    JsonNode first = api.get("/event_types?user=" + base + "/users/SANDBOXUSER00001&count=1").json();
    assertThat(first.get("collection")).hasSize(1);
    assertThat(first.get("collection").get(0).get("slug").asString()).isEqualTo("30min");
    JsonNode p = first.get("pagination");
    assertThat(p.get("previous_page").isNull()).isTrue();
    assertThat(p.get("next_page").asString()).contains("page_token=" + p.get("next_page_token").asString());
    String next = p.get("next_page").asString().substring(base.length());
    JsonNode second = api.get(next).json();
    assertThat(second.get("collection").get(0).get("slug").asString()).isEqualTo("60min");
    assertThat(second.get("pagination").get("next_page_token").isNull()).isTrue();
    assertThat(second.get("pagination").get("previous_page_token").isNull()).isFalse();
    JsonNode et = api.get("/event_types/SANDBOXET60MIN01").json().get("resource");
    assertThat(et.get("duration").asInt()).isEqualTo(60);
    assertThat(et.get("profile").get("owner").asString()).isEqualTo(base + "/users/SANDBOXUSER00001");
  }

  @Test
  void scheduledEventsFilterByTimeStatusEmailAndPage() {
    book("a@example.com", "2026-03-10T09:00:00Z");
    book("b@example.com", "2026-03-11T09:00:00Z");
    JsonNode c = book("c@example.com", "2026-03-12T09:00:00Z");
    book("d@example.com", "2026-03-13T09:00:00Z");
    assertThat(api.post("/scheduled_events/" + uuid(c.get("scheduled_event").get("uri")) + "/cancellation",
        Map.of("reason", "conflict")).status()).isEqualTo(201);
    String org = "organization=" + base + "/organizations/SANDBOXORG000001";
    JsonNode all = api.get("/scheduled_events?" + org).json();
    assertThat(all.get("collection")).hasSize(4);
    assertThat(all.get("collection").get(0).get("start_time").asString()).isEqualTo("2026-03-10T09:00:00.000000Z");
    assertThat(all.get("collection").get(0).get("end_time").asString()).isEqualTo("2026-03-10T09:30:00.000000Z");
    JsonNode window = api.get("/scheduled_events?" + org + "&min_start_time=2026-03-11T09:00:00Z&max_start_time=2026-03-13T09:00:00Z").json();
    assertThat(window.get("collection")).hasSize(2);
    JsonNode active = api.get("/scheduled_events?user=" + base + "/users/SANDBOXUSER00001&status=active&sort=start_time:desc").json();
    assertThat(active.get("collection")).hasSize(3);
    assertThat(active.get("collection").get(0).get("start_time").asString()).startsWith("2026-03-13");
    assertThat(api.get("/scheduled_events?" + org + "&status=canceled").json().get("collection").get(0)
        .get("cancellation").get("reason").asString()).isEqualTo("conflict");
    assertThat(api.get("/scheduled_events?" + org + "&invitee_email=b@example.com").json().get("collection")).hasSize(1);
    JsonNode page1 = api.get("/scheduled_events?" + org + "&count=3").json();
    assertThat(page1.get("collection")).hasSize(3);
    String token = page1.get("pagination").get("next_page_token").asString();
    JsonNode page2 = api.get("/scheduled_events?" + org + "&count=3&page_token=" + token).json();
    assertThat(page2.get("collection")).hasSize(1);
    assertThat(page2.get("pagination").get("count").asInt()).isEqualTo(1);
    assertThat(api.get("/scheduled_events?" + org + "&page_token=garbage").status()).isEqualTo(400);
  }

  @Test
  void inviteesAndCancellation() {
    JsonNode booked = book("ada@example.com", "2026-03-10T10:00:00Z");
    String ev = uuid(booked.get("scheduled_event").get("uri"));
    JsonNode list = api.get("/scheduled_events/" + ev + "/invitees").json();
    JsonNode inv = list.get("collection").get(0);
    assertThat(inv.get("email").asString()).isEqualTo("ada@example.com");
    assertThat(inv.get("first_name").asString()).isEqualTo("Ada");
    assertThat(inv.get("last_name").asString()).isEqualTo("Lovelace");
    assertThat(inv.get("status").asString()).isEqualTo("active");
    assertThat(inv.get("event").asString()).isEqualTo(base + "/scheduled_events/" + ev);
    assertThat(inv.get("rescheduled").asBoolean()).isFalse();
    assertThat(api.get("/scheduled_events/" + ev + "/invitees/" + uuid(inv.get("uri"))).json().get("resource").get("uri"))
        .isEqualTo(inv.get("uri"));
    Http.Res cancel = api.post("/scheduled_events/" + ev + "/cancellation", Map.of("reason", "sick"));
    assertThat(cancel.status()).isEqualTo(201);
    assertThat(cancel.json().get("resource").get("canceled_by").asString()).isEqualTo("Sandy Sandbox");
    assertThat(cancel.json().get("resource").get("canceler_type").asString()).isEqualTo("host");
    assertThat(api.get("/scheduled_events/" + ev).json().get("resource").get("status").asString()).isEqualTo("canceled");
    JsonNode after = api.get("/scheduled_events/" + ev + "/invitees?status=canceled").json().get("collection").get(0);
    assertThat(after.get("cancellation").get("reason").asString()).isEqualTo("sick");
    assertThat(api.post("/scheduled_events/" + ev + "/cancellation", Map.of()).status()).isEqualTo(403);
  }

  @Test
  void noShowsMarkAndUnmark() {
    JsonNode booked = book("ada@example.com", "2026-03-10T10:00:00Z");
    String invUri = booked.get("resource").get("uri").asString();
    Http.Res created = api.post("/invitee_no_shows", Map.of("invitee", invUri));
    assertThat(created.status()).isEqualTo(201);
    String ns = created.json().get("resource").get("uri").asString();
    assertThat(created.json().get("resource").get("invitee").asString()).isEqualTo(invUri);
    String invPath = invUri.substring(base.length());
    assertThat(api.get(invPath).json().get("resource").get("no_show").get("uri").asString()).isEqualTo(ns);
    assertThat(api.get("/invitee_no_shows/" + CalendlyUris.id(ns)).status()).isEqualTo(200);
    assertThat(api.post("/invitee_no_shows", Map.of("invitee", invUri)).status()).isEqualTo(400);
    assertThat(api.delete("/invitee_no_shows/" + CalendlyUris.id(ns)).status()).isEqualTo(204);
    assertThat(api.get(invPath).json().get("resource").get("no_show").isNull()).isTrue();
    assertThat(api.get("/invitee_no_shows/" + CalendlyUris.id(ns)).status()).isEqualTo(404);
  }

  @Test
  void rescheduleCancelsOldInviteeAndLinksTheNewOne() {
    JsonNode booked = book("ada@example.com", "2026-03-10T10:00:00Z");
    String oldUuid = uuid(booked.get("resource").get("uri"));
    JsonNode r = ctl.post("/_sandbox/calendly/invitees/" + oldUuid + "/reschedule", Map.of("start_time", "2026-03-17T10:00:00Z")).json();
    JsonNode old = r.get("old_invitee");
    JsonNode fresh = r.get("new_invitee");
    assertThat(old.get("status").asString()).isEqualTo("canceled");
    assertThat(old.get("rescheduled").asBoolean()).isTrue();
    assertThat(old.get("new_invitee").asString()).isEqualTo(fresh.get("uri").asString());
    assertThat(fresh.get("old_invitee").asString()).isEqualTo(old.get("uri").asString());
    assertThat(api.get(fresh.get("event").asString().substring(base.length())).json().get("resource").get("start_time").asString())
        .isEqualTo("2026-03-17T10:00:00.000000Z");
  }

  @Test
  void rateLimitHeadersAnd429UntilTheMinuteIsOver() {
    ctl.put("/_sandbox/config", Map.of("vendor", "calendly", "rateLimitPerMinute", 3));
    CLOCK.advance(Duration.ofMinutes(2)); // start a fresh window
    for (int i = 2; i >= 0; i--) {
      Http.Res ok = api.get("/users/me");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("3");
      assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(i));
      assertThat(ok.header("X-RateLimit-Reset")).isEqualTo("60");
    }
    CLOCK.advance(Duration.ofSeconds(20));
    Http.Res limited = api.get("/users/me");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("title").asString()).isEqualTo("Too Many Requests");
    assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(limited.header("X-RateLimit-Reset")).isEqualTo("40");
    CLOCK.advance(Duration.ofSeconds(41));
    assertThat(api.get("/users/me").status()).isEqualTo(200);
  }
}
