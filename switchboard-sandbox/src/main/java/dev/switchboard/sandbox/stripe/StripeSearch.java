package dev.switchboard.sandbox.stripe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A subset of Stripe's Search Query Language (https://stripe.com/docs/search#search-query-language):
 * clauses {@code field:'value'} (exact, case-insensitive for strings), {@code field~'value'}
 * (substring, ≥3 chars) and {@code -field:'value'} (negation), for top-level string fields and
 * {@code metadata['key']}, joined by {@code AND} or {@code OR} (not mixed). Results page with an
 * opaque {@code next_page} token.
 */
final class StripeSearch {

  private static final Pattern CLAUSE =
      Pattern.compile("\\s*(-?)([a-z_]+)(?:\\[['\"]([^'\"]+)['\"]\\])?\\s*([:~])\\s*['\"]((?:[^'\"\\\\]|\\\\.)*)['\"]\\s*");

  private StripeSearch() {}

  static Predicate<Map<String, Object>> parse(String query) {
    if (query == null || query.isBlank()) {
      throw StripeException.paramMissing("query");
    }
    boolean or = Pattern.compile("\\sOR\\s").matcher(query).find();
    boolean and = Pattern.compile("\\sAND\\s").matcher(query).find();
    if (or && and) {
      throw StripeException.invalid("parameter_invalid_string",
          "Search query cannot mix AND and OR. Use separate queries.", "query");
    }
    List<Predicate<Map<String, Object>>> parts = new ArrayList<>();
    for (String clause : query.split("\\s(?:AND|OR)\\s")) {
      Matcher m = CLAUSE.matcher(clause);
      if (!m.matches()) {
        throw StripeException.invalid("parameter_invalid_string",
            "Invalid query: could not parse clause '" + clause.trim() + "'.", "query");
      }
      boolean negate = !m.group(1).isEmpty();
      String field = m.group(2);
      String key = m.group(3);
      boolean substring = m.group(4).equals("~");
      String value = m.group(5).replace("\\'", "'").replace("\\\"", "\"");
      Predicate<Map<String, Object>> p = o -> {
        Object v = key != null && o.get(field) instanceof Map<?, ?> md ? md.get(key) : key == null ? o.get(field) : null;
        if (v == null) {
          return false;
        }
        String s = String.valueOf(v);
        return substring ? s.toLowerCase().contains(value.toLowerCase()) : s.equalsIgnoreCase(value);
      };
      parts.add(negate ? p.negate() : p);
    }
    return o -> or ? parts.stream().anyMatch(p -> p.test(o)) : parts.stream().allMatch(p -> p.test(o));
  }

  /** A {@code search_result} page of {@code all} for the request's {@code limit} and {@code page}. */
  static Map<String, Object> page(List<Map<String, Object>> all, StripeParams p, String url) {
    long limit = p.longOr("limit", 10L);
    if (limit < 1 || limit > 100) {
      throw StripeException.invalid("parameter_invalid_integer",
          "Invalid integer: " + limit + ". This value must be between 1 and 100.", "limit");
    }
    int from = 0;
    String page = p.str("page");
    if (page != null && !page.isEmpty()) {
      try {
        from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(page), StandardCharsets.UTF_8).substring(4));
      } catch (RuntimeException e) {
        throw StripeException.invalid("parameter_invalid_string", "Invalid page: " + page, "page");
      }
    }
    int to = (int) Math.min(all.size(), from + limit);
    from = Math.min(from, to);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("object", "search_result");
    r.put("data", new ArrayList<>(all.subList(from, to)));
    r.put("has_more", to < all.size());
    r.put("next_page", to < all.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(("off:" + to).getBytes(StandardCharsets.UTF_8)) : null);
    if (p.expand().contains("total_count")) {
      r.put("total_count", all.size());
    }
    r.put("url", url);
    return r;
  }
}
