package dev.switchboard.app.canonical;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses in one form: trimmed (and a {@code mailto:} or {@code <…>} wrapper removed), lower-case, the
 * domain converted to ASCII by IDNA UTS #46 ({@code ann@bücher.de} → {@code ann@xn--bcher-kva.de}). The local part
 * is lower-cased too: strictly it is case-sensitive, but no provider our users meet treats {@code Ann} and
 * {@code ann} as two mailboxes, and every vendor we sync matches them case-insensitively. Internationalised local
 * parts (RFC 6531) are kept, NFC-normalised.
 *
 * <p>Refused with {@code invalid_email}: no {@code @}, an empty or over-long local part (64 octets), a quoted local
 * part, consecutive or edge dots, a domain that is not a host name with at least two labels (IP literals included),
 * an address over 254 characters.
 */
public final class EmailCleaner {
  public static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL_OCTETS = 64;
  private static final Pattern ATOM = Pattern.compile("[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+");

  private EmailCleaner() {}

  /** @throws CanonicalException {@code invalid_email} */
  public static EmailValue clean(String raw) {
    return new EmailValue(normalise(raw));
  }

  static String normalise(String raw) {
    String s = TextForms.identifier(raw);
    if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
      s = s.substring(7).strip();
    }
    if (s.startsWith("<") && s.endsWith(">")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1) {
      throw invalid();
    }
    String local = s.substring(0, at).toLowerCase(Locale.ROOT);
    if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_OCTETS) {
      throw invalid();
    }
    for (String atom : local.split("\\.", -1)) {
      if (!ATOM.matcher(atom).matches()) {
        throw invalid();
      }
    }
    String domain;
    try {
      domain = Domains.toAscii(s.substring(at + 1));
    } catch (CanonicalException e) {
      throw invalid();
    }
    if (!Domains.isHost(domain)) {
      throw invalid();
    }
    String address = local + "@" + domain;
    if (TextForms.length(address) > MAX_LENGTH) {
      throw invalid();
    }
    return address;
  }

  /** True when {@code address} is already in the form {@link #clean} produces. */
  public static boolean isCanonical(String address) {
    try {
      return normalise(address).equals(address);
    } catch (CanonicalException e) {
      return false;
    }
  }

  private static CanonicalException invalid() {
    return new CanonicalException(CanonicalException.INVALID_EMAIL, "not an e-mail address");
  }
}
