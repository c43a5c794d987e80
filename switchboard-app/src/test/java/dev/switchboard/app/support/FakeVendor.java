package dev.switchboard.app.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local fake vendor: answers queued responses in order and records every request. */
/** A local HTTP server that answers queued (fixture) responses and records the requests, for connector tests. */
public final class FakeVendor implements AutoCloseable {

  public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().getFirst();
        }
      }
      return null;
    }
  }

  public record Response(int status, String body, Map<String, String> headers) {}

  private final HttpServer server;
  private final ArrayDeque<Response> queue = new ArrayDeque<>();
  public final List<Request> requests = new CopyOnWriteArrayList<>();

  public FakeVendor() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
          ex.getRequestURI().getRawQuery(), Map.copyOf(ex.getRequestHeaders()), body));
      Response r;
      synchronized (queue) {
        r = queue.isEmpty() ? new Response(500, "{\"message\":\"no response queued\"}", Map.of()) : queue.poll();
      }
      byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        ex.getResponseBody().write(bytes);
      }
      ex.close();
    });
    server.start();
  }

  public String url(String prefix) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
  }

  public FakeVendor respond(int status, String body) {
    return respond(status, body, Map.of());
  }

  public FakeVendor respond(int status, String body, Map<String, String> headers) {
    synchronized (queue) {
      queue.add(new Response(status, body, headers));
    }
    return this;
  }

  public FakeVendor respondFixture(int status, String resource) {
    return respond(status, fixture(resource));
  }

  public static String fixture(String resource) {
    try (InputStream in = FakeVendor.class.getResourceAsStream("/" + resource)) {
      return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
