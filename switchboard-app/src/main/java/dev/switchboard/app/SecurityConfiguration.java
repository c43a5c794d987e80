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
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every route is authenticated except webhooks (their signature is the authentication), the liveness part
 * of health, the login page and static assets. The REST API uses per-tenant bearer tokens; the console and
 * the metrics endpoint use the admin account (form login, or HTTP Basic for scrapers).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
    return http.securityMatcher("/webhooks/**")
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, Tenants tenants) throws Exception {
    return http.securityMatcher("/api/**", "/integrations/**")
        .addFilterBefore(new ApiTokenFilter(tenants), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a.anyRequest().hasRole("API"))
        .exceptionHandling(e -> e.authenticationEntryPoint(new ApiTokenEntryPoint()))
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain console(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(a -> a
            .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/login",
                "/webjars/**", "/css/**", "/error").permitAll()
            .anyRequest().hasRole("ADMIN"))
        .formLogin(Customizer.withDefaults())
        .httpBasic(Customizer.withDefaults())
        .build();
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
