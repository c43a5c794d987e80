package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.salesforce.SalesforceSchema.Field;
import dev.switchboard.sandbox.salesforce.SalesforceSchema.SObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Tokens, typed literals and value comparison for {@link SalesforceSoql}. A string literal token is kept as
 * {@code '} + its unescaped content. Text compares case-insensitively, as SOQL does.
 */
final class SalesforceSoqlLexer {

  private SalesforceSoqlLexer() {}

  static List<String> tokens(String q) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < q.length()) {
      char c = q.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder sb = new StringBuilder("'");
        i++;
        while (i < q.length() && q.charAt(i) != '\'') {
          if (q.charAt(i) == '\\' && i + 1 < q.length()) {
            i++;
          }
          sb.append(q.charAt(i++));
        }
        if (i >= q.length()) {
          throw SalesforceException.malformedQuery("unterminated string literal");
        }
        i++;
        out.add(sb.toString());
      } else if ("(),".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else if ("=<>!".indexOf(c) >= 0) {
        int j = i + 1;
        while (j < q.length() && "=<>".indexOf(q.charAt(j)) >= 0) {
          j++;
        }
        out.add(q.substring(i, j));
        i = j;
      } else {
        int j = i;
        boolean digit = Character.isDigit(c) || c == '-';
        while (j < q.length() && (Character.isLetterOrDigit(q.charAt(j)) || "_.".indexOf(q.charAt(j)) >= 0
            || digit && ":+-".indexOf(q.charAt(j)) >= 0)) {
          j++;
        }
        if (j == i) {
          throw SalesforceException.malformedQuery("unexpected token: '" + c + "'");
        }
        out.add(q.substring(i, j));
        i = j;
      }
    }
    return out;
  }

  /** The literal as a value comparable with field f's stored values (INVALID_FIELD when mistyped). */
  static Object literal(Field f, SObject t, String token) {
    if (token.equalsIgnoreCase("null")) {
      return null;
    }
    boolean quoted = token.startsWith("'");
    String v = quoted ? token.substring(1) : token;
    switch (f.type()) {
      case "datetime" -> {
        Instant i = quoted ? null : SalesforceRecords.parse(v);
        if (i == null) {
          throw mistyped(f, "dateTime");
        }
        return i;
      }
      case "date" -> {
        if (quoted || !v.matches("\\d{4}-\\d{2}-\\d{2}")) {
          throw mistyped(f, "date");
        }
        return v;
      }
      case "currency" -> {
        try {
          if (quoted) {
            throw new NumberFormatException();
          }
          return Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw mistyped(f, "double");
        }
      }
      case "boolean" -> {
        if (quoted || !(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
          throw mistyped(f, "boolean");
        }
        return Boolean.parseBoolean(v);
      }
      default -> {
        if (!quoted) {
          throw SalesforceException.malformedQuery("unexpected token: '" + v + "'");
        }
        return v;
      }
    }
  }

  private static SalesforceException mistyped(Field f, String type) {
    return SalesforceException.badRequest("INVALID_FIELD", "value of filter criterion for field '" + f.name()
        + "' must be of type " + type + " and should not be enclosed in quotes", null);
  }

  /** Equality-aware comparison; nulls equal only nulls (and sort first). */
  static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null ? -1 : 1);
    }
    return compareValues(a, b);
  }

  static int compareValues(Object a, Object b) {
    if (a instanceof Instant x && b instanceof Instant y) {
      return x.compareTo(y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return x.compareTo(y);
    }
    return String.valueOf(a).toLowerCase(Locale.ROOT).compareTo(String.valueOf(b).toLowerCase(Locale.ROOT));
  }

  /** LIKE with {@code %} and {@code _} wildcards, case-insensitive. */
  static Predicate<Map<String, Object>> like(String field, String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
    }
    Pattern p = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    return r -> r.get(field) != null && p.matcher(String.valueOf(r.get(field))).matches();
  }
}
