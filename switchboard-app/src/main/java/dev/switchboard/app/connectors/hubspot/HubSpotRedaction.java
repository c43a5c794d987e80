package dev.switchboard.app.connectors.hubspot;

import java.util.regex.Pattern;

/** Removes anything that looks like an email address or a phone number from vendor messages. */
final class HubSpotRedaction {
  private static final Pattern EMAIL = Pattern.compile("[^\\s\"'<>(),;\\[\\]{}]*@[^\\s\"'<>(),;\\[\\]{}]+");
  private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d\\s().\\-]{5,}\\d");

  static String redact(String message) {
    if (message == null) {
      return "";
    }
    String m = EMAIL.matcher(message).replaceAll("<email>");
    m = PHONE.matcher(m).replaceAll("<number>");
    return m.length() > 500 ? m.substring(0, 500) + "…" : m;
  }

  private HubSpotRedaction() {}
}
