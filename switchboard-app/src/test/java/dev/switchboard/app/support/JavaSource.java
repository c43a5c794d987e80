package dev.switchboard.app.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What scans of the application's Java source need: its code without comments, and its string literals. */
public final class JavaSource {
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

  private JavaSource() {}

  /** String literals of Java source without its comments, in order. */
  public static List<String> literals(String source) {
    String code = withoutComments(source);
    List<String> out = new ArrayList<>();
    Matcher m = LITERAL.matcher(code);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Source with its comments blanked out, string and char literals kept (a "//" inside a literal is no comment). */
  public static String withoutComments(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != '"' && s.charAt(j) != '\n') {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        out.append(s, i, Math.min(j + 1, s.length()));
        i = j + 1;
      } else if (s.startsWith("//", i)) {
        int j = s.indexOf('\n', i);
        i = j < 0 ? s.length() : j;
      } else if (s.startsWith("/*", i)) {
        int j = s.indexOf("*/", i + 2);
        i = j < 0 ? s.length() : j + 2;
      } else if (c == '\'') {
        int j = s.indexOf('\'', i + (s.charAt(i + 1) == '\\' ? 3 : 2));
        out.append(s, i, j + 1);
        i = j + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
