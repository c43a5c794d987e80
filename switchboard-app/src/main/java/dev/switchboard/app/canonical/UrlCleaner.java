package dev.switchboard.app.canonical;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web addresses in one form: http or https only (a missing scheme is https: what people type as {@code acme.com}
 * or {@code www.acme.com} is a website, and every site our users link serves https), scheme and host lower-case,
 * the host in ASCII by IDNA UTS #46, the default port and a bare {@code /} path dropped, spaces and non-ASCII
 * characters in path, query and fragment percent-encoded as UTF-8 and escapes upper-cased. The host keeps its
 * {@code www.}: unlike a domain, a URL must still open, and some sites answer only on {@code www}; matching uses
 * {@link UrlValue#domain()}, where {@code www.} is dropped.
 *
 * <p>Refused with {@code invalid_url}: other schemes ({@code mailto:}, {@code javascript:}), credentials in the URL,
 * IP-address hosts, hosts that are not registrable domains, bad ports; with {@code too_long}: over 2,048 characters.
 */
public final class UrlCleaner {
  public static final int MAX_LENGTH = 2048;
  private static final Pattern WITH_SCHEME =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#]*)(.*)$", Pattern.DOTALL);
  private static final Pattern OTHER_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\\d{1,5}(?:[/?#]|$)).*",
      Pattern.DOTALL);
  private static final Pattern ESCAPE = Pattern.compile("%([0-9a-fA-F]{2})");
  private static final String KEEP = "-._~:/?#[]@!$&'()*+,;=";

  private UrlCleaner() {}

  /** @throws CanonicalException {@code invalid_url}, {@code too_long} */
  public static UrlValue clean(String raw) {
    return new UrlValue(normalise(raw));
  }

  static String normalise(String raw) {
    String s = TextForms.identifier(raw);
    if (s.startsWith("//")) {
      s = "https:" + s;
    } else if (!WITH_SCHEME.matcher(s).matches()) {
      if (OTHER_SCHEME.matcher(s).matches()) {
        throw invalid();
      }
      s = "https://" + s;
    }
    Matcher m = WITH_SCHEME.matcher(s);
    if (!m.matches()) {
      throw invalid();
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid();
    }
    String authority = m.group(2);
    if (authority.indexOf('@') >= 0 || authority.startsWith("[")) {
      throw invalid();
    }
    String host = authority;
    String port = "";
    int colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      host = authority.substring(0, colon);
      String digits = authority.substring(colon + 1);
      int number = digits.matches("\\d{1,5}") ? Integer.parseInt(digits) : -1;
      if (number < 1 || number > 65535) {
        throw invalid();
      }
      boolean defaultPort = (scheme.equals("http") && number == 80) || (scheme.equals("https") && number == 443);
      port = defaultPort ? "" : Integer.toString(number);
    }
    String asciiHost;
    try {
      asciiHost = Domains.toAscii(host);
    } catch (CanonicalException e) {
      throw invalid();
    }
    if (!Domains.isHost(asciiHost)) {
      throw invalid();
    }
    String rest = encode(m.group(3));
    if (rest.equals("/")) {
      rest = "";
    }
    String url = scheme + "://" + asciiHost + (port.isEmpty() ? "" : ":" + port) + rest;
    if (url.length() > MAX_LENGTH) {
      throw new CanonicalException(CanonicalException.TOO_LONG, "URLs are limited to " + MAX_LENGTH + " characters");
    }
    return url;
  }

  static boolean isCanonical(String url) {
    try {
      return normalise(url).equals(url);
    } catch (CanonicalException e) {
      return false;
    }
  }

  /** The host of a canonical URL. */
  static String host(String url) {
    Matcher m = WITH_SCHEME.matcher(url);
    if (!m.matches()) {
      throw invalid();
    }
    String authority = m.group(2);
    int colon = authority.lastIndexOf(':');
    return colon >= 0 ? authority.substring(0, colon) : authority;
  }

  private static String encode(String rest) {
    StringBuilder out = new StringBuilder(rest.length());
    int i = 0;
    while (i < rest.length()) {
      int cp = rest.codePointAt(i);
      if (cp == '%' && i + 3 <= rest.length() && ESCAPE.matcher(rest.substring(i, i + 3)).matches()) {
        out.append('%').append(rest.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
        i += 3;
        continue;
      }
      if (cp < 0x80 && (Character.isLetterOrDigit(cp) || KEEP.indexOf(cp) >= 0)) {
        out.append((char) cp);
      } else {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  private static CanonicalException invalid() {
    return new CanonicalException(CanonicalException.INVALID_URL, "not an http(s) URL with a domain host");
  }
}
