package dev.switchboard.sandbox.calendly;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Calendly list responses: {@code {"collection": [...], "pagination": {count, next_page, previous_page,
 * next_page_token, previous_page_token}}}. {@code count} is 1..100 (default 20); page tokens are opaque
 * (the sandbox encodes an offset). {@code next_page}/{@code previous_page} are the request URL with the
 * token swapped in. See https://developer.calendly.com/api-docs/api-conventions
 */
final class CalendlyPaging {

  private CalendlyPaging() {}

  static int count(Integer count) {
    int c = count == null ? 20 : count;
    if (c < 1 || c > 100) {
      throw CalendlyException.invalid("count", "must be between 1 and 100");
    }
    return c;
  }

  static Map<String, Object> page(List<Map<String, Object>> all, Integer countParam, String pageToken) {
    int count = count(countParam);
    int offset = 0;
    if (pageToken != null && !pageToken.isBlank()) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
        if (!raw.startsWith("o:")) {
          throw new IllegalArgumentException(raw);
        }
        offset = Integer.parseInt(raw.substring(2));
      } catch (IllegalArgumentException e) {
        throw CalendlyException.invalid("page_token", "is invalid");
      }
    }
    int from = Math.min(Math.max(0, offset), all.size());
    int to = Math.min(all.size(), from + count);
    String next = to < all.size() ? token(to) : null;
    String prev = from > 0 ? token(Math.max(0, from - count)) : null;
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("count", to - from);
    pagination.put("next_page", url(next));
    pagination.put("previous_page", url(prev));
    pagination.put("next_page_token", next);
    pagination.put("previous_page_token", prev);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("collection", all.subList(from, to));
    body.put("pagination", pagination);
    return body;
  }

  private static String token(int offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static String url(String token) {
    if (token == null) {
      return null;
    }
    return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page_token", token).build().toUriString();
  }
}
