package dev.switchboard.app;

import dev.switchboard.app.access.Role;
import dev.switchboard.app.access.SetupLinks;
import dev.switchboard.app.access.Users;
import dev.switchboard.app.canonical.ContactCleaner;
import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.connections.Tenants;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * First-start setup: the default tenant, its owner and its first API token. With {@code SWITCHBOARD_ADMIN_PASSWORD}
 * the owner is the configured admin account, created (or its password reset to that one) on every start. Without it,
 * while the instance has no user at all, every start prints a one-time setup link: the person who opens it chooses
 * the owner's name and password, the organisation's name, default phone region and time zone (the console's
 * {@code SetupController}). The token is issued on the first start too (not in the demo, which brings its own).
 * Link and token are printed once, together, to the console; only their hashes are kept.
 */
@Configuration(proxyBeanMethods = false)
class Bootstrap {
  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

  /** Marks that first-start setup ran; nothing uses it, it exists so the setup runs while the context starts. */
  record Done() {}

  @Bean
  Done firstStart(Users users, SetupLinks setupLinks, Tenants tenants, ApiTokens tokens,
      @Value("${switchboard.public-base-url}") String publicBaseUrl,
      @Value("${switchboard.setup.link-ttl:24h}") Duration setupLinkTtl,
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
    if (!password.isBlank()) {
      if (!users.create(username, password) && !users.passwordMatches(username, password)) {
        users.setPassword(username, password);
      }
      // The configured admin owns the configured tenant: the demo and scripted installs work as before.
      users.ensureMember(username, tenantId, Role.OWNER);
    } else if (!users.any()) {
      String link = publicBaseUrl.replaceAll("/+$", "") + "/setup/" + setupLinks.issue(setupLinkTtl);
      firstStart.append("\n  Finish setting up Switchboard in your browser: ").append(link)
          .append("\n  (works once, for ").append(setupLinkTtl.toHours()).append(" hours; restart Switchboard for a new")
          .append(" link, or set SWITCHBOARD_ADMIN_PASSWORD to create the owner '").append(username).append("' instead)");
    }
    firstStartToken(tokens, tenantId, demo).ifPresent(token -> firstStart
        .append("\n  API token for tenant '").append(tenantId).append("': ").append(token)
        .append("\n  (shown once; only its hash is kept. Owners and admins issue, list and revoke tokens at /api/tokens)"));
    if (!firstStart.isEmpty()) {
      // Printed once, to the console only, so the operator can log in and call the API; never stored in clear.
      System.out.println(firstStart.append("\n"));
    }
    return new Done();
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
