package dev.switchboard.app.api;

import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * The tenant an API token belongs to.
 *
 * @param tokenId the token's public id ({@code tok_…}), null when the caller is not known by one
 */
public record TenantPrincipal(String tenantId, @Nullable String tokenId) implements Principal {

  public TenantPrincipal(String tenantId) {
    this(tenantId, null);
  }

  @Override
  public String getName() {
    return tenantId;
  }

  /** Who acted, for {@code audit.logged}: the token's id, never its secret. */
  public String actor() {
    return tokenId == null ? "api" : "token:" + tokenId;
  }
}
