package dev.switchboard.app.connectors.tck;

import dev.switchboard.sandbox.SandboxServer;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The one sandbox every TCK class of this JVM shares: starting one costs a second or two, and each test resets only
 * its own vendor ({@code /_sandbox/reset?vendor=}), so the HubSpot and Mailchimp suites do not disturb each other.
 * The JVM's exit stops it.
 */
final class TckSandbox {
  private static final OffsetClock CLOCK = new OffsetClock();
  private static SandboxServer server;

  private TckSandbox() {}

  static synchronized SandboxServer server() {
    if (server == null) {
      server = SandboxServer.start(0, Map.of(), CLOCK);
    }
    return server;
  }

  /** Empties the vendors the suite used, so a long test JVM does not carry a seeded backlog after the TCK. */
  static synchronized void releaseData() {
    if (server != null) {
      reset("hubspot");
      reset("mailchimp");
    }
  }

  /** The vendors' time (every timestamp the sandbox hands out). */
  static java.time.Instant now() {
    return CLOCK.instant();
  }

  static void advance(java.time.Duration d) {
    CLOCK.advance(d);
  }

  static RestClient control() {
    return RestClient.builder().baseUrl(server().baseUrl() + "/_sandbox").build();
  }

  static void reset(String vendor) {
    control().post().uri("/reset?vendor={v}", vendor).retrieve().toBodilessEntity();
  }

  static void faults(Map<String, Object> faults) {
    control().post().uri("/faults").contentType(MediaType.APPLICATION_JSON).body(faults).retrieve()
        .toBodilessEntity();
  }

  static void clearFaults(String vendor) {
    control().delete().uri("/faults?vendor={v}", vendor).retrieve().toBodilessEntity();
  }

  static void config(Map<String, Object> config) {
    control().put().uri("/config").contentType(MediaType.APPLICATION_JSON).body(config).retrieve()
        .toBodilessEntity();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> seed(Map<String, Object> request) {
    return control().post().uri("/seed").contentType(MediaType.APPLICATION_JSON).body(request).retrieve()
        .body(Map.class);
  }

  /** Requests the sandbox answered for {@code vendor} since its last reset (every status, faults included). */
  @SuppressWarnings("unchecked")
  static long calls(String vendor) {
    Map<String, Object> all = control().get().uri("/counters").retrieve().body(Map.class);
    Map<String, Object> v = all == null ? null : (Map<String, Object>) all.get(vendor);
    return v == null ? 0 : ((Number) v.getOrDefault("total", 0)).longValue();
  }
}
