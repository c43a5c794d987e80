package dev.switchboard.app;

import dev.switchboard.app.api.TenantPrincipal;
import dev.switchboard.app.connections.Tenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every route is authenticated except webhooks (their signature is the authentication), the liveness part
 * of health, the login page and static assets. The REST API uses per-tenant bearer tokens; the console and
 * the metrics endpoint use the admin account (form login, or HTTP Basic for scrapers).
 *
 * <p>Every response carries {@link #CONTENT_SECURITY_POLICY} and {@code Referrer-Policy: no-referrer}: the
 * console runs only its own scripts and styles (htmx is configured for that in the page), cannot be framed,
 * and leaks no URL to the sites its links point to.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
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

  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, Tenants tenants) throws Exception {
    return hardened(http).securityMatcher("/api/**", "/integrations/**")
        .addFilterBefore(new ApiTokenFilter(tenants), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a.anyRequest().hasRole("API"))
        .exceptionHandling(e -> e.authenticationEntryPoint(new ApiTokenEntryPoint()))
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /**
   * The console and the admin endpoints: form login on our own page, HTTP Basic for scrapers, both through
   * {@link ThrottledAuthenticationProvider}. A locked login is sent back to the login page, which says how long
   * to wait ({@code /login?wait=<seconds>}); over HTTP Basic it is {@code 429} with {@code Retry-After}.
   */
  @Bean
  @Order(3)
  SecurityFilterChain console(HttpSecurity http, UserDetailsService admins, PasswordEncoder encoder,
      LoginThrottle throttle) throws Exception {
    DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(admins);
    passwords.setPasswordEncoder(encoder);
    // Our own manager, without a parent: nothing may check an admin password around the throttle.
    AuthenticationManager manager = new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle));
    SimpleUrlAuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler("/login?error");
    BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
    basic.setRealmName("Switchboard");
    return hardened(http)
        .authenticationManager(manager)
        .authorizeHttpRequests(a -> a
            .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/login",
                "/webjars/**", "/css/**", "/favicon.svg", "/favicon.ico", "/error").permitAll()
            .anyRequest().hasRole("ADMIN"))
        .formLogin(f -> f.loginPage("/login").failureHandler((request, response, failure) -> {
          if (failure instanceof ThrottledAuthenticationProvider.LoginLocked locked) {
            response.sendRedirect(request.getContextPath() + "/login?wait=" + locked.retryAfterSeconds());
          } else {
            wrongPassword.onAuthenticationFailure(request, response, failure);
          }
        }))
        .httpBasic(b -> b.authenticationEntryPoint((request, response, failure) -> {
          if (failure instanceof ThrottledAuthenticationProvider.LoginLocked locked) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", String.valueOf(locked.retryAfterSeconds()));
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("Too many failed logins. Retry after " + locked.retryAfterSeconds() + " s.");
          } else {
            basic.commence(request, response, failure);
          }
        }))
        .build();
  }

  /** Browser hardening for every chain (JSON answers too: a policy costs nothing and covers error pages). */
  private static HttpSecurity hardened(HttpSecurity http) throws Exception {
    return http.headers(h -> h
        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
  }

  /** Authenticates {@code Authorization: Bearer <token>} as the token's tenant. */
  static final class ApiTokenFilter extends OncePerRequestFilter {
    private final Tenants tenants;

    ApiTokenFilter(Tenants tenants) {
      this.tenants = tenants;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String header = request.getHeader("Authorization");
      if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        Optional<String> tenant = tenants.tenantForToken(header.substring(7).trim());
        tenant.ifPresent(t -> SecurityContextHolder.getContext().setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(new TenantPrincipal(t), null,
                List.of(new SimpleGrantedAuthority("ROLE_API")))));
      }
      chain.doFilter(request, response);
    }
  }
}
