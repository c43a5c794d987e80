package dev.switchboard.sandbox;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sandbox a test class talks to, as a JUnit extension in a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SandboxFixture sandbox = SandboxFixture.start(Map.of("sandbox.webhooks.base-backoff-ms", 50))
 *     .withReceiver().resetVendor("vagaro");
 * static final Http ctl = sandbox.ctl();
 * static final Http api = sandbox.http("/vagaro/us02/api/v2", Map.of("accessToken", "..."));
 * static final WebhookReceiver receiver = sandbox.receiver();
 * }</pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>One sandbox per test class, started with the given properties (and clock) before the class's own
 *       {@code @BeforeAll} methods and closed after its {@code @AfterAll} methods; the receiver, if any, listens
 *       over the same span and is closed after the sandbox.
 *   <li>Before each test, ahead of the class's own {@code @BeforeEach} methods: {@code POST /_sandbox/reset}
 *       ({@code ?vendor=} when {@link #resetVendor} is set), then {@link WebhookReceiver#reset()} (nothing received,
 *       status 200, no delay). {@link #noReset()} turns both off, for classes whose tests never reset.
 *   <li>{@link #ctl()} and {@link #http} clients look up the base URL on every call and {@link #receiver()} is one
 *       object for the fixture's life, so all three can be {@code static final} fields. The clients fail while no
 *       sandbox runs.
 * </ul>
 *
 * A fixture in a superclass serves each subclass in turn (a new sandbox each, the receiver on a new port), which
 * relies on test classes not running in parallel (they do not here).
 */
public final class SandboxFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  private final Map<String, Object> properties;
  private final Clock clock;
  private final Http ctl = http("", Map.of());
  private boolean reset = true;
  private String resetVendor;
  private volatile SandboxServer server;
  private WebhookReceiver receiver;

  private SandboxFixture(Map<String, Object> properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** A sandbox started with these {@code sandbox.properties} overrides (see {@link SandboxServer#start(int, Map)}). */
  public static SandboxFixture start(Map<String, Object> properties) {
    return new SandboxFixture(properties, null);
  }

  /** As {@link #start(Map)}, with the clock the sandbox uses for every timestamp it emits. */
  public static SandboxFixture start(Map<String, Object> properties, Clock clock) {
    return new SandboxFixture(properties, clock);
  }

  /** Also runs a {@link WebhookReceiver} alongside the sandbox, reset before each test. */
  public SandboxFixture withReceiver() {
    receiver = WebhookReceiver.notListening();
    return this;
  }

  /** Resets only this vendor before each test ({@code /_sandbox/reset?vendor=...}) instead of the whole sandbox. */
  public SandboxFixture resetVendor(String vendor) {
    resetVendor = vendor;
    return this;
  }

  /** Resets nothing between tests: neither the sandbox nor the receiver. */
  public SandboxFixture noReset() {
    reset = false;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server = SandboxServer.start(0, properties, clock);
    if (receiver != null) {
      receiver.open();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!reset) {
      return;
    }
    ctl.post(resetVendor == null ? "/_sandbox/reset" : "/_sandbox/reset?vendor=" + resetVendor, null);
    if (receiver != null) {
      receiver.reset();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      server = null;
      if (receiver != null) {
        receiver.close();
      }
    }
  }

  /** The running sandbox. */
  public SandboxServer server() {
    if (server == null) {
      throw new IllegalStateException("no sandbox running: use the fixture from tests and @BeforeAll/@AfterAll methods");
    }
    return server;
  }

  /** {@code http://127.0.0.1:PORT} of the running sandbox. */
  public String baseUrl() {
    return server().baseUrl();
  }

  /** An unauthenticated client on {@link #baseUrl()}, for the {@code /_sandbox} control API. */
  public Http ctl() {
    return ctl;
  }

  /** A client on {@code baseUrl() + pathPrefix} sending these headers with every request. */
  public Http http(String pathPrefix, Map<String, String> headers) {
    return new Http(() -> baseUrl() + pathPrefix, headers);
  }

  /** The class's webhook receiver ({@link #withReceiver()}); the same object for the fixture's whole life. */
  public WebhookReceiver receiver() {
    if (receiver == null) {
      throw new IllegalStateException("no receiver: register the fixture withReceiver()");
    }
    return receiver;
  }
}
