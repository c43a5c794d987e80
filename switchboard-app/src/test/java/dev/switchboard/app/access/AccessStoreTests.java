package dev.switchboard.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.sync.MutableClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * {@link Users} and {@link SetupLinks} over the real SQL of each database (one subclass per kind), the clock moved
 * by hand: memberships and roles, what voids a member's sessions, and one-time links.
 */
abstract class AccessStoreTests {
  final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
  JdbcClient db;
  Users users;
  SetupLinks links;

  abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    db = JdbcClient.create(freshDatabase());
    users = new Users(db, PasswordEncoderFactories.createDelegatingPasswordEncoder(), clock);
    links = new SetupLinks(db, clock);
    for (String tenant : new String[] {"a", "b"}) {
      db.sql("insert into tenant(id, name, created_at) values (?, ?, ?)")
          .params(tenant, tenant, Timestamp.from(clock.instant())).update();
    }
  }

  @Test
  void aUserSignsInToTheirFirstMembershipWithAnAdaptiveHash() {
    assertThat(users.create("ann", "a long password")).isTrue();
    assertThat(users.create("ann", "another password")).as("taken").isFalse();
    assertThat(users.passwordHash("ann")).get().asString().startsWith("{bcrypt}");
    assertThat(users.member("ann")).as("no membership, no sign-in").isEmpty();
    users.ensureMember("ann", "b", Role.VIEWER);
    clock.advance(Duration.ofSeconds(1));
    users.ensureMember("ann", "a", Role.OWNER);
    assertThat(users.member("ann")).get().satisfies(m -> {
      assertThat(m.tenantId()).isEqualTo("b");
      assertThat(m.role()).isEqualTo(Role.VIEWER);
      assertThat(m.getAuthorities()).extracting(Object::toString).containsExactlyInAnyOrder("ROLE_MEMBER",
          "ROLE_VIEWER");
    });
    assertThat(users.members("a")).extracting(Users.Membership::role).containsExactly(Role.OWNER);
    assertThat(users.any()).isTrue();
  }

  @Test
  void aNewPasswordARoleChangeOrARemovalVoidEarlierSessions() {
    users.create("bob", "a long password");
    users.ensureMember("bob", "a", Role.ADMIN);
    Instant signedIn = users.member("bob").orElseThrow().signedInAt();
    assertThat(users.validSince("bob", "a")).get().matches(v -> !v.isAfter(signedIn));

    clock.advance(Duration.ofMinutes(1));
    users.grant("bob", "a", Role.ADMIN);
    assertThat(users.validSince("bob", "a")).as("the same role is no change").get().matches(v -> !v.isAfter(signedIn));
    users.grant("bob", "a", Role.VIEWER);
    assertThat(users.validSince("bob", "a")).get().matches(v -> v.isAfter(signedIn));

    clock.advance(Duration.ofMinutes(1));
    Instant later = users.member("bob").orElseThrow().signedInAt();
    clock.advance(Duration.ofMinutes(1));
    assertThat(users.setPassword("bob", "a new long password")).isTrue();
    assertThat(users.passwordMatches("bob", "a new long password")).isTrue();
    assertThat(users.validSince("bob", "a")).get().matches(v -> v.isAfter(later));

    assertThat(users.remove("bob", "a")).isTrue();
    assertThat(users.validSince("bob", "a")).isEmpty();
    assertThat(users.role("bob", "a")).isEmpty();
  }

  @Test
  void aSetupLinkWorksOnceUntilItExpiresAndTheNextVoidsIt() {
    String first = links.issue(Duration.ofHours(24));
    assertThat(links.usable(first)).isTrue();
    String second = links.issue(Duration.ofHours(24));
    assertThat(links.usable(first)).as("voided by the next").isFalse();
    assertThat(links.use(second)).isTrue();
    assertThat(links.use(second)).as("once").isFalse();
    String third = links.issue(Duration.ofHours(24));
    clock.advance(Duration.ofHours(24));
    assertThat(links.usable(third)).isFalse();
    assertThat(links.use(third)).isFalse();
    assertThat(links.usable("not a link")).isFalse();
  }
}
