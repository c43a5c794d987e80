package dev.switchboard.app.canonical;

/**
 * An e-mail address in canonical form (see {@link EmailCleaner}): trimmed, lower-case, the domain in ASCII (IDNA
 * UTS #46). Create one with {@link EmailCleaner#clean}; the constructor refuses anything else with
 * {@code invalid_email}.
 */
public record EmailValue(String address) implements Value {
  public EmailValue {
    if (!EmailCleaner.isCanonical(address)) {
      throw new CanonicalException(CanonicalException.INVALID_EMAIL, "not a canonical e-mail address");
    }
  }

  /** The part after the last {@code @}, in ASCII. */
  public String domainName() {
    return address.substring(address.lastIndexOf('@') + 1);
  }

  @Override
  public String toString() {
    return address;
  }
}
