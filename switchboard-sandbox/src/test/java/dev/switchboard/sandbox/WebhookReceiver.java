package dev.switchboard.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP endpoint recording every request it gets; answers {@link #status} (default 200). */
public final class WebhookReceiver implements AutoCloseable {

  public record Received(String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }
  }

  public final List<Received> received = new CopyOnWriteArrayList<>();
  public final AtomicInteger status = new AtomicInteger(200);
  /** Delay before answering, to observe concurrent deliveries. */
  public final AtomicInteger delayMs = new AtomicInteger();
  public final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile HttpServer server;

  /** A receiver listening on a free port of 127.0.0.1 until {@link #close()}. */
  public WebhookReceiver() throws IOException {
    this(true);
  }

  private WebhookReceiver(boolean listen) throws IOException {
    if (listen) {
      open();
    }
  }

  /** A receiver that listens only from {@link #open()} on: {@link SandboxFixture} opens it for each test class. */
  static WebhookReceiver notListening() {
    try {
      return new WebhookReceiver(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not thrown: nothing is bound
    }
  }

  /** Listens on a free port of 127.0.0.1 (another one after {@link #close()}); no-op while listening. */
  synchronized void open() throws IOException {
    if (server != null) {
      return;
    }
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/", ex -> {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()), body));
        if (delayMs.get() > 0) {
          Thread.sleep(delayMs.get());
        }
        ex.sendResponseHeaders(status.get(), -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
        ex.close();
      }
    });
    s.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    s.start();
    server = s;
  }

  /** Back to a fresh receiver's state: nothing received, answering 200 without delay, no concurrency seen. */
  public void reset() {
    received.clear();
    status.set(200);
    delayMs.set(0);
    maxInFlight.set(0);
  }

  public String url(String path) {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("the receiver is not listening");
    }
    return "http://127.0.0.1:" + s.getAddress().getPort() + path;
  }

  public List<Received> posts() {
    return received.stream().filter(r -> r.method().equals("POST")).toList();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }
}
