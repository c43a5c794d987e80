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
  PasswordResets resets;

  abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    db = JdbcClient.create(freshDatabase());
    users = new Users(db, PasswordEncoderFactories.createDelegatingPasswordEncoder(), clock);
    links = new SetupLinks(db, clock);
    resets = new PasswordResets(db, users, clock, Duration.ofHours(1));
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

  @Test
  void aResetLinkGoesOnlyToAUserWithAnAddressIsStoredHashedWorksOnceAndEndsTheirSessions() {
    users.create("cat", "a long password");
    users.ensureMember("cat", "a", Role.ADMIN);
    assertThat(resets.request("cat")).as("no address, no link").isEmpty();
    assertThat(resets.request("nobody")).isEmpty();
    assertThat(users.setEmail("cat", " Cat@Example.COM ")).isTrue();
    users.create("dan", "a long password");
    assertThat(users.setEmail("dan", "cat@example.com")).as("another user's address").isFalse();

    PasswordResets.Link link = resets.request("CAT@example.com").orElseThrow();
    assertThat(link.username()).isEqualTo("cat");
    assertThat(link.email()).isEqualTo("cat@example.com");
    assertThat(db.sql("select * from access_link").query().listOfRows().toString()).as("hashed at rest")
        .doesNotContain(link.token());
    assertThat(resets.usable(link.token())).contains("cat");
    Instant signedIn = users.member("cat").orElseThrow().signedInAt();

    clock.advance(Duration.ofMinutes(1));
    assertThat(resets.reset(link.token(), "a brand new password")).contains("cat");
    assertThat(users.passwordMatches("cat", "a brand new password")).isTrue();
    assertThat(users.validSince("cat", "a")).as("earlier sessions end").get().matches(v -> v.isAfter(signedIn));
    assertThat(resets.reset(link.token(), "yet another password")).as("once").isEmpty();
    assertThat(users.passwordMatches("cat", "a brand new password")).isTrue();
  }

  @Test
  void aResetLinkExpiresANewerOneVoidsItAndAnAccountGetsThreeAnHour() {
    users.create("eve", "a long password");
    users.setEmail("eve", "eve@example.com");
    String first = resets.request("eve").orElseThrow().token();
    clock.advance(Duration.ofMinutes(61));
    assertThat(resets.reset(first, "a brand new password")).as("expired").isEmpty();
    String second = resets.request("eve").orElseThrow().token();
    String third = resets.request("eve").orElseThrow().token();
    assertThat(resets.usable(second)).as("voided by the next").isEmpty();
    assertThat(resets.request("eve")).as("at most three an hour").isPresent();
    assertThat(resets.request("eve")).isEmpty();
    assertThat(resets.usable(third)).as("the fourth voided it").isEmpty();
    clock.advance(Duration.ofMinutes(61));
    assertThat(resets.request("eve")).as("a new hour").isPresent();
    assertThat(users.passwordMatches("eve", "a long password")).isTrue();
  }
}
