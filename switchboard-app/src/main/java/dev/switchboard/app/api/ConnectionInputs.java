package dev.switchboard.app.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** Checks of a connection's inputs that need no vendor: sizes and shapes. Each refusal names its field. */
final class ConnectionInputs {
  private ConnectionInputs() {}

  static void requireValid(@Nullable String displayName, @Nullable Map<String, String> settings,
      @Nullable Map<String, String> credentials) {
    if (displayName != null && displayName.length() > 200) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "display_name", "display_name is longer than 200 characters");
    }
    requireSmall("settings", settings);
    requireSmall("credentials", credentials);
    requireHttpUrl("settings.baseUrl", settings);
    requireHttpUrl("credentials.baseUrl", credentials);
  }

  /** Settings and credentials are a few short strings; the store holds about 10,000 characters of each. */
  private static void requireSmall(String field, @Nullable Map<String, String> values) {
    if (values == null) {
      return;
    }
    int total = 0;
    for (Map.Entry<String, String> e : values.entrySet()) {
      int value = e.getValue() == null ? 0 : e.getValue().length();
      if (e.getKey().length() > 100 || value > 4000) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", field, field + " has a key or value that is too long");
      }
      total += e.getKey().length() + value;
    }
    if (values.size() > 50 || total > 10_000) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", field, field + " is too large");
    }
  }

  /** A base URL override must be an absolute http(s) URL: anything else fails deep in the HTTP client. */
  private static void requireHttpUrl(String field, @Nullable Map<String, String> values) {
    String url = values == null ? null : values.get("baseUrl");
    if (url == null || url.isBlank()) {
      return;
    }
    try {
      URI uri = new URI(url.trim());
      if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return;
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", field, field + " must be an absolute http(s) URL");
  }
}
