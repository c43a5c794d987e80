package dev.switchboard.app;

import dev.switchboard.app.access.Users;
import dev.switchboard.app.connections.ApiTokens;
import dev.switchboard.app.events.DomainEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Every route is authenticated except webhooks (their signature is the authentication), the liveness part
 * of health, the login, forgot-password and reset-link pages, the setup link and static assets. The REST API uses per-tenant bearer tokens, except
 * {@code /api/tokens}, which takes a user's login (HTTP Basic or the console session); the console takes a user's
 * form login (never HTTP Basic); the metrics endpoints a {@code metrics} token (no HTTP Basic either). A signed-in
 * user is an {@link dev.switchboard.app.access.Member} of one tenant;
 * what they may change is {@link RoutePermissions}.
 *
 * <p>Every response carries {@link #CONTENT_SECURITY_POLICY} and {@code Referrer-Policy: no-referrer}: the
 * console runs only its own scripts and styles (htmx is configured for that in the page), cannot be framed,
 * and leaks no URL to the sites its links point to.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // not in a command such as ResetPassword, which runs without a web server
class SecurityConfiguration {
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /** Same-origin everything; no inline script or style, no eval, no plugins, no {@code <base>}, no framing. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
      + "form-action 'self'";

  @Bean
  @Order(1)
  SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
    return hardened(http).securityMatcher("/webhooks/**")
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /**
   * {@code /api/tokens} and a connection's {@code /mappings}: issuing, listing and revoking API tokens, and changing
   * mappings, take the admin login — HTTP Basic (throttled like
   * every admin login) or the console's session — never a tenant's bearer token, so a leaked token cannot mint more.
   * A change sent with a session cookie needs the console's CSRF token (header {@code X-CSRF-TOKEN}); one without a
   * session (nothing a forger could ride on) or with HTTP Basic does not: a browser that replays cached Basic
   * credentials cross-site can send neither a JSON body (POST answers 415 to anything else) nor a DELETE without a
   * CORS preflight, which is refused.
   */
  @Bean
  @Order(2)
  SecurityFilterChain tokens(HttpSecurity http, UserDetailsService admins, PasswordEncoder encoder,
      LoginThrottle throttle, Users users, Clock clock,
      @Value("${switchboard.session.idle-timeout:30m}") Duration idle,
      @Value("${switchboard.session.absolute-timeout:12h}") Duration absolute) throws Exception {
    return hardened(http).securityMatcher("/api/tokens", "/api/tokens/**", "/api/connections/*/mappings",
            "/api/connections/*/mappings/**")
        .authenticationManager(adminLogin(admins, encoder, throttle))
        .addFilterAfter(new SessionLimits(users, clock, idle, absolute), SecurityContextHolderFilter.class)
        .authorizeHttpRequests(a -> a.anyRequest().access(new RoutePermissions()))
        .httpBasic(b -> b.authenticationEntryPoint(ApiProblemHandlers::adminRequired))
        .exceptionHandling(e -> e.authenticationEntryPoint(ApiProblemHandlers::adminRequired)
            .accessDeniedHandler(ApiProblemHandlers::csrfOrForbidden))
        .csrf(c -> c.requireCsrfProtectionMatcher(request -> !SAFE_METHODS.contains(request.getMethod())
            && request.getRequestedSessionId() != null && !isBasic(request.getHeader("Authorization"))))
        .build();
  }

  /**
   * The REST API with per-tenant bearer tokens ({@link ApiTokenFilter}); a {@code read} token may only read (GET,
   * HEAD): anything else answers 403 {@code insufficient_scope}.
   */
  @Bean
  @Order(3)
  SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
    return hardened(http).securityMatcher("/api/**", "/integrations/**")
        .addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a
            .requestMatchers(request -> SAFE_METHODS.contains(request.getMethod())).hasRole("API")
            .anyRequest().hasAuthority(ApiTokenFilter.SCOPE_WRITE))
        .exceptionHandling(e -> e.authenticationEntryPoint(new ApiTokenEntryPoint())
            .accessDeniedHandler(ApiProblemHandlers::insufficientScope))
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /**
   * The actuator: health is public (details for a metrics token); metrics and the rest take an API token of scope
   * {@code metrics} ({@code Authorization: Bearer}), which an owner issues for a scraper. No HTTP Basic and no
   * session: a scraper holds no one's password, is never locked out by someone guessing the owner's, and its token is
   * revoked without touching anyone's login. A tenant's {@code read} or {@code write} token is refused (403).
   */
  @Bean
  @Order(4)
  SecurityFilterChain actuator(HttpSecurity http, ApiTokens tokens) throws Exception {
    return hardened(http).securityMatcher("/actuator/**")
        .addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a
            .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
            .anyRequest().hasAuthority(ApiTokenFilter.ROLE_METRICS))
        .exceptionHandling(e -> e.authenticationEntryPoint(new ApiTokenEntryPoint())
            .accessDeniedHandler(ApiProblemHandlers::insufficientScope))
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /**
   * The console: form login on our own page through {@link ThrottledAuthenticationProvider} (a locked login is sent
   * back to the login page, which says how long to wait: {@code /login?wait=<seconds>}); no HTTP Basic. Sessions end
   * as {@link SessionLimits} says; a request without one is answered by {@link ConsoleEntryPoint} ({@code HX-Redirect}
   * for htmx). Only a page a person asked for is remembered to return to after signing in, never an htmx fragment.
   * Spring Security's default session-fixation protection gives every login a new session id.
   */
  @Bean
  @Order(5)
  SecurityFilterChain console(HttpSecurity http, UserDetailsService members, PasswordEncoder encoder,
      LoginThrottle throttle, Users users, Clock clock, DomainEvents events,
      @Value("${switchboard.session.idle-timeout:30m}") Duration idle,
      @Value("${switchboard.session.absolute-timeout:12h}") Duration absolute) throws Exception {
    AuthenticationManager manager = adminLogin(members, encoder, throttle);
    LoginAudit audit = new LoginAudit(events, users);
    SimpleUrlAuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler("/login?error");
    ConsoleEntryPoint entryPoint = new ConsoleEntryPoint();
    HttpSessionRequestCache pages = new HttpSessionRequestCache();
    pages.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !ConsoleEntryPoint.isHtmx(request)
        && String.valueOf(request.getHeader("Accept")).contains("text/html"));
    SavedRequestAwareAuthenticationSuccessHandler backToThePage = new SavedRequestAwareAuthenticationSuccessHandler();
    backToThePage.setRequestCache(pages);
    return hardened(http)
        .authenticationManager(manager)
        .addFilterAfter(new SessionLimits(users, clock, idle, absolute), SecurityContextHolderFilter.class)
        .authorizeHttpRequests(a -> a
            .requestMatchers("/login", "/login/forgot", "/login/reset/*", "/webjars/**", "/css/**", "/favicon.svg",
                "/favicon.ico", "/error", "/setup/*")
            .permitAll()
            .anyRequest().access(new RoutePermissions()))
        .requestCache(r -> r.requestCache(pages))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
        .formLogin(f -> f.loginPage("/login").successHandler((request, response, auth) -> {
          audit.succeeded(auth);
          backToThePage.onAuthenticationSuccess(request, response, auth);
        }).failureHandler((request, response, failure) -> {
          boolean locked = failure instanceof ThrottledAuthenticationProvider.LoginLocked;
          audit.failed(request.getParameter("username"), locked);
          if (failure instanceof ThrottledAuthenticationProvider.LoginLocked lock) {
            response.sendRedirect(request.getContextPath() + "/login?wait=" + lock.retryAfterSeconds());
          } else {
            wrongPassword.onAuthenticationFailure(request, response, failure);
          }
        }))
        .build();
  }

  /** The admin password check behind the login throttle; our own manager, without a parent: nothing may check an
   * admin password around the throttle. */
  private static AuthenticationManager adminLogin(UserDetailsService admins, PasswordEncoder encoder,
      LoginThrottle throttle) {
    DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(admins);
    passwords.setPasswordEncoder(encoder);
    return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle));
  }

  private static boolean isBasic(@Nullable String authorization) {
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
  }

  /** Browser hardening for every chain (JSON answers too: a policy costs nothing and covers error pages). */
  private static HttpSecurity hardened(HttpSecurity http) throws Exception {
    return http.headers(h -> h
        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
  }
}
