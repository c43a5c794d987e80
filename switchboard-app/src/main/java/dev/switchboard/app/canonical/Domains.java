package dev.switchboard.app.canonical;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.IDNA;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Internet domain names: IDNA UTS #46 to ASCII (ICU: the non-transitional processing browsers use, so {@code faß.de}
 * stays distinct from {@code fass.de}), lower-case, no trailing dot, {@code www.} dropped, and the registrable domain
 * by the public-suffix list (Guava's {@link InternetDomainName}, private suffixes included, so
 * {@code acme.github.io} and {@code other.github.io} are two domains, not one).
 */
public final class Domains {
  private static final IDNA IDN = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE
      | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://");
  private static final Pattern NUMERIC_TLD = Pattern.compile(".*\\.[0-9]+$");

  private Domains() {}

  /**
   * The domain of {@code raw}: a host name ({@code Example.COM}, {@code www.bücher.de}) or a web address whose host is
   * taken ({@code https://www.acme.com/about}).
   *
   * @throws CanonicalException {@code invalid_domain} for an IP address, a bare public suffix ({@code co.uk}), a name
   *     with a single label or with characters IDNA refuses
   */
  public static DomainValue clean(String raw) {
    return new DomainValue(normalise(raw));
  }

  static String normalise(String raw) {
    String s = TextForms.identifier(raw);
    if (SCHEME.matcher(s).find()) {
      s = s.substring(s.indexOf("://") + 3);
    }
    int end = indexOfAny(s, "/?#");
    if (end >= 0) {
      s = s.substring(0, end);
    }
    if (s.indexOf('@') >= 0) {
      throw invalid(); // an e-mail address or credentials: not a domain
    }
    int colon = s.lastIndexOf(':');
    if (colon >= 0 && s.substring(colon + 1).matches("\\d{1,5}")) {
      s = s.substring(0, colon);
    }
    String ascii = toAscii(s);
    if (ascii.startsWith("www.") && isHost(ascii.substring(4))) {
      ascii = ascii.substring(4);
    }
    if (!isHost(ascii)) {
      throw invalid();
    }
    return ascii;
  }

  static boolean isCanonical(String name) {
    try {
      return normalise(name).equals(name);
    } catch (CanonicalException e) {
      return false;
    }
  }

  /**
   * The ASCII form of a host name: IDNA UTS #46 (maps case and width, refuses disallowed characters and labels
   * longer than 63 or names longer than 253 octets), trailing dot dropped.
   */
  static String toAscii(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (h.isEmpty()) {
      throw invalid();
    }
    IDNA.Info info = new IDNA.Info();
    String ascii = IDN.nameToASCII(h, new StringBuilder(), info).toString();
    if (info.hasErrors()) {
      throw invalid();
    }
    return ascii.toLowerCase(Locale.ROOT);
  }

  /** A name usable as a host: valid, at least two labels, not an IP address, not itself a public suffix. */
  static boolean isHost(String ascii) {
    if (InetAddresses.isInetAddress(ascii) || NUMERIC_TLD.matcher(ascii).matches() || ascii.indexOf('.') < 0
        || !InternetDomainName.isValid(ascii)) {
      return false;
    }
    return !InternetDomainName.from(ascii).isPublicSuffix();
  }

  /** The registrable domain of a canonical name; a name under no known public suffix is its own. */
  static String registrable(String name) {
    InternetDomainName d = InternetDomainName.from(name);
    return d.isUnderPublicSuffix() ? d.topPrivateDomain().toString() : name;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static CanonicalException invalid() {
    return new CanonicalException(CanonicalException.INVALID_DOMAIN, "not a registrable internet domain name");
  }
}
