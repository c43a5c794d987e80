package dev.switchboard.app;

import dev.switchboard.app.api.TenantPrincipal;
import dev.switchboard.app.connections.ApiTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} as the token's tenant, unless the token is unknown, revoked or
 * expired (then the request stays anonymous and is answered 401). Authorities: {@code ROLE_API} and
 * {@code SCOPE_read} or {@code SCOPE_write}, which {@link SecurityConfiguration} requires for changes; a
 * {@code metrics} token gets {@code ROLE_METRICS} alone, which the API refuses and only the actuator takes.
 */
final class ApiTokenFilter extends OncePerRequestFilter {
  static final String SCOPE_WRITE = "SCOPE_" + ApiTokens.WRITE;
  static final String ROLE_METRICS = "ROLE_METRICS";

  private final ApiTokens tokens;

  ApiTokenFilter(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      tokens.authenticate(header.substring(7).trim()).ifPresent(caller -> SecurityContextHolder.getContext()
          .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
              new TenantPrincipal(caller.tenantId(), caller.tokenId()), null,
              ApiTokens.METRICS.equals(caller.scope()) ? List.of(new SimpleGrantedAuthority(ROLE_METRICS))
                  : List.of(new SimpleGrantedAuthority("ROLE_API"),
                      new SimpleGrantedAuthority("SCOPE_" + caller.scope())))));
    }
    chain.doFilter(request, response);
  }
}
