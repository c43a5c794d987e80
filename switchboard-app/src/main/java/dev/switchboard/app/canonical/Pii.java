package dev.switchboard.app.canonical;

import java.util.regex.Pattern;

/** Scrubs personal data out of free text before it reaches a log line, an error column or an event. */
public final class Pii {
  private static final Pattern EMAILS = Pattern.compile("[^\\s@<>\"'(),;:]+@[^\\s@<>\"'(),;:]+\\.[A-Za-z]{2,}");
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

  private Pii() {}
}
