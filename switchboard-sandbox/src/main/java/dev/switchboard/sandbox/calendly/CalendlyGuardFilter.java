package dev.switchboard.sandbox.calendly;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.FixedWindowLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auth and rate limit for {@code /calendly/**} except {@code /calendly/oauth/}: {@code Authorization: Bearer}
 * with an organization's personal access token or a live OAuth access token (else 401 {@code Unauthenticated});
 * the organization it belongs to is put in request attribute {@link #ORG} and controllers act on it only. Then
 * {@code rateLimitPerMinute} requests per organization (its one user) per fixed minute on the sandbox clock
 * (https://developer.calendly.com/api-docs/overview/rate-limits), whichever of its tokens they carry. Every answer past
 * auth carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (seconds
 * to reset).
 */
@Configuration(proxyBeanMethods = false)
class CalendlyGuardFilter {

  /** Request attribute holding the authenticated {@link CalendlyOrg}. */
  static final String ORG = "calendly.org";
  private final FixedWindowLimiter limiter = new FixedWindowLimiter();

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> calendlyGuard(CalendlySettings settings, CalendlyOrgs orgs, CalendlyOAuthController oauth,
      ChangeClock clock, JsonMapper json) {
    OncePerRequestFilter f = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest req) {
        return !req.getRequestURI().startsWith("/calendly/") || req.getRequestURI().startsWith("/calendly/oauth/");
      }

      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        String h = req.getHeader("Authorization");
        String token = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
        CalendlyOrg org = token == null ? null : orgs.byPersonalAccessToken(token);
        CalendlyOAuthController.Access access = token == null || org != null ? null : oauth.access(token);
        if (org == null && access != null && access.valid()) {
          org = access.org();
        }
        if (org == null) {
          write(json, res, 401, "Unauthenticated",
              access != null ? "The access token expired" : "The access token is invalid");
          return;
        }
        FixedWindowLimiter.Quota quota =
            limiter.acquire("org" + org.number, settings.rateLimitPerMinute, 60_000, clock.now().toEpochMilli());
        res.setHeader("X-RateLimit-Limit", Integer.toString(settings.rateLimitPerMinute));
        res.setHeader("X-RateLimit-Remaining", Long.toString(Math.max(0, quota.remaining())));
        res.setHeader("X-RateLimit-Reset", Long.toString(quota.resetSeconds()));
        if (quota.refused()) {
          write(json, res, 429, "Too Many Requests", "You have exceeded the rate limit. Please try again in "
              + quota.resetSeconds() + " seconds.");
          return;
        }
        req.setAttribute(ORG, org);
        chain.doFilter(req, res);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(10);
    return reg;
  }

  void reset() {
    limiter.reset();
  }

  static void write(JsonMapper json, HttpServletResponse res, int status, String title, String message) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json;charset=utf-8");
    res.getWriter().write(json.writeValueAsString(Map.of("title", title, "message", message)));
  }
}
