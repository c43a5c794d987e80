package dev.switchboard.app.canonical;

import java.util.Set;

/**
 * An internet domain name in canonical form (see {@link Domains}): ASCII (IDNA UTS #46), lower-case, no trailing dot,
 * a leading {@code www.} dropped, not an IP address and not itself a public suffix. The host is kept as given
 * ({@code shop.example.co.uk}); {@link #registrable()} is what identity compares.
 */
public record DomainValue(String name) implements Value {
  public DomainValue {
    if (!Domains.isCanonical(name)) {
      throw new CanonicalException(CanonicalException.INVALID_DOMAIN, "not a canonical domain name");
    }
  }

  /** The registrable domain by the public-suffix list: {@code shop.example.co.uk} → {@code example.co.uk}. */
  public String registrable() {
    return Domains.registrable(name);
  }

  /** True for the domains of free mail providers (gmail.com, yahoo.*, …): never evidence that two companies are one. */
  public boolean isFreeMail() {
    return FreeMailDomains.contains(registrable());
  }

  @Override
  public Set<String> flags() {
    return isFreeMail() ? Set.of(FreeMailDomains.FLAG) : Set.of();
  }

  @Override
  public String toString() {
    return name;
  }
}
