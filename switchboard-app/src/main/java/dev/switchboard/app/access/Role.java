package dev.switchboard.app.access;

import java.util.Locale;

/** A member's role in a tenant, stored in lower case ({@code membership.role}). */
public enum Role {
  /** Everything, including the instance's settings, users and irreversible actions (erase, retention). */
  OWNER,
  /** Runs the tenant's integrations: connections, tokens, mappings, records; not users nor irreversible actions. */
  ADMIN,
  /** Reads everything, with personal data masked; changes nothing. */
  VIEWER;

  /** The stored form: {@code owner}, {@code admin}, {@code viewer}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role stored as {@code key}; {@link IllegalArgumentException} for anything else. */
  public static Role of(String key) {
    return valueOf(key.strip().toUpperCase(Locale.ROOT));
  }
}
