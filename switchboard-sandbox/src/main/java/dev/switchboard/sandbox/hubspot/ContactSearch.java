package dev.switchboard.sandbox.hubspot;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Evaluates HubSpot CRM search {@code filterGroups} (OR of groups, AND of filters) and {@code sorts}.
 * Datetime properties compare as epoch millis (values as millis or ISO-8601), number properties
 * numerically, everything else as case-insensitive strings.
 */
final class ContactSearch {

  private static final Set<String> DATETIME = Set.of("createdate", "lastmodifieddate");
  private static final Set<String> NUMBER = Set.of("hs_object_id");

  private ContactSearch() {}

  @SuppressWarnings("unchecked")
  static Predicate<Contact> filter(Object filterGroups) {
    if (!(filterGroups instanceof List<?> groups) || groups.isEmpty()) {
      return c -> true;
    }
    if (groups.size() > 5) {
      throw HubSpotException.validation("Too many filter groups (max 5)");
    }
    Predicate<Contact> any = c -> false;
    for (Object g : groups) {
      List<Map<String, Object>> filters = (List<Map<String, Object>>) ((Map<String, Object>) g).getOrDefault("filters", List.of());
      Predicate<Contact> all = c -> true;
      for (Map<String, Object> f : filters) {
        all = all.and(one(f));
      }
      any = any.or(all);
    }
    return any;
  }

  private static Predicate<Contact> one(Map<String, Object> f) {
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
        case "CONTAINS_TOKEN" -> actual != null && actual.toLowerCase(Locale.ROOT).contains(String.valueOf(value).replace("*", "").toLowerCase(Locale.ROOT));
        default -> throw HubSpotException.validation("Unsupported operator: " + op);
      };
    };
  }

  static int compare(String prop, String actual, Object expected) {
    if (expected == null) {
      throw HubSpotException.validation("filter value is required for " + prop);
    }
    String e = expected.toString();
    if (DATETIME.contains(prop)) {
      return Long.compare(millis(actual), millis(e));
    }
    if (NUMBER.contains(prop)) {
      return Double.compare(Double.parseDouble(actual), Double.parseDouble(e));
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
  static Comparator<Contact> sort(Object sorts) {
    Comparator<Contact> byId = Comparator.comparingLong(c -> c.id);
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
    Comparator<Contact> cmp = (a, b) -> {
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
