package dev.switchboard.app.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared plumbing of the benchmarks: raw {@link HttpClient} calls (no Spring client in the timed path), the
 * sandbox counters, quiescence detection, percentiles and the markdown report. Abstract, so Surefire's
 * {@code **}{@code /*Benchmark.java} include in the {@code bench} profile finds no tests in it.
 *
 * <p>Benchmarks are excluded from the default build (their names match none of Surefire's default includes);
 * run them with {@code ./mvnw -o -pl switchboard-app -Pbench test}.
 */
abstract class AbstractSyncBenchmark extends E2eSupport {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String MAILCHIMP_AUTH = "Basic " + Base64.getEncoder()
      .encodeToString(("anystring:" + Vendors.MAILCHIMP_KEY).getBytes(StandardCharsets.UTF_8));
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

  @Autowired JdbcClient db;

  private final StringBuilder report = new StringBuilder();

  // ---------------------------------------------------------------- HTTP

  record Res(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  static Res send(HttpRequest req) {
    try {
      HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Res get(String url, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  static Res postJson(String url, String authorization, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  static String json(Object o) {
    return JSON.writeValueAsString(o);
  }

  static String hubspot() {
    return sandbox.baseUrl() + "/hubspot";
  }

  static String mailchimp() {
    return sandbox.baseUrl() + "/mailchimp/3.0";
  }

  static String control() {
    return sandbox.baseUrl() + "/_sandbox";
  }

  /**
   * An OAuth access token for the sandbox portal (authorize + code exchange). The benchmark plays the HubSpot
   * user with it: the sandbox rate-limits per credential, so the benchmark's own creates and reads do not
   * eat the app's private-app-token budget (a person typing in HubSpot's UI would not either).
   */
  static String hubspotBenchToken() {
    String redirect = "http://127.0.0.1/bench-callback";
    Res auth = get(hubspot() + "/oauth/authorize?client_id=sandbox-hubspot-client-id&state=b&redirect_uri="
        + URLEncoder.encode(redirect, StandardCharsets.UTF_8), null);
    String location = auth.raw().headers().firstValue("Location").orElseThrow(() ->
        new IllegalStateException("authorize answered " + auth.status() + " " + auth.body()));
    String code = URI.create(location).getQuery().replaceAll(".*(?:^|&)code=([^&]*).*", "$1");
    String form = "grant_type=authorization_code&client_id=sandbox-hubspot-client-id"
        + "&client_secret=sandbox-hubspot-client-secret&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
        + "&code=" + code;
    Res tok = send(HttpRequest.newBuilder(URI.create(hubspot() + "/oauth/v1/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
    if (tok.status() != 200) {
      throw new IllegalStateException("token answered " + tok.status() + " " + tok.body());
    }
    return "Bearer " + tok.json().get("access_token").asString();
  }

  // ---------------------------------------------------------------- sandbox counters and quiescence

  /** Per vendor: endpoint → calls, plus {@code "status.<vendor>"} (status → calls) and {@code "webhooks.<vendor>"} (stat → n). */
  static Map<String, Map<String, Long>> counters() {
    JsonNode c = get(control() + "/counters", null).json();
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (String vendor : List.of("hubspot", "mailchimp")) {
      Map<String, Long> m = new TreeMap<>();
      JsonNode v = c.get(vendor);
      if (v != null && v.get("byEndpoint") != null) {
        for (var e : v.get("byEndpoint").properties()) {
          m.put(e.getKey(), e.getValue().asLong());
        }
      }
      out.put(vendor, m);
      Map<String, Long> statuses = new TreeMap<>();
      if (v != null) {
        for (var e : v.properties()) {
          if (e.getKey().startsWith("status") && e.getValue().asLong() > 0) {
            statuses.put(e.getKey().substring("status".length()), e.getValue().asLong());
          }
        }
      }
      out.put("status." + vendor, statuses);
      Map<String, Long> hooks = new TreeMap<>();
      JsonNode w = c.get("webhooks") == null ? null : c.get("webhooks").get(vendor);
      if (w != null) {
        for (var e : w.properties()) {
          hooks.put(e.getKey(), e.getValue().asLong());
        }
      }
      out.put("webhooks." + vendor, hooks);
    }
    return out;
  }

  static Map<String, Long> diff(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> d = new TreeMap<>();
    for (String k : new TreeSet<>(after.keySet())) {
      long n = after.get(k) - before.getOrDefault(k, 0L);
      if (n != 0) {
        d.put(k, n);
      }
    }
    return d;
  }

  static long sum(Map<String, Long> m) {
    return m.values().stream().mapToLong(Long::longValue).sum();
  }

  long pendingJobs() {
    return db.sql("select count(*) from sync_job where status = 'PENDING'").query(Long.class).single()
        + db.sql("select count(*) from outbox_task where status = 'PENDING'").query(Long.class).single();
  }

  /** Waits until no job is pending and no vendor call or webhook attempt happened for {@code quiet}. */
  void awaitQuiescence(Duration quiet, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    Map<String, Map<String, Long>> last = counters();
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Thread.sleep(200);
      Map<String, Map<String, Long>> now = counters();
      if (!now.equals(last) || pendingJobs() > 0) {
        last = now;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince >= quiet.toNanos()) {
        return;
      }
    }
    line("> WARNING: not quiescent after " + max.toSeconds() + " s (pending jobs: " + pendingJobs() + ")");
  }

  // ---------------------------------------------------------------- statistics

  /** Nearest-rank percentile of durations in nanoseconds, in milliseconds. */
  static double pct(List<Long> nanos, double p) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> s = new ArrayList<>(nanos);
    Collections.sort(s);
    int rank = (int) Math.ceil(p / 100.0 * s.size());
    return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1))) / 1e6;
  }

  static String ms(double v) {
    return Double.isNaN(v) ? "n/a" : String.format("%.1f", v);
  }

  /** {@code | n | p50 | p95 | max |} cells. */
  static String latencyCells(List<Long> nanos) {
    return "| " + nanos.size() + " | " + ms(pct(nanos, 50)) + " | " + ms(pct(nanos, 95)) + " | " + ms(pct(nanos, 100)) + " |";
  }

  static String f2(double v) {
    return String.format("%.2f", v);
  }

  // ---------------------------------------------------------------- report

  void line(String s) {
    System.out.println("[bench] " + s);
    report.append(s).append('\n');
  }

  static String machine() {
    String cpu = "?";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    } catch (IOException | RuntimeException ignored) {
      // not Linux
    }
    return "nproc=" + Runtime.getRuntime().availableProcessors() + ", CPU: " + cpu + ", JDK "
        + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + "), max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + ", " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
  }

  /** Prints the report and writes it to {@code target/benchmarks/<name>.md} (for pasting into docs/benchmarks.md). */
  void writeReport(String name) throws IOException {
    Path dir = Path.of("target", "benchmarks");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".md"), report.toString());
    System.out.println("[bench] written " + dir.resolve(name + ".md").toAbsolutePath());
  }
}
