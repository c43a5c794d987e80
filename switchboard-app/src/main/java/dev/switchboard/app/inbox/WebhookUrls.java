package dev.switchboard.app.inbox;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The URLs a vendor may have called to deliver a webhook, for signatures that cover the URL (HubSpot v3). Behind a
 * proxy that terminates TLS, the URL the server sees ({@code http://10.0.0.5:8080/…}) is not the one the vendor
 * signed ({@code https://sync.example.com/…}), so the candidates are:
 * <ol>
 *   <li>{@code switchboard.public-base-url} + the request's path and query — the URL we tell vendors to call;</li>
 *   <li>when the request comes straight from a trusted proxy ({@code switchboard.trusted-proxies}, default
 *       loopback only), the URL its {@code Forwarded} or {@code X-Forwarded-Proto/Host/Port/Prefix} headers
 *       describe, falling back to its {@code Host} header and our scheme.</li>
 * </ol>
 * Forwarded headers from anyone else are ignored, and so is the {@code Host} header: a stranger could otherwise
 * make us check a signature against a URL of their choosing. Where several proxies appended to the headers, the
 * entry is taken that the outermost trusted proxy wrote (walking the {@code for} addresses from the right past
 * trusted proxies), so a client cannot plant one either.
 */
@Component
class WebhookUrls {
  private static final Pattern HOST = Pattern.compile(
      "([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~%!$&'()*+,;=:@-]+)*/?");

  private final String publicBaseUrl;
  private final TrustedProxies trusted;

  WebhookUrls(@Value("${switchboard.public-base-url}") String publicBaseUrl,
      @Value("${switchboard.trusted-proxies:127.0.0.0/8,::1}") List<String> trustedProxies) {
    this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
        : publicBaseUrl;
    this.trusted = TrustedProxies.parse(trustedProxies);
  }

  /** The candidate URLs (scheme, host, path and query), most likely first, without duplicates. */
  List<String> candidates(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String pathAndQuery = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    Set<String> out = new LinkedHashSet<>();
    out.add(publicBaseUrl + pathAndQuery);
    String forwarded = forwardedBase(request);
    if (forwarded != null) {
      out.add(forwarded + pathAndQuery);
    }
    return List.copyOf(out);
  }

  /** {@code scheme://host[:port][/prefix]} as a trusted proxy describes it; null for anyone else or junk. */
  @Nullable String forwardedBase(HttpServletRequest request) {
    if (!trusted.contains(request.getRemoteAddr())) {
      return null;
    }
    String proto;
    String host;
    String port = null;
    List<Map<String, String>> elements = forwardedElements(request);
    if (!elements.isEmpty()) {
      int i = elements.size() - 1;
      while (i > 0 && trusted.contains(node(elements.get(i).get("for")))) {
        i--;
      }
      proto = elements.get(i).get("proto");
      host = elements.get(i).get("host");
    } else {
      List<String> chain = values(request, "X-Forwarded-For");
      int hops = 0;
      for (int i = chain.size() - 1; i > 0 && trusted.contains(node(chain.get(i))); i--) {
        hops++;
      }
      proto = pick(values(request, "X-Forwarded-Proto"), hops);
      host = pick(values(request, "X-Forwarded-Host"), hops);
      port = pick(values(request, "X-Forwarded-Port"), hops);
    }
    String scheme = (proto == null ? request.getScheme() : proto).toLowerCase(Locale.ROOT);
    if (host == null) {
      host = request.getHeader("Host");
    }
    String prefix = pick(values(request, "X-Forwarded-Prefix"), 0);
    if (!(scheme.equals("http") || scheme.equals("https")) || host == null || !HOST.matcher(host).matches()
        || (port != null && !PORT.matcher(port).matches()) || (prefix != null && !PREFIX.matcher(prefix).matches())) {
      return null;
    }
    int colon = host.lastIndexOf(':');
    if (colon > host.lastIndexOf(']')) {
      port = port == null ? host.substring(colon + 1) : port;
      host = host.substring(0, colon);
    }
    boolean defaultPort = port == null || (scheme.equals("https") && port.equals("443"))
        || (scheme.equals("http") && port.equals("80"));
    String normalizedPrefix = prefix == null ? "" : prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1)
        : prefix;
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + normalizedPrefix;
  }

  /** The elements of every {@code Forwarded} header (RFC 7239), each a map of its lower-cased parameters. */
  private static List<Map<String, String>> forwardedElements(HttpServletRequest request) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders("Forwarded"))) {
      for (String element : split(header, ',')) {
        Map<String, String> pairs = new HashMap<>();
        for (String pair : split(element, ';')) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            pairs.putIfAbsent(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), unquote(pair.substring(eq + 1).trim()));
          }
        }
        out.add(pairs);
      }
    }
    return out;
  }

  /** Comma-separated values over every occurrence of the header, trimmed. */
  private static List<String> values(HttpServletRequest request, String name) {
    List<String> out = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders(name))) {
      for (String v : header.split(",")) {
        if (!v.isBlank()) {
          out.add(v.trim());
        }
      }
    }
    return out;
  }

  /** The value {@code hops} entries left of the last one (the one the outermost trusted proxy wrote). */
  private static @Nullable String pick(List<String> values, int hops) {
    return values.isEmpty() ? null : values.get(Math.max(0, values.size() - 1 - hops));
  }

  /** The address of a {@code for} node: {@code "[2001:db8::1]:4711"} → {@code 2001:db8::1}, {@code 192.0.2.1:80} → {@code 192.0.2.1}. */
  private static @Nullable String node(@Nullable String value) {
    if (value == null) {
      return null;
    }
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end < 0 ? null : value.substring(1, end);
    }
    int colon = value.indexOf(':');
    return colon >= 0 && colon == value.lastIndexOf(':') ? value.substring(0, colon) : value;
  }

  private static List<String> split(String s, char separator) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == separator && !quoted) {
        out.add(current.toString().trim());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    out.add(current.toString().trim());
    return out;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }
}
