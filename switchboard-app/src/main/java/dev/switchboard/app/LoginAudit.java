package dev.switchboard.app;

import dev.switchboard.app.access.Member;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.events.DomainEvents;
import java.util.Map;
import org.springframework.security.core.Authentication;

/**
 * Console sign-ins in the audit trail ({@code audit.logged}, with the client address): each success, and each
 * failure for a username that is a member — in that member's tenant. A failure for an unknown name is not recorded
 * (it belongs to no tenant, and a mistyped password in the name field must not be stored); the login throttle
 * counts it anyway.
 */
final class LoginAudit {
  private final DomainEvents events;
  private final Users users;

  LoginAudit(DomainEvents events, Users users) {
    this.events = events;
    this.users = users;
  }

  void succeeded(Authentication auth) {
    if (auth.getPrincipal() instanceof Member member) {
      events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED,
          Map.of("action", "login.succeeded", "actor", member.getUsername()), null);
    }
  }

  /** @param locked refused unchecked by the throttle, rather than a wrong password */
  void failed(String username, boolean locked) {
    if (username == null || username.isBlank()) {
      return;
    }
    users.member(username).ifPresent(member -> events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED,
        Map.of("action", locked ? "login.locked" : "login.failed", "actor", member.getUsername()), null));
  }
}
