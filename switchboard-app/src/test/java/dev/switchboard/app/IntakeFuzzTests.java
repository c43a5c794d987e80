package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.support.HubSpotSigning;
import dev.switchboard.app.support.RawHttp;
import dev.switchboard.app.support.RunningApp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Several hundred malformed requests to the webhook and API routes, signed and unsigned, authenticated and not:
 * broken query strings and percent-encodings, truncated or mistyped JSON, deep nesting, huge numbers, bytes that
 * are not UTF-8, form bodies with bad escapes, odd Content-Type and Accept headers. None may answer 5xx, and a
 * refused one may write at most one log line. The generator is seeded ({@value #SEED}, or {@code -Dfuzz.seed=N}),
 * so a failure names the request number that reproduces it.
 */
@ExtendWith(OutputCaptureExtension.class)
class IntakeFuzzTests extends RunningApp {
  static final long SEED = 20_261_206L;
  static final int REQUESTS = 400;
  static final String MAILCHIMP_SECRET = "fuzz-mailchimp-webhook-secret";
  static final long PORTAL = 7_700_001L;
  static final String LIST = "fuzzlist01";

  record Fuzzed(String method, String target, List<String> headers, byte[] body) {
    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.ISO_8859_1);
      return method + " " + target + " " + headers + " body[" + body.length + "]="
          + (text.length() > 160 ? text.substring(0, 160) + "…" : text);
    }
  }

  @Test
  void noMalformedRequestAnswers5xxOrLogsMoreThanOneLine(CapturedOutput output) {
    if (connections.findByAccount("hubspot", Long.toString(PORTAL)).isEmpty()) {
      connect("fuzz", "hubspot", Long.toString(PORTAL), Map.of("accessToken", "pat-fuzz"));
      connect("fuzz", "mailchimp", LIST, Map.of("apiKey", "k-us1", "webhookSecret", MAILCHIMP_SECRET));
      connect(TENANT, "hubspot", Long.toString(PORTAL + 1), Map.of("accessToken", "pat-fuzz-2"));
    }
    long seed = Long.getLong("fuzz.seed", SEED);
    Random random = new Random(seed);
    List<Function<Random, Fuzzed>> routes = List.of(this::hubSpotWebhook, this::hubSpotWebhook, this::mailchimpWebhook,
        this::mailchimpWebhook, this::apiQuery, this::apiQuery, this::apiBody, this::apiBody, this::upsert,
        this::replay, this::anyRoute);
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      Fuzzed f = routes.get(random.nextInt(routes.size())).apply(random);
      RawHttp.Response[] response = new RawHttp.Response[1];
      List<String> lines = linesDuring(output, () -> response[0] = http().send(f.method(), f.target(), f.headers(), f.body()));
      int status = response[0].status();
      if (status >= 500) {
        failures.add("#" + i + " " + status + " " + f + " → " + response[0].body());
      } else if (status >= 400 && isApi(f) && !refusedByTomcat(response[0]) && !String.valueOf(
          response[0].header("Content-Type")).startsWith("application/problem+json")) {
        failures.add("#" + i + " " + status + " API error is not a problem: " + f + " → " + response[0].header("Content-Type")
            + " " + response[0].body());
      } else if (status >= 400 && lines.size() > 1) {
        failures.add("#" + i + " " + status + " logged " + lines.size() + " lines: " + f + "\n  "
            + String.join("\n  ", lines.subList(0, Math.min(lines.size(), 6))));
      }
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000;
    assertThat(failures).as("seed %d, %d requests in %d s", seed, REQUESTS, seconds).isEmpty();
  }

  /**
   * Tomcat's own refusals (a path with a broken escape, a bad {@code Expect}) happen before any application code
   * and carry its HTML status page; they log nothing.
   */
  private static boolean refusedByTomcat(RawHttp.Response r) {
    return r.body().contains("<title>HTTP Status " + r.status());
  }

  private static boolean isApi(Fuzzed f) {
    return (f.target().startsWith("/api/") || f.target().startsWith("/integrations/")) && !f.method().equals("HEAD");
  }

  // --- routes ----------------------------------------------------------------------------------------------

  private Fuzzed hubSpotWebhook(Random r) {
    String query = r.nextInt(3) == 0 ? "?" + query(r) : "";
    byte[] body = r.nextInt(4) == 0 ? junkJson(r) : hubSpotBody(r);
    List<String> headers = new ArrayList<>();
    if (r.nextInt(4) > 0) {
      // signed over the public URL (when the query is well formed the signature is valid)
      String signed = new String(body, StandardCharsets.UTF_8);
      headers.addAll(HubSpotSigning.headers(HUBSPOT_APP_SECRET, PUBLIC_BASE_URL + "/webhooks/crm/hubspot" + query, signed));
      if (r.nextInt(5) == 0) {
        headers.set(1, "X-HubSpot-Request-Timestamp: " + pick(r, "", "-1", "1e99", "99999999999999999999", "now"));
      }
    } else {
      headers.add("X-HubSpot-Signature-v3: " + pick(r, "", "AAAA", "not base64 !", "x".repeat(5000)));
    }
    headers.addAll(oddHeaders(r));
    return new Fuzzed("POST", "/webhooks/crm/hubspot" + query, contentType(r, headers, "application/json"), body);
  }

  private Fuzzed mailchimpWebhook(Random r) {
    String secret = r.nextInt(4) > 0 ? MAILCHIMP_SECRET : pick(r, "", "wrong", "%", "%zz", "%C3%28");
    String extra = r.nextInt(4) == 0 ? "&" + query(r) : "";
    String method = r.nextInt(8) == 0 ? "GET" : "POST";
    List<String> headers = new ArrayList<>(oddHeaders(r));
    return new Fuzzed(method, "/webhooks/marketing/mailchimp?secret=" + secret + extra,
        contentType(r, headers, "application/x-www-form-urlencoded"), mailchimpBody(r));
  }

  private Fuzzed apiQuery(Random r) {
    String path = pick(r, "/api/events", "/api/events", "/api/dead-letters", "/api/connections", "/api/status",
        "/api/nothing", "/api/events/extra", "/api/");
    List<String> headers = new ArrayList<>(auth(r));
    headers.addAll(oddHeaders(r));
    return new Fuzzed(r.nextInt(10) == 0 ? pick(r, "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS") : "GET",
        path + "?" + query(r), headers, new byte[0]);
  }

  private Fuzzed apiBody(Random r) {
    List<String> headers = new ArrayList<>(auth(r));
    headers.addAll(oddHeaders(r));
    byte[] body = switch (r.nextInt(5)) {
      case 0 -> junkJson(r);
      case 1 -> form(r).getBytes(StandardCharsets.ISO_8859_1);
      default -> utf8(pick(r, "{\"system\":5}", "{\"system\":{}}", "{\"system\":[\"hubspot\"]}", "{\"system\":null}",
          "{\"system\":\"hubspot\",\"credentials\":[1,2]}", "{\"system\":\"hubspot\",\"settings\":{\"a\":{\"b\":1}}}",
          "{\"system\":\"mailchimp\",\"settings\":{\"listId\":\"x\"},\"credentials\":{\"apiKey\":\"k-us 1/../x\"}}",
          "{\"system\":\"mailchimp\",\"credentials\":{\"apiKey\":\"no-dc-\"}}",
          "{\"system\":\"hubspot\",\"settings\":{\"baseUrl\":\"not a url\"},\"credentials\":{\"accessToken\":\"t\"}}",
          "{\"system\":\"hubspot\",\"display_name\":" + bigNumber(r) + "}", "[]", "\"hubspot\"", "null", "{}"));
    };
    return new Fuzzed("POST", "/api/connections", contentType(r, headers, "application/json"), body);
  }

  private Fuzzed upsert(Random r) {
    List<String> headers = new ArrayList<>(auth(r));
    headers.addAll(oddHeaders(r));
    String email = pick(r, "\"a@b.example\"", "\"not an email\"", "5", "{}", "[]", "null", "\"" + "x".repeat(3000) + "@b.example\"",
        "\"a@b.example\\u0000\"", "\"\\ud800@b.example\"");
    String attributes = pick(r, "{\"email\":" + email + "}", "{\"email\":" + email + ",\"phone\":\"" + "+1".repeat(500) + "\"}",
        "{\"email\":\"a@b.example\",\"phone\":" + bigNumber(r) + "}", "{\"shoe_size\":42}", "[]", "\"x\"", "null");
    String body = pick(r, "{\"tenant_id\":\"default\",\"type\":\"contact\",\"attributes\":" + attributes + "}",
        "{\"tenant_id\":\"default\",\"type\":" + pick(r, "1", "{}", "\"deal\"", "\"x\"") + ",\"attributes\":" + attributes + "}",
        "{\"tenant_id\":\"default\",\"type\":\"contact\",\"attributes\":" + attributes + ",\"idempotency_key\":" + email + "}",
        "{\"tenant_id\":\"default\",\"type\":\"contact\",\"attributes\":{\"email\":\"a@b.example\"},\"correlation_id\":\"a\\nb\\r\\nINJECTED\"}",
        "{\"tenant_id\":[],\"type\":\"contact\"}", "{\"tenant_id\":\"other\",\"type\":\"contact\"}");
    byte[] bytes = r.nextInt(4) == 0 ? junkJson(r) : utf8(body);
    String system = pick(r, "hubspot", "hubspot", "mailchimp", "nope", "%zz", "hub%20spot");
    return new Fuzzed("POST", "/integrations/crm/" + system + "/upsert", contentType(r, headers, "application/json"), bytes);
  }

  private Fuzzed replay(Random r) {
    String id = pick(r, "abc", "-1", "0", "1e3", "%20", "99999999999999999999", "1.5", "%zz", "12", "1,2", "%C3%A9");
    return new Fuzzed("POST", "/api/dead-letters/" + id + "/replay" + (r.nextBoolean() ? "?" + query(r) : ""), auth(r),
        new byte[0]);
  }

  private Fuzzed anyRoute(Random r) {
    String path = pick(r, "/", "/actuator/health", "/actuator/prometheus", "/login", "/webhooks/crm/unknown",
        "/webhooks/nope/hubspot", "/console/status", "/css/x.css", "/error");
    String method = pick(r, "GET", "GET", "POST", "HEAD");
    List<String> headers = new ArrayList<>(oddHeaders(r));
    byte[] body = method.equals("POST") ? form(r).getBytes(StandardCharsets.ISO_8859_1) : new byte[0];
    return new Fuzzed(method, path + "?" + query(r), contentType(r, headers, "application/x-www-form-urlencoded"), body);
  }

  // --- pieces ----------------------------------------------------------------------------------------------

  /** A query string: well formed, broken percent-escapes, escapes of bytes that are not UTF-8, odd shapes. */
  private static String query(Random r) {
    List<String> parts = new ArrayList<>();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      parts.add(pick(r, "limit=-1", "limit=0", "limit=abc", "limit=" + bigNumber(r), "limit=5", "limit=1&limit=2",
          "name=crm.synced", "name=%27%3B--", "name=" + "n".repeat(300), "cursor=%zz", "since=2024-13-45", "%", "a=%",
          "a=%4", "%zz=1", "a=%C3%28", "a=%FF", "a=%E2%82", "a=%ED%A0%80", "a=%00", "a=%2F%2e%2e", "&&&", "=", "a==b",
          "+", "a=+%2B+", "x=" + percentJunk(r), "%E2%82%AC=%F0%9F%98%80", "secret=" + MAILCHIMP_SECRET));
    }
    return String.join("&", parts);
  }

  /** Random %XX escapes and allowed characters: often not UTF-8 once decoded. */
  private static String percentJunk(Random r) {
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(12);
    for (int i = 0; i < n; i++) {
      b.append(r.nextInt(3) == 0 ? "abc-._~+"
          .charAt(r.nextInt(8)) : String.format("%%%02X", r.nextInt(256)));
    }
    if (r.nextInt(6) == 0) {
      b.append('%');
    }
    return b.toString();
  }

  private byte[] hubSpotBody(Random r) {
    StringBuilder b = new StringBuilder("[");
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      String event = HubSpotSigning.event(r.nextLong(1, Long.MAX_VALUE), r.nextBoolean() ? PORTAL : PORTAL + r.nextInt(3), 100 + i);
      if (r.nextInt(3) > 0) {
        String field = pick(r, "portalId", "occurredAt", "eventId", "objectId", "subscriptionType");
        event = event.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)",
            java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + jsonValue(r)));
      }
      b.append(i > 0 ? "," : "").append(event);
    }
    String body = b.append("]").toString();
    return utf8(r.nextInt(10) == 0 ? "{\"events\":" + body + "}" : body);
  }

  private static String jsonValue(Random r) {
    return pick(r, "{}", "[]", "[1]", "null", "true", "\"x\"", "\"\"", "9e30", "-1e20", "1e400", "-0", "1.5", "-5",
        bigNumber(r), "\"" + bigNumber(r) + "\"", "{\"$ne\":1}", "\"contact.creation\"", "\"contact.\"", "0");
  }

  private static String bigNumber(Random r) {
    StringBuilder b = new StringBuilder(r.nextBoolean() ? "" : "-").append(1 + r.nextInt(9));
    int digits = pick(r, 19, 25, 400, 1500);
    for (int i = 0; i < digits; i++) {
      b.append(r.nextInt(10));
    }
    return b.toString();
  }

  /** Not JSON, or JSON at the edge of what a parser takes. */
  private static byte[] junkJson(Random r) {
    return switch (r.nextInt(9)) {
      case 0 -> utf8("[".repeat(100 + r.nextInt(5000)) + "]".repeat(r.nextInt(2) * 100));
      case 1 -> utf8("{\"a\":".repeat(50 + r.nextInt(3000)) + "1" + "}".repeat(r.nextInt(50)));
      case 2 -> utf8("[{\"eventId\":1,\"portalId\":" + PORTAL + ",");
      case 3 -> new byte[] {'[', '"', (byte) 0xC3, (byte) 0x28, '"', ']'};
      case 4 -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'};
      case 5 -> utf8("[" + bigNumber(r) + "]");
      case 6 -> randomBytes(r, 1 + r.nextInt(200));
      case 7 -> utf8("{\"a\":1,\"a\":2,\"portalId\":" + PORTAL + "}");
      default -> utf8("");
    };
  }

  private static byte[] mailchimpBody(Random r) {
    String ok = "type=" + pick(r, "subscribe", "profile", "unsubscribe", "cleaned", "upemail", "campaign", "", "%zz")
        + "&fired_at=" + pick(r, "2024-03-26+21%3A35%3A57", "2024-02-30+10%3A00%3A00", "%2B999999999-12-31+23%3A59%3A59",
            "99999-01-01+00%3A00%3A00", "yesterday", "", "%")
        + "&data%5Blist_id%5D=" + LIST + "&data%5Bemail%5D=" + pick(r, "a%40b.example", "%FF%40b.example", "", "a%zz",
            percentJunk(r))
        + (r.nextBoolean() ? "&data%5Bnew_email%5D=n%40b.example&data%5Bold_email%5D=" + pick(r, "o%40b.example", "") : "")
        + (r.nextInt(5) == 0 ? "&" + "k=v&".repeat(r.nextInt(5000)) : "");
    return r.nextInt(8) == 0 ? randomBytes(r, 1 + r.nextInt(300)) : ok.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String form(Random r) {
    return pick(r, "a=%zz", "username=%&password=%C3%28", "_csrf=%", "a=" + percentJunk(r), "a=1", "%=%");
  }

  private static List<String> auth(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> List.of();
      case 1 -> List.of("Authorization: Bearer " + pick(r, "", "sbt_nope", "x".repeat(4000), "\u00e9t\u00e9"));
      case 2 -> List.of("Authorization: " + pick(r, "Basic !!!", "Bearer", "bearer " + API_TOKEN));
      default -> List.of(bearer());
    };
  }

  private static List<String> oddHeaders(Random r) {
    List<String> h = new ArrayList<>();
    if (r.nextInt(4) == 0) {
      h.add("Accept: " + pick(r, "text/html", "application/json;q=abc", "///", "*/*", "application/xml",
          "application/problem+json"));
    }
    if (r.nextInt(6) == 0) {
      h.add("X-Correlation-Id: " + pick(r, "", "a b", "x".repeat(500), "abc\u00ff", "ok-123"));
    }
    if (r.nextInt(8) == 0) {
      h.add(pick(r, "Forwarded: host=evil.example.com;proto=https", "X-Forwarded-Host: evil.example.com",
          "X-Forwarded-Proto: gopher", "Forwarded: for=\"[::1\";;;,,,", "X-Forwarded-Prefix: /../..",
          "Content-Encoding: gzip", "Expect: 100-continue-ish"));
    }
    return h;
  }

  /** Adds a Content-Type: usually the route's own, sometimes a wrong or broken one, sometimes none. */
  private static List<String> contentType(Random r, List<String> headers, String usual) {
    List<String> h = new ArrayList<>(headers);
    String type = switch (r.nextInt(10)) {
      case 0 -> null;
      case 1 -> "text/plain";
      case 2 -> "application/json; charset=klingon";
      case 3 -> "multipart/form-data; boundary=zz";
      case 4 -> pick(r, "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/json;;;=", "/", "*/*");
      default -> usual;
    };
    if (type != null) {
      h.add("Content-Type: " + type);
    }
    return h;
  }

  private static byte[] randomBytes(Random r, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      out.write(r.nextInt(256));
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... options) {
    return options[r.nextInt(options.length)];
  }
}
