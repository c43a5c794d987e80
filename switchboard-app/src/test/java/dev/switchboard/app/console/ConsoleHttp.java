package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console over plain HTTP with a cookie jar, as a browser without JavaScript would use it. */
final class ConsoleHttp {
  static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  final String base;
  final HttpClient client;

  ConsoleHttp(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html");
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts the login form with the CSRF token of a freshly loaded login page; answers the POST's response. */
  HttpResponse<String> login(String username, String password) throws Exception {
    String page = get("/login").body();
    Matcher csrf = CSRF_INPUT.matcher(page);
    assertThat(csrf.find()).as("CSRF field on the login page").isTrue();
    String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
    return client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code Set-Cookie} header that sets {@code name}, if the response has one. */
  static List<String> setCookies(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).toList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
