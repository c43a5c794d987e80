package dev.switchboard.app.canonical;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scrubs personal data out of free text before it reaches a log line, an error column or an event. */
public final class Pii {
  // Anything with an @ in it: a malformed address ("bad@@example") is still someone's address.
  private static final Pattern EMAILS = Pattern.compile("[^\\s\"'<>(),;\\[\\]{}]*@[^\\s\"'<>(),;\\[\\]{}]+");
  // A character that continues an identifier.
  private static final String WORD = "[\\p{L}\\p{N}_]";
  // Digits with the separators people type between them, after an optional + or (. The run must stand alone: one
  // glued to a letter, digit or _ (directly, or through - or .) is part of an identifier - a Mailchimp member hash,
  // a UUID, con_1234567890abcdef, sb-12345678 - and redacting it would make the error message unreadable.
  private static final Pattern PHONE_LIKE = Pattern.compile(
      "(?<!" + WORD + ")(?<!" + WORD + "[-.])\\+?\\(?\\d[\\d ().-]*\\d(?!" + WORD + ")(?![-.]" + WORD + ")");
  // Shorter runs are counts, statuses and small ids; the shortest phone numbers people write have seven digits.
  private static final int MIN_PHONE_DIGITS = 7;

  /**
   * {@code text} with e-mail addresses and phone numbers replaced by {@code <email>} and {@code <phone>}. A phone
   * number is a stand-alone run of at least seven digits, optionally with {@code +}, spaces, dots, dashes and
   * parentheses; digits inside a longer identifier (hex hashes, UUIDs, prefixed ids) are kept.
   */
  public static String redact(String text) {
    if (text == null) {
      return "";
    }
    String noEmails = EMAILS.matcher(text).replaceAll("<email>");
    return PHONE_LIKE.matcher(noEmails).replaceAll(m -> Matcher.quoteReplacement(
        digits(m.group()) >= MIN_PHONE_DIGITS ? "<phone>" : m.group()));
  }

  /** {@link #redact(String)}, cut to at most {@code maxLength} characters (vendor error bodies can be long). */
  public static String redact(String text, int maxLength) {
    String r = redact(text);
    return r.length() > maxLength ? r.substring(0, maxLength) + "…" : r;
  }

  private static int digits(String s) {
    return (int) s.chars().filter(Character::isDigit).count();
  }

  private Pii() {}
}
