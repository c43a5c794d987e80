package dev.switchboard.sandbox.quickbooks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The QuickBooks query language subset connectors use:
 * {@code SELECT * | COUNT(*) FROM Entity [WHERE f op v [AND ...]] [ORDERBY f [ASC|DESC][, ...]]
 * [STARTPOSITION n] [MAXRESULTS m]} with op one of {@code = < > <= >= != IN LIKE}. Comparisons are
 * case-insensitive for strings, chronological for dates/date-times, numeric for numbers. As in QBO,
 * Customer and Item queries return active records only unless {@code Active} is filtered on.
 * MAXRESULTS defaults to 100 and may not exceed 1000; STARTPOSITION is 1-based.
 * https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/data-queries
 */
record QboQuery(boolean count, String entity, List<Cond> where, List<Order> orderBy, int start, int max) {

  record Cond(String field, String op, List<Object> values) {}

  record Order(String field, boolean desc) {}

  private static final Pattern TOKEN = Pattern.compile(
      "\\s*(?:('(?:[^'\\\\]|\\\\.|'')*')|(<=|>=|!=|<>|[=<>(),*])|([A-Za-z_][A-Za-z0-9_.]*)|(-?\\d+(?:\\.\\d+)?))");

  static QboQuery parse(String text) {
    List<String> t = tokenize(text == null ? "" : text);
    int[] i = {0};
    expect(t, i, "SELECT");
    boolean count = false;
    if (peek(t, i, "COUNT")) {
      i[0]++;
      expect(t, i, "(");
      expect(t, i, "*");
      expect(t, i, ")");
      count = true;
    } else {
      expect(t, i, "*");
    }
    expect(t, i, "FROM");
    String entity = QboStore.type(next(t, i));
    List<Cond> where = new ArrayList<>();
    if (peek(t, i, "WHERE")) {
      do {
        i[0]++;
        String field = next(t, i);
        String op = next(t, i).toUpperCase(Locale.ROOT);
        List<Object> values = new ArrayList<>();
        if (op.equals("IN")) {
          expect(t, i, "(");
          do {
            values.add(literal(next(t, i)));
          } while (next(t, i).equals(","));
        } else if (List.of("=", "<", ">", "<=", ">=", "!=", "<>", "LIKE").contains(op)) {
          values.add(literal(next(t, i)));
        } else {
          throw QboFault.query("Encountered \"" + op + "\" after " + field);
        }
        where.add(new Cond(field, op, values));
      } while (peek(t, i, "AND"));
    }
    List<Order> order = new ArrayList<>();
    if (peek(t, i, "ORDERBY") || peek(t, i, "ORDER")) {
      if (next(t, i).equalsIgnoreCase("ORDER")) {
        expect(t, i, "BY");
      }
      do {
        String field = next(t, i);
        boolean desc = false;
        if (peek(t, i, "DESC") || peek(t, i, "ASC")) {
          desc = next(t, i).equalsIgnoreCase("DESC");
        }
        order.add(new Order(field, desc));
      } while (peek(t, i, ",") && next(t, i) != null);
    }
    int start = 1;
    int max = 100;
    while (i[0] < t.size()) {
      String kw = next(t, i).toUpperCase(Locale.ROOT);
      int n = number(next(t, i));
      switch (kw) {
        case "STARTPOSITION" -> start = Math.max(1, n);
        case "MAXRESULTS" -> max = n;
        default -> throw QboFault.query("Encountered \"" + kw + "\"");
      }
    }
    if (max > 1000) {
      throw QboFault.validation("4001", "Invalid query", "QueryValidationError: value " + max
          + " is too large. Max allowed value is 1000", "");
    }
    return new QboQuery(count, entity, where, order, start, max);
  }

  /** Filters and sorts; paging is left to the caller. */
  List<Map<String, Object>> select(List<Map<String, Object>> rows) {
    boolean activeFiltered = where.stream().anyMatch(c -> c.field().equalsIgnoreCase("Active"));
    boolean nameList = entity.equals("Customer") || entity.equals("Item");
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if ((!nameList || activeFiltered || !Boolean.FALSE.equals(row.get("Active"))) && where.stream().allMatch(c -> matches(row, c))) {
        out.add(row);
      }
    }
    Comparator<Map<String, Object>> cmp = Comparator.comparing(r -> new BigDecimal(r.get("Id").toString()));
    for (Order o : orderBy.reversed()) {
      Comparator<Map<String, Object>> by = (a, b) -> compare(Json.path(a, o.field()), Json.path(b, o.field()));
      cmp = (o.desc() ? by.reversed() : by).thenComparing(cmp);
    }
    out.sort(cmp);
    return out;
  }

  private static boolean matches(Map<String, Object> row, Cond c) {
    Object actual = Json.path(row, c.field());
    return switch (c.op()) {
      case "=" -> compare(actual, c.values().getFirst()) == 0;
      case "!=", "<>" -> compare(actual, c.values().getFirst()) != 0;
      case "<" -> actual != null && compare(actual, c.values().getFirst()) < 0;
      case ">" -> actual != null && compare(actual, c.values().getFirst()) > 0;
      case "<=" -> actual != null && compare(actual, c.values().getFirst()) <= 0;
      case ">=" -> actual != null && compare(actual, c.values().getFirst()) >= 0;
      case "IN" -> c.values().stream().anyMatch(v -> compare(actual, v) == 0);
      case "LIKE" -> actual != null && like(actual.toString(), c.values().getFirst().toString());
      default -> false;
    };
  }

  private static boolean like(String value, String pattern) {
    String re = java.util.Arrays.stream(pattern.split("%", -1)).map(p -> p.isEmpty() ? "" : Pattern.quote(p))
        .collect(java.util.stream.Collectors.joining(".*"));
    return Pattern.compile(re, Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
  }

  /** Nulls first; dates chronologically; numbers numerically; booleans/strings case-insensitively. */
  static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    Instant ia = instant(a.toString());
    Instant ib = instant(b.toString());
    if (ia != null && ib != null) {
      return ia.compareTo(ib);
    }
    if (a instanceof Number || b instanceof Number) {
      try {
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
      } catch (NumberFormatException ignored) {
        // fall through to text
      }
    }
    return a.toString().compareToIgnoreCase(b.toString());
  }

  static Instant instant(String s) {
    try {
      if (s.length() == 10 && s.charAt(4) == '-') {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (s.length() > 10 && s.charAt(4) == '-' && s.charAt(10) == 'T') {
        return s.matches(".*([Zz]|[+-]\\d\\d:?\\d\\d)$") ? OffsetDateTime.parse(s.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant()
            : java.time.LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      }
    } catch (RuntimeException ignored) {
      return null;
    }
    return null;
  }

  private static Object literal(String token) {
    if (token.startsWith("'")) {
      return token.substring(1, token.length() - 1).replace("''", "'").replaceAll("\\\\(.)", "$1");
    }
    if (token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(token);
    }
    try {
      return new BigDecimal(token);
    } catch (NumberFormatException e) {
      throw QboFault.query("Encountered \"" + token + "\", expected a value");
    }
  }

  private static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int pos = 0;
    while (pos < text.length() && !text.substring(pos).isBlank()) {
      if (!m.find(pos) || m.start() != pos) {
        throw QboFault.query("Encountered \"" + text.substring(pos).trim().split("\\s")[0] + "\" at column " + (pos + 1));
      }
      out.add(m.group().trim());
      pos = m.end();
    }
    return out;
  }

  private static boolean peek(List<String> t, int[] i, String word) {
    return i[0] < t.size() && t.get(i[0]).equalsIgnoreCase(word);
  }

  private static void expect(List<String> t, int[] i, String word) {
    String got = i[0] < t.size() ? t.get(i[0]) : "<EOF>";
    if (!got.equalsIgnoreCase(word)) {
      throw QboFault.query("Encountered \"" + got + "\", expected \"" + word + "\"");
    }
    i[0]++;
  }

  private static String next(List<String> t, int[] i) {
    if (i[0] >= t.size()) {
      throw QboFault.query("Encountered \"<EOF>\"");
    }
    return t.get(i[0]++);
  }

  private static int number(String token) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw QboFault.query("Encountered \"" + token + "\", expected a number");
    }
  }
}
