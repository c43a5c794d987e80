package dev.switchboard.app.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users (instance-wide accounts with an adaptive password hash) and their memberships of tenants. Passwords are
 * never stored or returned in clear; a username is not personal data we log.
 */
@Service
public class Users {
  private final JdbcClient db;
  private final PasswordEncoder encoder;
  private final Clock clock;

  Users(JdbcClient db, PasswordEncoder encoder, Clock clock) {
    this.db = db;
    this.encoder = encoder;
    this.clock = clock;
  }

  /** A user's membership of a tenant. */
  public record Membership(String username, String tenantId, Role role) {}

  public boolean exists(String username) {
    return db.sql("select count(*) from app_user where username = ?").param(username).query(Long.class).single() > 0;
  }

  /** Whether any user exists at all (a fresh install has none). */
  public boolean any() {
    return db.sql("select count(*) from app_user").query(Long.class).single() > 0;
  }

  /** Creates a user with this password; false (nothing changed) when the username is taken. */
  @Transactional
  public boolean create(String username, String password) {
    Timestamp now = Timestamp.from(clock.instant());
    return db.sql("insert into app_user(username, password_hash, created_at, password_changed_at) values (?,?,?,?) "
            + "on conflict do nothing")
        .params(username, encoder.encode(password), now, now).update() == 1;
  }

  /** Whether {@code password} is the user's (false for an unknown user). */
  public boolean passwordMatches(String username, String password) {
    return passwordHash(username).filter(h -> encoder.matches(password, h)).isPresent();
  }

  /**
   * Sets a user's password; the user's sessions started before now end ({@link Member#validSince()}). False when
   * there is no such user.
   */
  @Transactional
  public boolean setPassword(String username, String password) {
    return db.sql("update app_user set password_hash = ?, password_changed_at = ? where username = ?")
        .params(encoder.encode(password), Timestamp.from(clock.instant()), username).update() == 1;
  }

  /** Makes the user a member of the tenant unless they already are one (their role then stays). */
  @Transactional
  public void ensureMember(String username, String tenantId, Role role) {
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("insert into membership(username, tenant_id, role, created_at, changed_at) values (?,?,?,?,?) "
            + "on conflict do nothing")
        .params(username, tenantId, role.key(), now, now).update();
  }

  /** Gives the user this role in the tenant (a member's sessions started before a change of role end). */
  @Transactional
  public void grant(String username, String tenantId, Role role) {
    Timestamp now = Timestamp.from(clock.instant());
    int changed = db.sql("update membership set role = ?, changed_at = ? where username = ? and tenant_id = ? "
            + "and role <> ?").params(role.key(), now, username, tenantId, role.key()).update();
    if (changed == 0) {
      ensureMember(username, tenantId, role);
    }
  }

  /** The member's role in the tenant, if they are one. */
  public Optional<Role> role(String username, String tenantId) {
    return db.sql("select role from membership where username = ? and tenant_id = ?").params(username, tenantId)
        .query((rs, i) -> Role.of(rs.getString(1))).optional();
  }

  /**
   * Ends the membership (the user's sessions in the tenant end with it); the user stays, e.g. for other tenants.
   * False when they were not a member.
   */
  @Transactional
  public boolean remove(String username, String tenantId) {
    return db.sql("delete from membership where username = ? and tenant_id = ?").params(username, tenantId)
        .update() == 1;
  }

  /** The tenant's members, by username. */
  public List<Membership> members(String tenantId) {
    return db.sql("select username, tenant_id, role from membership where tenant_id = ? order by username")
        .param(tenantId).query((rs, i) -> new Membership(rs.getString(1), rs.getString(2), Role.of(rs.getString(3))))
        .list();
  }

  /**
   * The user as they sign in: their password hash and the tenant of their first membership (an agency's switcher
   * between several tenants is a later issue). Empty for an unknown user or one who belongs to no tenant.
   */
  public Optional<Member> member(String username) {
    return db.sql("select u.password_hash, u.password_changed_at, m.tenant_id, m.role, m.changed_at from app_user u "
            + "join membership m on m.username = u.username where u.username = ? order by m.created_at, m.tenant_id "
            + "limit 1")
        .param(username)
        .query((rs, i) -> {
          Instant password = rs.getTimestamp(2).toInstant();
          Instant membership = rs.getTimestamp(5).toInstant();
          return new Member(username, rs.getString(1), rs.getString(3), Role.of(rs.getString(4)),
              password.isAfter(membership) ? password : membership, clock.instant());
        })
        .optional();
  }

  /**
   * When the member's sessions last became void: the later of the password's and the membership's last change; empty
   * when the user or the membership is gone (every session of theirs is void).
   */
  public Optional<Instant> validSince(String username, String tenantId) {
    return db.sql("select u.password_changed_at, m.changed_at from app_user u join membership m "
            + "on m.username = u.username where u.username = ? and m.tenant_id = ?")
        .params(username, tenantId)
        .query((rs, i) -> {
          Instant password = rs.getTimestamp(1).toInstant();
          Instant membership = rs.getTimestamp(2).toInstant();
          return password.isAfter(membership) ? password : membership;
        })
        .optional();
  }

  /**
   * Sets the address the user's password reset links go to (stored lower-case), or clears it with null or blank.
   * False when there is no such user or another user has that address.
   */
  @Transactional
  public boolean setEmail(String username, @org.jspecify.annotations.Nullable String email) {
    String value = email == null || email.isBlank() ? null : email.strip().toLowerCase(java.util.Locale.ROOT);
    if (value != null && db.sql("select count(*) from app_user where email = ? and username <> ?")
        .params(value, username).query(Long.class).single() > 0) {
      return false;
    }
    return (value == null
        ? db.sql("update app_user set email = null where username = ?").param(username)
        : db.sql("update app_user set email = ? where username = ?").params(value, username)).update() == 1;
  }

  /** The address the user's reset links go to, if they gave one. */
  public Optional<String> email(String username) {
    return db.sql("select email from app_user where username = ? and email is not null").param(username)
        .query(String.class).optional();
  }

  /** The user who is {@code account}: that username, else the user with that e-mail address (any case). */
  public Optional<String> username(String account) {
    String a = account.strip();
    return db.sql("select username from app_user where username = ? or email = ? order by case when username = ? "
            + "then 0 else 1 end limit 1")
        .params(a, a.toLowerCase(java.util.Locale.ROOT), a).query(String.class).optional();
  }

  Optional<String> passwordHash(String username) {
    return db.sql("select password_hash from app_user where username = ?").param(username).query(String.class)
        .optional();
  }
}
