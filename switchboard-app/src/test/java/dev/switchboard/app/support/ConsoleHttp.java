package dev.switchboard.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console over plain HTTP with a cookie jar, as a browser without JavaScript would use it, optionally from
 * another loopback address (127.0.0.2, …: a second client as far as the server can tell).
 */
public final class ConsoleHttp {
  static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  public final String base;
  public final HttpClient client;

  public ConsoleHttp(int port) {
    this(port, null);
  }

  /** @param from the local address to send from (any 127.x.y.z works on Linux), or null for the default */
  public ConsoleHttp(int port, String from) {
    this.base = "http://127.0.0.1:" + port;
    HttpClient.Builder b = HttpClient.newBuilder().cookieHandler(new CookieManager());
    if (from != null) {
      try {
        b.localAddress(InetAddress.getByName(from));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(from, e);
      }
    }
    this.client = b.build();
  }

  public HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html");
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts the login form with the CSRF token of a freshly loaded login page; answers the POST's response. */
  public HttpResponse<String> login(String username, String password) throws Exception {
    String page = get("/login").body();
    Matcher csrf = CSRF_INPUT.matcher(page);
    assertThat(csrf.find()).as("CSRF field on the login page").isTrue();
    String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
    return client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Posts a form ({@code name, value, name, value …}) to {@code path} with the CSRF token of the page at
   * {@code formPage}, as a browser submitting that page's form would; answers the POST's response (not followed).
   */
  public HttpResponse<String> postForm(String formPage, String path, String... fields) throws Exception {
    String page = get(formPage).body();
    Matcher csrf = CSRF_INPUT.matcher(page);
    assertThat(csrf.find()).as("CSRF field on " + formPage).isTrue();
    StringBuilder form = new StringBuilder("_csrf=" + enc(csrf.group(1)));
    for (int i = 0; i + 1 < fields.length; i += 2) {
      form.append('&').append(enc(fields[i])).append('=').append(enc(fields[i + 1]));
    }
    return client.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code Set-Cookie} header that sets {@code name}, if the response has one. */
  public static List<String> setCookies(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).toList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
