package dev.switchboard.app.connectors.tck;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.app.connectors.FormUrlEncoding;
import dev.switchboard.app.connectors.WebhookRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain HTTP endpoint the sandbox delivers webhooks to, keeping each POST exactly as received (the bytes signatures
 * are computed over). It answers every request 200, which also passes Mailchimp's validating GET.
 */
final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final BlockingQueue<WebhookRequest> received = new LinkedBlockingQueue<>();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestMethod().equals("POST")) {
        String uri = url(exchange.getRequestURI().getRawPath())
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = rawQuery == null ? Map.of() : FormUrlEncoding.decode(rawQuery);
        received.add(new WebhookRequest("POST", uri, Map.copyOf(exchange.getRequestHeaders()), query, body));
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next delivery, or an assertion error after {@code wait}. */
  WebhookRequest next(Duration wait) throws InterruptedException {
    WebhookRequest r = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (r == null) {
      throw new AssertionError("no webhook delivered within " + wait);
    }
    return r;
  }

  List<WebhookRequest> drain() {
    List<WebhookRequest> out = new java.util.ArrayList<>();
    received.drainTo(out);
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
