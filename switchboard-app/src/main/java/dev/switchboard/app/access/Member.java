package dev.switchboard.app.access;

import java.io.Serial;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A signed-in console user in the tenant of their membership: the principal of every console request. Authorities:
 * {@code ROLE_MEMBER} and {@code ROLE_<role>}.
 */
public final class Member extends User {
  @Serial private static final long serialVersionUID = 1L;

  private final String tenantId;
  private final Role role;
  private final Instant validSince;
  private final Instant signedInAt;

  /**
   * @param validSince the later of the password's and the membership's last change: a session authenticated before
   *                   it has ended
   * @param signedInAt when this member was loaded to sign in: the session's start, for its absolute timeout
   */
  public Member(String username, String passwordHash, String tenantId, Role role, Instant validSince,
      Instant signedInAt) {
    super(username, passwordHash, List.of(new SimpleGrantedAuthority("ROLE_MEMBER"),
        new SimpleGrantedAuthority("ROLE_" + role.name())));
    this.tenantId = tenantId;
    this.role = role;
    this.validSince = validSince;
    this.signedInAt = signedInAt;
  }

  public String tenantId() {
    return tenantId;
  }

  public Role role() {
    return role;
  }

  public Instant validSince() {
    return validSince;
  }

  public Instant signedInAt() {
    return signedInAt;
  }

  /** Whether this member's role may take {@code action} ({@link Permissions}). */
  public boolean may(Action action) {
    return Permissions.allows(role, action);
  }

  @Override
  public boolean equals(Object other) {
    return super.equals(other);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
