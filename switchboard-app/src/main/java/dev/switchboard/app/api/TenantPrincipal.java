package dev.switchboard.app.api;

import java.security.Principal;

/** The tenant an API token belongs to. */
public record TenantPrincipal(String tenantId) implements Principal {
  @Override
  public String getName() {
    return tenantId;
  }
}
