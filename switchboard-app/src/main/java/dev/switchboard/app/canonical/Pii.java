package dev.switchboard.app.canonical;

import java.util.regex.Pattern;

/** Scrubs personal data out of free text before it reaches a log line, an error column or an event. */
public final class Pii {
  // Anything with an @ in it: a malformed address ("bad@@example") is still someone's address.
  private static final Pattern EMAILS = Pattern.compile("[^\\s\"'<>(),;\\[\\]{}]*@[^\\s\"'<>(),;\\[\\]{}]+");
  // Seven or more digits, optionally separated: phone-like. Ids in our own messages are shorter or prefixed.
  private static final Pattern PHONES = Pattern.compile("\\+?\\d[\\d ().-]{6,}\\d");

  /** {@code text} with e-mail addresses and phone-like numbers replaced by placeholders. */
  public static String redact(String text) {
    if (text == null) {
      return "";
    }
    String noEmails = EMAILS.matcher(text).replaceAll("<email>");
    return PHONES.matcher(noEmails).replaceAll("<phone>");
  }

  /** {@link #redact(String)}, cut to at most {@code maxLength} characters (vendor error bodies can be long). */
  public static String redact(String text, int maxLength) {
    String r = redact(text);
    return r.length() > maxLength ? r.substring(0, maxLength) + "…" : r;
  }

  private Pii() {}
}
