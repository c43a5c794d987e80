package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.salesforce.SalesforceSchema.Field;
import dev.switchboard.sandbox.salesforce.SalesforceSchema.SObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The SOQL subset a sync connector uses:
 * {@code SELECT f1, f2 | COUNT() FROM T [WHERE cond] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n] [OFFSET n]},
 * cond being comparisons ({@code = != <> < <= > >= LIKE IN NOT IN}) joined by AND/OR/NOT and parentheses; values are
 * 'strings', numbers, true/false, null, dates {@code 2026-01-01} and datetimes {@code 2026-01-01T00:00:00Z}.
 * Errors: MALFORMED_QUERY for syntax, INVALID_FIELD for unknown fields or mistyped values, INVALID_TYPE for objects.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
 */
final class SalesforceSoql {

  /** A parsed query; {@code fields} empty means {@code COUNT()}. */
  record Query(SObject type, List<String> fields, Predicate<Map<String, Object>> where,
      Comparator<Map<String, Object>> order, Integer limit, int offset) {

    boolean count() {
      return fields.isEmpty();
    }
  }

  private final List<String> tokens;
  private int pos;
  private SObject type;

  private SalesforceSoql(String q) {
    tokens = SalesforceSoqlLexer.tokens(q);
  }

  static Query parse(String q) {
    return new SalesforceSoql(q).query();
  }

  private Query query() {
    expectWord("SELECT");
    List<String> rawFields = new ArrayList<>();
    boolean count = false;
    if (peekIs("COUNT") && "(".equals(at(pos + 1))) {
      pos += 2;
      expect(")");
      count = true;
    } else {
      do {
        rawFields.add(ident());
      } while (accept(","));
    }
    expectWord("FROM");
    String typeName = ident();
    if (SalesforceSchema.TYPES.keySet().stream().noneMatch(n -> n.equalsIgnoreCase(typeName))) {
      throw SalesforceException.badRequest("INVALID_TYPE", "sObject type '" + typeName + "' is not supported. If you are"
          + " attempting to use a custom object, be sure to append the '__c' after the entity name.", null);
    }
    type = SalesforceSchema.type(typeName);
    List<String> fields = rawFields.stream().map(this::field).map(Field::name).distinct().toList();
    Predicate<Map<String, Object>> where = r -> true;
    if (acceptWord("WHERE")) {
      where = or();
    }
    Comparator<Map<String, Object>> order = null;
    if (acceptWord("ORDER")) {
      expectWord("BY");
      do {
        Comparator<Map<String, Object>> c = orderItem();
        order = order == null ? c : order.thenComparing(c);
      } while (accept(","));
    }
    Integer limit = null;
    int offset = 0;
    if (acceptWord("LIMIT")) {
      limit = integer();
    }
    if (acceptWord("OFFSET")) {
      offset = integer();
    }
    if (pos < tokens.size()) {
      throw SalesforceException.malformedQuery("unexpected token: '" + tokens.get(pos) + "'");
    }
    return new Query(type, count ? List.of() : fields, where, order, limit, offset);
  }

  private Comparator<Map<String, Object>> orderItem() {
    Field f = field(ident());
    boolean desc = acceptWord("DESC");
    if (!desc) {
      acceptWord("ASC");
    }
    boolean nullsFirst = !desc;
    if (acceptWord("NULLS")) {
      nullsFirst = acceptWord("FIRST");
      if (!nullsFirst) {
        expectWord("LAST");
      }
    }
    Comparator<Object> values = SalesforceSoqlLexer::compareValues;
    Comparator<Object> withNulls = nullsFirst ? Comparator.nullsFirst(desc ? values.reversed() : values)
        : Comparator.nullsLast(desc ? values.reversed() : values);
    return Comparator.comparing(r -> r.get(f.name()), withNulls);
  }

  private Predicate<Map<String, Object>> or() {
    Predicate<Map<String, Object>> p = and();
    while (acceptWord("OR")) {
      p = p.or(and());
    }
    return p;
  }

  private Predicate<Map<String, Object>> and() {
    Predicate<Map<String, Object>> p = not();
    while (acceptWord("AND")) {
      p = p.and(not());
    }
    return p;
  }

  private Predicate<Map<String, Object>> not() {
    if (acceptWord("NOT")) {
      return not().negate();
    }
    if (accept("(")) {
      Predicate<Map<String, Object>> p = or();
      expect(")");
      return p;
    }
    return comparison();
  }

  private Predicate<Map<String, Object>> comparison() {
    Field f = field(ident());
    String op = next("operator").toUpperCase(Locale.ROOT);
    if (op.equals("NOT") && acceptWord("IN") || op.equals("IN")) {
      boolean negate = op.equals("NOT");
      expect("(");
      List<Object> values = new ArrayList<>();
      do {
        values.add(SalesforceSoqlLexer.literal(f, type, next("value")));
      } while (accept(","));
      expect(")");
      Predicate<Map<String, Object>> in = r -> values.stream().anyMatch(v -> SalesforceSoqlLexer.compare(r.get(f.name()), v) == 0);
      return negate ? in.negate() : in;
    }
    Object v = SalesforceSoqlLexer.literal(f, type, next("value"));
    return switch (op) {
      case "=" -> r -> SalesforceSoqlLexer.compare(r.get(f.name()), v) == 0;
      case "!=", "<>" -> r -> SalesforceSoqlLexer.compare(r.get(f.name()), v) != 0;
      case "<" -> r -> r.get(f.name()) != null && v != null && SalesforceSoqlLexer.compare(r.get(f.name()), v) < 0;
      case "<=" -> r -> r.get(f.name()) != null && v != null && SalesforceSoqlLexer.compare(r.get(f.name()), v) <= 0;
      case ">" -> r -> r.get(f.name()) != null && v != null && SalesforceSoqlLexer.compare(r.get(f.name()), v) > 0;
      case ">=" -> r -> r.get(f.name()) != null && v != null && SalesforceSoqlLexer.compare(r.get(f.name()), v) >= 0;
      case "LIKE" -> SalesforceSoqlLexer.like(f.name(), String.valueOf(v));
      default -> throw SalesforceException.malformedQuery("unexpected token: '" + op + "'");
    };
  }

  private Field field(String name) {
    Field f = type.field(name.contains(".") && name.regionMatches(true, 0, type.name() + ".", 0, type.name().length() + 1)
        ? name.substring(type.name().length() + 1) : name);
    if (f == null) {
      throw SalesforceException.badRequest("INVALID_FIELD", "No such column '" + name + "' on entity '" + type.name()
          + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name."
          + " Please reference your WSDL or the describe call for the appropriate names.", null);
    }
    return f;
  }

  private int integer() {
    String t = next("number");
    if (!t.matches("\\d+")) {
      throw SalesforceException.malformedQuery("unexpected token: '" + t + "'");
    }
    return Integer.parseInt(t);
  }

  private String ident() {
    String t = next("identifier");
    if (!t.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
      throw SalesforceException.malformedQuery("unexpected token: '" + t + "'");
    }
    return t;
  }

  private String at(int i) {
    return i < tokens.size() ? tokens.get(i) : null;
  }

  private String next(String what) {
    if (pos >= tokens.size()) {
      throw SalesforceException.malformedQuery("unexpected end of query, expecting " + what);
    }
    return tokens.get(pos++);
  }

  private boolean peekIs(String word) {
    return word.equalsIgnoreCase(at(pos));
  }

  private boolean accept(String sym) {
    if (sym.equals(at(pos))) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean acceptWord(String word) {
    if (peekIs(word)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String sym) {
    if (!accept(sym)) {
      throw SalesforceException.malformedQuery("unexpected token: '" + at(pos) + "', expecting '" + sym + "'");
    }
  }

  private void expectWord(String word) {
    if (!acceptWord(word)) {
      throw SalesforceException.malformedQuery("unexpected token: '" + at(pos) + "', expecting " + word);
    }
  }
}
