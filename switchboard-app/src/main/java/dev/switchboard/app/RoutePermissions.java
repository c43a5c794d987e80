package dev.switchboard.app;

import dev.switchboard.app.access.Action;
import dev.switchboard.app.access.Member;
import dev.switchboard.app.access.Permissions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Where {@link Permissions} is enforced: every signed-in {@link Member} may read (GET, HEAD); every other request
 * must match a rule here, and the member's role must allow that rule's {@link Action}. A change no rule names is
 * refused (fail closed), so a new console action cannot ship without saying who may take it; the route-listing
 * test finds such a route.
 */
final class RoutePermissions implements AuthorizationManager<RequestAuthorizationContext> {
  private static final Set<String> READS = Set.of("GET", "HEAD");

  private record Rule(RequestMatcher matcher, Action action) {}

  private static final List<Rule> RULES = List.of(
      rule(null, "/api/tokens", Action.TOKENS),
      rule(null, "/api/tokens/**", Action.TOKENS),
      rule(HttpMethod.PUT, "/api/connections/*/mappings", Action.MAPPINGS),
      rule(HttpMethod.POST, "/api/connections/*/mappings/preview", Action.MAPPINGS),
      rule(HttpMethod.POST, "/console/connections/*/pause", Action.RECONNECT),
      rule(HttpMethod.POST, "/console/connections/*/resume", Action.RECONNECT),
      rule(HttpMethod.POST, "/console/connections/*/delete", Action.DISCONNECT),
      rule(HttpMethod.POST, "/console/connections/*/reconnect", Action.RECONNECT),
      rule(HttpMethod.POST, "/console/connect/*", Action.CONNECT),
      rule(HttpMethod.POST, "/console/connect/*/oauth", Action.CONNECT),
      // the vendor's redirect back: a GET, but it connects an account (owner or admin only)
      rule(null, "/console/connect/*/callback", Action.CONNECT),
      rule(HttpMethod.POST, "/console/connections/*/first-sync/start", Action.CONNECT),
      rule(HttpMethod.POST, "/console/connections/*/first-sync/settings", Action.CONNECT),
      rule(HttpMethod.POST, "/console/connections/*/first-sync/audience", Action.CONNECT),
      rule(HttpMethod.POST, "/console/connections/*", Action.RECONNECT),
      rule(HttpMethod.POST, "/console/dead-letters/*/replay", Action.REPLAY),
      rule(HttpMethod.POST, "/console/dead-letters/groups/*/retry", Action.REPLAY),
      rule(HttpMethod.POST, "/console/dead-letters/groups/*/discard", Action.REPLAY),
      rule(HttpMethod.POST, "/console/tokens", Action.TOKENS),
      rule(HttpMethod.POST, "/console/tokens/*/revoke", Action.TOKENS),
      rule(HttpMethod.POST, "/console/users", Action.USERS),
      rule(HttpMethod.POST, "/console/users/role", Action.USERS),
      rule(HttpMethod.POST, "/console/users/remove", Action.USERS),
      rule(HttpMethod.POST, "/console/account/password", Action.OWN_PASSWORD),
      rule(HttpMethod.POST, "/console/account/email", Action.OWN_PASSWORD),
      rule(HttpMethod.POST, "/console/settings", Action.TENANT_SETTINGS),
      // correcting a record's value is curating records, as merging and splitting them is
      rule(HttpMethod.POST, "/console/records/*/fields", Action.MERGE),
      rule(HttpMethod.POST, "/console/duplicates/*/merge", Action.MERGE),
      rule(HttpMethod.POST, "/console/duplicates/*/keep-apart", Action.MERGE),
      rule(HttpMethod.POST, "/console/duplicates/*/split", Action.MERGE));

  @Override
  public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
      RequestAuthorizationContext context) {
    Authentication auth = authentication.get();
    if (auth == null || !(auth.getPrincipal() instanceof Member member)) {
      return new AuthorizationDecision(false);
    }
    return new AuthorizationDecision(action(context.getRequest())
        .map(member::may)
        .orElse(READS.contains(context.getRequest().getMethod())));
  }

  /** The action a request takes, if a rule names it (a rule without a method covers reads too). */
  static java.util.Optional<Action> action(HttpServletRequest request) {
    return RULES.stream().filter(r -> r.matcher().matches(request)).map(Rule::action).findFirst();
  }

  private static Rule rule(@Nullable HttpMethod method, String pattern, Action action) {
    return new Rule(PathPatternRequestMatcher.withDefaults().matcher(method, pattern), action);
  }
}
