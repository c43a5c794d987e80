package dev.switchboard.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.support.JavaSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every error code the code base can put on a failed write or a connection has a plain-language entry of its own in
 * {@link ErrorCatalogue} (not the general one).
 *
 * <p>The codes are found where they are made, as {@code VendorFieldNamesInJavaTests} finds field names: the string
 * literals (comments do not count) in the code argument of the calls that make a code — a {@link VendorException},
 * a write's, edge write's or delete's {@code Rejected}, a deal line's {@code Refusal}, a dead letter or a retry of the
 * sync engine — in the argument itself, in the defaults of the vendor body fields it is read from
 * ({@code path("category").asString("http_" + status)}) and in the values of the variables that carry codes
 * ({@code code}, {@code category}, {@code anyError}); a literal followed by {@code +} is a family of codes
 * ({@code http_*}); an upper-case constant is resolved to its literal. The vendors' own codes (HubSpot's
 * {@code category}, Mailchimp's problem {@code title} and batch {@code error_code}) are found where the sandbox,
 * which answers as the vendors do, makes its errors.
 */
class ErrorCatalogueTests {
  private static final Path MAIN = Paths.get("src/main/java/dev/switchboard/app");
  private static final Path SANDBOX = Paths.get("../switchboard-sandbox/src/main/java/dev/switchboard/sandbox");

  /** A call making a code, and which argument is the code (by the number of arguments where signatures differ). */
  private record Site(Pattern call, Map<Integer, Integer> codeArgByArity) {}

  private static final List<Site> SITES = List.of(
      new Site(Pattern.compile("new VendorException\\("), Map.of(5, 3)),
      new Site(Pattern.compile("VendorException\\.forStatus\\("), Map.of(4, 2)),
      new Site(Pattern.compile("new (?:Write|EdgeWrite|Delete)Result\\.Rejected\\("), Map.of(3, 1, 4, 1)),
      new Site(Pattern.compile("new Refusal\\("), Map.of(2, 0)),
      new Site(Pattern.compile("\\bdeadLetter\\("), Map.of(5, 3)),
      // queue.dead(task, code, message); outbox.dead(task, owner, message, code); dead(owner, target, task, code, …)
      new Site(Pattern.compile("\\bdead\\("), Map.of(3, 1, 4, 3, 5, 3)),
      // queue.retryAt(task, at, message, code, count); outbox.retryAt(task, owner, at, message, code, count)
      new Site(Pattern.compile("\\bretryAt\\("), Map.of(5, 3, 6, 4)));

  /** Variables that carry a code to one of the sites. */
  private static final Pattern CODE_VARIABLE = Pattern.compile(
      "(?m)^\\s*(?:String\\s+)?(?:code|category|anyError)\\s*=(?!=)\\s*([^;]+);");
  /** A vendor body field a code is read from, with its default. */
  private static final Pattern BODY_FIELD_DEFAULT = Pattern.compile(
      "path\\(\"(?:category|error_code|title|status)\"\\)\\.asString\\(");
  private static final Pattern CONSTANT = Pattern.compile(
      "static final String ([A-Z][A-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\\\n]|\\\\.)*)\"\\s*;");
  private static final Pattern LITERAL_EXPR = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"(\\s*\\+)?");
  private static final Pattern UPPER_CONSTANT = Pattern.compile("^(?:[A-Za-z]+\\.)?([A-Z][A-Z0-9_]+)$");

  /** Where the sandbox makes the HubSpot and Mailchimp errors the connectors read their codes from. */
  private static final List<Site> VENDOR_SITES = List.of(
      new Site(Pattern.compile("new HubSpotException\\("), Map.of(3, 1, 5, 1)),
      new Site(Pattern.compile("HubSpotException\\.body\\("), Map.of(2, 0)),
      new Site(Pattern.compile("new MailchimpException\\("), Map.of(3, 1, 4, 1)),
      new Site(Pattern.compile("MailchimpException\\.body\\("), Map.of(3, 1)));
  private static final Pattern VENDOR_ERROR_CODE = Pattern.compile("\"error_code\",\\s*\"([A-Z_]+)\"");

  @Test
  void everyCodeTheCodeBaseCanEmitHasAnEntryOfItsOwn() throws IOException {
    Map<String, String> codes = emittedCodes();
    assertThat(codes).as("the scan finds the codes (a broken scan finds nothing)")
        .containsKeys("no_result", "network", "server_error", "rate_limited", "http_*", "missing_*", "circuit_open", "oauth_app_refused",
            "discount_not_per_unit", "VALIDATION_ERROR", "CONFLICT", "Member Exists", "ERROR_GENERIC",
            "Too Many Requests");
    List<String> missing = missing(ErrorCatalogue.standard(), codes);
    assertThat(missing).as("codes without an entry in " + ErrorCatalogue.RESOURCE + " (add what happened, who "
        + "fixes it and one action)").isEmpty();
  }

  @Test
  void aCodeWhoseEntryIsRemovedIsReported() throws IOException {
    String yaml = resource();
    String without = yaml.replaceFirst("(?m)^no_result:\\n(?:  .*\\n)+", "");
    assertThat(without).isNotEqualTo(yaml);
    assertThat(missing(ErrorCatalogue.parse(without), emittedCodes())).singleElement().asString()
        .startsWith("no_result ");
    String withoutFamily = yaml.replaceFirst("(?m)^\"http_\\*\":\\n(?:  .*\\n)+", "");
    assertThat(withoutFamily).isNotEqualTo(yaml);
    assertThat(missing(ErrorCatalogue.parse(withoutFamily), emittedCodes())).singleElement().asString()
        .startsWith("http_* ");
  }

  @Test
  void lookupPrefersTheExactCodeThenTheLongestPatternThenTheGeneralEntry() {
    ErrorCatalogue c = ErrorCatalogue.parse("""
        "*": {message: general, who: installer, fix: look}
        "http_*": {message: any status, who: installer, fix: wait}
        "http_4*": {message: refused, who: you, fix: check}
        http_429: {message: too fast, who: installer, fix: nothing}
        """);
    assertThat(c.lookup("http_429").message()).isEqualTo("too fast");
    assertThat(c.lookup("http_404").message()).isEqualTo("refused");
    assertThat(c.lookup("http_503").message()).isEqualTo("any status");
    assertThat(c.lookup("whatever").general()).isTrue();
    assertThat(c.lookup(null).general()).isTrue();
    assertThat(c.lookup("http_404").who()).isEqualTo("You");
    assertThat(c.lookup("http_503").who()).isEqualTo("Whoever installed Switchboard");
  }

  @Test
  void anEntryNeedsWhatHappenedWhoAndOneAction() {
    assertThatThrownBy(() -> ErrorCatalogue.parse("""
        "*": {message: general, who: installer, fix: look}
        x: {message: m, who: somebody, fix: f}
        """)).hasMessageContaining("x needs exactly message, who");
    assertThatThrownBy(() -> ErrorCatalogue.parse("x: {message: m, who: you, fix: f}"))
        .hasMessageContaining("no general entry");
  }

  @Test
  void theScanReadsArgumentsNotComments() {
    Map<String, String> out = new TreeMap<>();
    scan("t", JavaSource.withoutComments("""
        // new VendorException(0, false, null, "in_a_comment", "m");
        throw new VendorException(0, f(a, "x"), null, "real_code", "m" + b);
        throw VendorException.forStatus(s, null, s == 429 ? "too_fast" : "broken", "m");
        results[i] = new WriteResult.Rejected(w.ref(), "missing_" + type.key(), null, "m");
        String code = error != null ? error : "no_answer";
        """), SITES, Map.of(), out);
    assertThat(out).containsOnlyKeys("real_code", "too_fast", "broken", "missing_*", "no_answer");
  }

  /** Codes (or {@code prefix*} families) without an entry of their own, with where each is made. */
  private static List<String> missing(ErrorCatalogue catalogue, Map<String, String> codes) {
    List<String> out = new ArrayList<>();
    codes.forEach((code, where) -> {
      boolean covered = code.endsWith("*")
          ? catalogue.codes().stream().anyMatch(p -> p.endsWith("*") && p.length() > 1
              && code.startsWith(p.substring(0, p.length() - 1)))
          : !catalogue.lookup(code).general();
      if (!covered) {
        out.add(code + " (" + where + ")");
      }
    });
    return out;
  }

  private static String resource() throws IOException {
    return Files.readString(Paths.get("src/main/resources").resolve(ErrorCatalogue.RESOURCE));
  }

  /** Code (or {@code prefix*}) → the first file that makes it. */
  static Map<String, String> emittedCodes() throws IOException {
    Map<String, String> constants = new HashMap<>();
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String code = JavaSource.withoutComments(Files.readString(p));
        sources.put(MAIN.relativize(p).toString().replace('\\', '/'), code);
        Matcher m = CONSTANT.matcher(code);
        while (m.find()) {
          constants.putIfAbsent(m.group(1), m.group(2));
        }
      }
    }
    Map<String, String> out = new TreeMap<>();
    sources.forEach((file, code) -> scan(file, code, SITES, constants, out));
    for (String vendor : List.of("hubspot", "mailchimp")) {
      try (Stream<Path> files = Files.walk(SANDBOX.resolve(vendor))) {
        for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          String code = JavaSource.withoutComments(Files.readString(p));
          String file = "sandbox " + SANDBOX.relativize(p).toString().replace('\\', '/');
          scanSites(file, code, VENDOR_SITES, Map.of(), out);
          Matcher m = VENDOR_ERROR_CODE.matcher(code);
          while (m.find()) {
            out.putIfAbsent(m.group(1), file);
          }
        }
      }
    }
    return out;
  }

  private static void scan(String file, String code, List<Site> sites, Map<String, String> constants,
      Map<String, String> out) {
    scanSites(file, code, sites, constants, out);
    Matcher v = CODE_VARIABLE.matcher(code);
    while (v.find()) {
      addLiterals(file, v.group(1), out);
    }
    Matcher d = BODY_FIELD_DEFAULT.matcher(code);
    while (d.find()) {
      List<String> args = arguments(code, d.end());
      if (args.size() == 1) {
        addExpression(file, args.getFirst(), constants, out);
      }
    }
  }

  private static void scanSites(String file, String code, List<Site> sites, Map<String, String> constants,
      Map<String, String> out) {
    for (Site site : sites) {
      Matcher m = site.call().matcher(code);
      while (m.find()) {
        List<String> args = arguments(code, m.end());
        Integer index = site.codeArgByArity().get(args.size());
        if (index != null) {
          addExpression(file, args.get(index), constants, out);
        }
      }
    }
  }

  /** A code argument: a literal, {@code "prefix" + …}, a constant, or an expression whose defaults are literals. */
  private static void addExpression(String file, String expr, Map<String, String> constants, Map<String, String> out) {
    Matcher constant = UPPER_CONSTANT.matcher(expr.strip());
    if (constant.matches() && constants.containsKey(constant.group(1))) {
      out.putIfAbsent(constants.get(constant.group(1)), file);
      return;
    }
    String e = expr.strip();
    addLiterals(file, e, out); // "a", "p_" + n, x ? "a" : "b" (literals inside a call's arguments are skipped)
    if (e.contains(".asString(")) {
      // a code read from a vendor body with a default: the default is a code too
      Matcher d = Pattern.compile("\\.asString\\(").matcher(e);
      while (d.find()) {
        List<String> args = arguments(e, d.end());
        if (args.size() == 1 && args.getFirst().strip().startsWith("\"")) {
          addLiterals(file, args.getFirst(), out);
        }
      }
    }
  }

  /** The literals of an expression at the top of its terms: {@code "a"}, {@code x ? "b" : "c"}, {@code "p_" + n}. */
  private static void addLiterals(String file, String expr, Map<String, String> out) {
    Matcher m = LITERAL_EXPR.matcher(expr);
    while (m.find()) {
      int before = m.start() - 1;
      while (before >= 0 && Character.isWhitespace(expr.charAt(before))) {
        before--;
      }
      if (before >= 0 && (expr.charAt(before) == '+' || expr.charAt(before) == '(' || expr.charAt(before) == ',')) {
        continue; // the tail of a concatenation or an argument of a call: a message, not a code
      }
      if (!m.group(1).isEmpty()) { // "" is a default compared against, never a code
        out.putIfAbsent(m.group(1) + (m.group(2) != null ? "*" : ""), file);
      }
    }
  }

  /** The top-level arguments of the call whose "(" ends just before {@code from}. */
  private static List<String> arguments(String code, int from) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (int i = from; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"') {
        int j = i + 1;
        while (j < code.length() && code.charAt(j) != '"') {
          j += code.charAt(j) == '\\' ? 2 : 1;
        }
        current.append(code, i, j + 1);
        i = j;
        continue;
      }
      if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if (c == ')' || c == '}' || c == ']') {
        if (depth == 0) {
          if (!current.toString().isBlank()) {
            args.add(current.toString());
          }
          return args;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        args.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    return args;
  }
}
