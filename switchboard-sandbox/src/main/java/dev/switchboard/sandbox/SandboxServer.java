package dev.switchboard.sandbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A running sandbox started inside the current JVM.
 *
 * <pre>{@code
 * try (SandboxServer sandbox = SandboxServer.start(0, Map.of())) {
 *   String hubspotBase = sandbox.baseUrl() + "/hubspot";
 *   String mailchimpBase = sandbox.baseUrl() + "/mailchimp/3.0";
 * }
 * }</pre>
 *
 * Each instance owns its own Spring context, state and web server; instances never share state.
 */
public final class SandboxServer implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final int port;

  private SandboxServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /**
   * Starts a sandbox and returns once it accepts requests.
   *
   * @param port TCP port on 127.0.0.1, 0 for a random free port
   * @param properties overrides of {@code sandbox.properties} (e.g. {@code sandbox.hubspot.access-token});
   *     they take precedence over any system property or environment variable
   */
  public static SandboxServer start(int port, Map<String, Object> properties) {
    return start(port, properties, null);
  }

  /** As {@link #start(int, Map)}, with the clock the sandbox uses for every timestamp it emits. */
  public static SandboxServer start(int port, Map<String, Object> properties, Clock clock) {
    Map<String, Object> props = new HashMap<>(Objects.requireNonNullElse(properties, Map.of()));
    props.put("server.port", port);
    props.putIfAbsent("server.address", "127.0.0.1");
    props.putIfAbsent("spring.main.web-application-type", "servlet");
    props.putIfAbsent("spring.main.banner-mode", "off");
    props.putIfAbsent("spring.jmx.enabled", "false");
    props.putIfAbsent("spring.main.log-startup-info", "false");
    ConfigurableApplicationContext ctx =
        SandboxApplication.builder()
            .registerShutdownHook(false)
            .initializers(
                c -> {
                  c.getEnvironment()
                      .getPropertySources()
                      .addFirst(new MapPropertySource("sandboxServer", props));
                  if (clock != null) {
                    c.getBeanFactory().registerSingleton("sandboxClock", clock);
                  }
                })
            .run();
    return new SandboxServer(ctx);
  }

  /** The port the web server listens on. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT}; vendors live under {@code /hubspot} and {@code /mailchimp/3.0}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The underlying context (for tests that need a bean). */
  public ConfigurableApplicationContext context() {
    return context;
  }

  @Override
  public void close() {
    context.close();
  }
}
