package dev.switchboard.app.connectors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A webhook request exactly as received, before any parsing: signatures are computed over these bytes.
 *
 * @param method  HTTP method, upper case
 * @param uri     the full URI the vendor called, scheme + host + path + query (as configured public URL)
 * @param headers header name (any case) → values
 * @param query   decoded query parameters (first value)
 * @param body    raw body bytes
 */
public record WebhookRequest(String method, String uri, Map<String, List<String>> headers, Map<String, String> query,
    byte[] body) {

  public WebhookRequest {
    TreeMap<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    ci.putAll(headers);
    headers = ci;
  }

  public @Nullable String header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.getFirst();
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
