package dev.switchboard.app;

import dev.switchboard.app.canonical.ContactCleaner;
import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.connections.Tenants;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * First-start setup: the default tenant, the admin account and the tenant's first API token. The admin password
 * comes from {@code SWITCHBOARD_ADMIN_PASSWORD}; without it one is generated on the very first start. The token is
 * issued on the first start too (not in the demo, which brings its own). Both are printed once, together, to the
 * console; only their hashes are kept.
 */
@Configuration(proxyBeanMethods = false)
class Bootstrap {
  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService admins(JdbcClient db, PasswordEncoder encoder, Clock clock, Tenants tenants, ApiTokens tokens,
      @Value("${switchboard.admin.username:admin}") String username,
      @Value("${switchboard.admin.password:}") String password,
      @Value("${switchboard.default-tenant.id:default}") String tenantId,
      @Value("${switchboard.default-tenant.region:US}") String region,
      @Value("${switchboard.demo.enabled:false}") boolean demo) {
    String defaultRegion = region.trim().toUpperCase(java.util.Locale.ROOT);
    if (!ContactCleaner.isSupportedRegion(defaultRegion)) {
      throw new IllegalStateException("SWITCHBOARD_DEFAULT_REGION must be an ISO 3166-1 alpha-2 country code such as "
          + "US, GB or DE (it is the region phone numbers without a country code are read in)");
    }
    tenants.ensure(tenantId, "Default", defaultRegion);
    StringBuilder firstStart = new StringBuilder();
    Optional<String> stored = db.sql("select password_hash from admin_user where username = ?").param(username)
        .query(String.class).optional();
    if (!password.isBlank()) {
      String hash = stored.filter(h -> encoder.matches(password, h)).orElseGet(() -> encoder.encode(password));
      if (stored.isEmpty()) {
        db.sql("insert into admin_user(username, password_hash, created_at) values (?,?,?)")
            .params(username, hash, Timestamp.from(clock.instant())).update();
      } else if (!stored.get().equals(hash)) {
        db.sql("update admin_user set password_hash = ? where username = ?").params(hash, username).update();
      }
    } else if (stored.isEmpty()) {
      byte[] raw = new byte[18];
      new SecureRandom().nextBytes(raw);
      String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      db.sql("insert into admin_user(username, password_hash, created_at) values (?,?,?)")
          .params(username, encoder.encode(generated), Timestamp.from(clock.instant())).update();
      firstStart.append("\n  Switchboard admin login: ").append(username).append(" / ").append(generated)
          .append("\n  (generated on first start; set SWITCHBOARD_ADMIN_PASSWORD to choose your own)");
    }
    firstStartToken(tokens, tenantId, demo).ifPresent(token -> firstStart
        .append("\n  API token for tenant '").append(tenantId).append("': ").append(token)
        .append("\n  (shown once; only its hash is kept. Issue, list and revoke tokens at /api/tokens with the admin")
        .append(" login)"));
    if (!firstStart.isEmpty()) {
      // Printed once, to the console only, so the operator can log in and call the API; never stored in clear.
      System.out.println(firstStart.append("\n"));
    }
    return name -> {
      String hash = db.sql("select password_hash from admin_user where username = ?").param(name)
          .query(String.class).optional().orElseThrow(() -> new UsernameNotFoundException("unknown user"));
      return User.withUsername(name).password(hash).roles("ADMIN").build();
    };
  }

  /**
   * The default tenant's first API token, when it has never had one and this is not the demo (which registers its
   * own): a production install can use its own API from the first start. Empty otherwise.
   */
  static Optional<String> firstStartToken(ApiTokens tokens, String tenantId, boolean demo) {
    if (demo || tokens.anyIssued(tenantId)) {
      return Optional.empty();
    }
    return Optional.of(tokens.issue(tenantId, "first start", ApiTokens.WRITE, null, "first-start").token());
  }
}
