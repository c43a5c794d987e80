package dev.switchboard.sandbox;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tiny JSON-over-HTTP helper for tests. */
public final class Http {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public record Res(int status, HttpResponse<String> raw) {
    public JsonNode json() {
      return JSON.readTree(raw.body());
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String body() {
      return raw.body();
    }
  }

  private final Supplier<String> base;
  private final Map<String, String> headers;

  public Http(String base, Map<String, String> headers) {
    this(() -> base, headers);
  }

  /** A client whose base URL is looked up on every call (see {@link SandboxFixture#http}). */
  Http(Supplier<String> base, Map<String, String> headers) {
    this.base = base;
    this.headers = headers;
  }

  public Res get(String path) {
    return send("GET", path, null);
  }

  public Res post(String path, Object body) {
    return send("POST", path, body);
  }

  public Res put(String path, Object body) {
    return send("PUT", path, body);
  }

  public Res patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  public Res delete(String path) {
    return send("DELETE", path, null);
  }

  /** POST {@code application/x-www-form-urlencoded}. */
  public Res postForm(String path, Map<String, String> form) {
    StringBuilder sb = new StringBuilder();
    form.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
        .append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.get() + path)).timeout(Duration.ofSeconds(20));
      headers.forEach(b::header);
      b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(sb.toString()));
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  /** Decodes an {@code application/x-www-form-urlencoded} body or query string, keeping the order of the fields. */
  public static Map<String, String> decodeForm(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : body.split("&")) {
      String[] p = kv.split("=", 2);
      m.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8));
    }
    return m;
  }

  public Res send(String method, String path, Object body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.get() + path)).timeout(Duration.ofSeconds(20));
      headers.forEach(b::header);
      if (body != null) {
        b.header("Content-Type", "application/json");
        b.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
