package dev.switchboard.app.canonical;

/**
 * An absolute http(s) URL in canonical form (see {@link UrlCleaner}): scheme and host lower-case, host in ASCII,
 * default port and a bare {@code /} path dropped. Create one with {@link UrlCleaner#clean}.
 */
public record UrlValue(String url) implements Value {
  public UrlValue {
    if (!UrlCleaner.isCanonical(url)) {
      throw new CanonicalException(CanonicalException.INVALID_URL, "not a canonical http(s) URL");
    }
  }

  /** The URL's host as a domain ({@code www.} dropped), for matching a company by its website. */
  public DomainValue domain() {
    return new DomainValue(Domains.normalise(UrlCleaner.host(url)));
  }

  @Override
  public String toString() {
    return url;
  }
}
