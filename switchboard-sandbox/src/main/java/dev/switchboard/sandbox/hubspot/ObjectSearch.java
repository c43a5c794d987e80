package dev.switchboard.sandbox.hubspot;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Evaluates HubSpot CRM search {@code filterGroups} (OR of groups, AND of filters; at most 5 groups, 10
 * filters per group and 25 in all, else 400 VALIDATION_ERROR), the full-text {@code query} and
 * {@code sorts} for one object type. Properties typed datetime or date in the type's catalogue compare as epoch
 * millis (values as millis or ISO-8601), number properties ({@code hs_object_id}, amounts) numerically, everything
 * else as case-insensitive strings. https://developers.hubspot.com/docs/api-reference/latest/crm/search/guide
 */
final class ObjectSearch {

  static final int MAX_GROUPS = 5;
  static final int MAX_FILTERS_PER_GROUP = 10;
  static final int MAX_FILTERS = 25;

  private final PropertyCatalog catalog;

  ObjectSearch(PropertyCatalog catalog) {
    this.catalog = catalog;
  }

  @SuppressWarnings("unchecked")
  Predicate<CrmObject> filter(Object filterGroups) {
    if (!(filterGroups instanceof List<?> groups) || groups.isEmpty()) {
      return c -> true;
    }
    if (groups.size() > MAX_GROUPS) {
      throw HubSpotException.validation("Too many filter groups (" + groups.size() + "); the maximum is " + MAX_GROUPS + ".");
    }
    int total = 0;
    Predicate<CrmObject> any = c -> false;
    for (Object g : groups) {
      List<Map<String, Object>> filters = (List<Map<String, Object>>) ((Map<String, Object>) g).getOrDefault("filters", List.of());
      if (filters.size() > MAX_FILTERS_PER_GROUP) {
        throw HubSpotException.validation("Too many filters in a filter group (" + filters.size() + "); the maximum is "
            + MAX_FILTERS_PER_GROUP + " per group.");
      }
      total += filters.size();
      Predicate<CrmObject> all = c -> true;
      for (Map<String, Object> f : filters) {
        all = all.and(one(f));
      }
      any = any.or(all);
    }
    if (total > MAX_FILTERS) {
      throw HubSpotException.validation("Too many filters (" + total + "); the maximum is " + MAX_FILTERS + " across all filter groups.");
    }
    return any;
  }

  /**
   * Full-text {@code query} (≤3000 chars): every whitespace-separated term must be, case-insensitively, a
   * prefix of a word of some value of the type's {@link ObjectType#queryProperties} or of the whole value (a
   * trailing {@code *} is allowed). Blank or absent → everything matches.
   */
  Predicate<CrmObject> query(Object query) {
    if (query == null || query.toString().isBlank()) {
      return c -> true;
    }
    String q = query.toString();
    if (q.length() > 3000) {
      throw HubSpotException.validation("query is limited to 3000 characters");
    }
    List<String> terms = Arrays.stream(q.toLowerCase(Locale.ROOT).trim().split("\\s+"))
        .map(t -> t.endsWith("*") ? t.substring(0, t.length() - 1) : t).filter(t -> !t.isEmpty()).toList();
    List<String> searched = catalog.type.queryProperties;
    return c -> terms.stream().allMatch(t -> searched.stream().map(c.props::get).filter(Objects::nonNull)
        .anyMatch(v -> prefixOfWord(v.toLowerCase(Locale.ROOT), t)));
  }

  private static boolean prefixOfWord(String value, String term) {
    return value.startsWith(term) || Arrays.stream(value.split("[^\\p{L}\\p{N}]+")).anyMatch(w -> w.startsWith(term));
  }

  private Predicate<CrmObject> one(Map<String, Object> f) {
    String prop = String.valueOf(f.get("propertyName"));
    String op = String.valueOf(f.get("operator")).toUpperCase(Locale.ROOT);
    Object value = f.get("value");
    return c -> {
      String actual = c.props.get(prop);
      return switch (op) {
        case "HAS_PROPERTY" -> actual != null;
        case "NOT_HAS_PROPERTY" -> actual == null;
        case "EQ" -> actual != null && compare(prop, actual, value) == 0;
        case "NEQ" -> actual == null || compare(prop, actual, value) != 0;
        case "GT" -> actual != null && compare(prop, actual, value) > 0;
        case "GTE" -> actual != null && compare(prop, actual, value) >= 0;
        case "LT" -> actual != null && compare(prop, actual, value) < 0;
        case "LTE" -> actual != null && compare(prop, actual, value) <= 0;
        case "BETWEEN" -> actual != null && compare(prop, actual, value) >= 0 && compare(prop, actual, f.get("highValue")) <= 0;
        case "IN" -> actual != null && ((List<?>) f.getOrDefault("values", List.of())).stream().anyMatch(v -> compare(prop, actual, v) == 0);
        case "NOT_IN" -> actual == null || ((List<?>) f.getOrDefault("values", List.of())).stream().noneMatch(v -> compare(prop, actual, v) == 0);
        case "CONTAINS_TOKEN" -> actual != null && containsToken(actual, value);
        case "NOT_CONTAINS_TOKEN" -> actual == null || !containsToken(actual, value);
        default -> throw HubSpotException.validation("Unsupported operator: " + op);
      };
    };
  }

  private static boolean containsToken(String actual, Object token) {
    return actual.toLowerCase(Locale.ROOT).contains(String.valueOf(token).replace("*", "").toLowerCase(Locale.ROOT));
  }

  int compare(String prop, String actual, Object expected) {
    if (expected == null) {
      throw HubSpotException.validation("filter value is required for " + prop);
    }
    String e = expected.toString();
    String type = catalog.typeOf(prop);
    if ("datetime".equals(type) || "date".equals(type)) {
      return Long.compare(millis(actual), millis(e));
    }
    if ("number".equals(type)) {
      try {
        return new java.math.BigDecimal(actual.trim()).compareTo(new java.math.BigDecimal(e.trim()));
      } catch (NumberFormatException nfe) {
        return actual.compareToIgnoreCase(e); // values are not type-checked on write, so compare what is there
      }
    }
    return actual.compareToIgnoreCase(e);
  }

  static long millis(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException nfe) {
      try {
        return Instant.parse(v.trim()).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw HubSpotException.validation("Invalid datetime value: " + v);
      }
    }
  }

  /** Sorts by the first sort spec (object {propertyName,direction} or "prop"/"-prop"), then by id. */
  Comparator<CrmObject> sort(Object sorts) {
    Comparator<CrmObject> byId = Comparator.comparingLong(c -> c.id);
    if (!(sorts instanceof List<?> l) || l.isEmpty()) {
      return byId;
    }
    Object s = l.getFirst();
    String prop;
    boolean desc;
    if (s instanceof Map<?, ?> m) {
      prop = String.valueOf(m.get("propertyName"));
      desc = "DESCENDING".equalsIgnoreCase(String.valueOf(m.get("direction")));
    } else {
      String str = String.valueOf(s);
      desc = str.startsWith("-");
      prop = desc ? str.substring(1) : str;
    }
    Comparator<CrmObject> cmp = (a, b) -> {
      String x = a.props.get(prop);
      String y = b.props.get(prop);
      if (Objects.equals(x, y)) {
        return 0;
      }
      if (x == null || y == null) {
        return x == null ? 1 : -1;
      }
      return compare(prop, x, y);
    };
    return (desc ? cmp.reversed() : cmp).thenComparing(byId);
  }
}
