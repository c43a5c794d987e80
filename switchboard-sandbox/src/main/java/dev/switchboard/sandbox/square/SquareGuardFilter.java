package dev.switchboard.sandbox.square;

import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.SlidingWindowLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auth, Square-Version and rate limit for {@code /square/**} (except {@code /square/oauth2/}):
 * {@code Authorization: Bearer TOKEN} with a merchant's access token or an OAuth access token it granted (401
 * {@code AUTHENTICATION_ERROR}/{@code UNAUTHORIZED}, or {@code ACCESS_TOKEN_EXPIRED}); the
 * {@code Square-Version} header must look like {@code YYYY-MM-DD} and is echoed (default
 * {@value SquareSettings#DEFAULT_VERSION}); at most {@code rateLimitPer10s} calls per token per rolling 10 s,
 * beyond which 429 {@code RATE_LIMIT_ERROR}/{@code RATE_LIMITED} (Square publishes no per-seller budget, so it
 * stays per token). The merchant the token belongs to is put in request attribute {@link #MERCHANT}; controllers
 * act on that merchant only.
 */
@Configuration(proxyBeanMethods = false)
class SquareGuardFilter {

  /** Request attribute holding the authenticated {@link SquareMerchant}. */
  static final String MERCHANT = "square.merchant";
  private static final Pattern VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  final SlidingWindowLimiter limiter = new SlidingWindowLimiter();

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> squareGuard(SquareSettings settings, SquareMerchants merchants,
      JsonMapper json) {
    OncePerRequestFilter f = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest req) {
        String p = req.getRequestURI();
        return !p.startsWith("/square/") || p.startsWith("/square/oauth2/");
      }

      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        String version = req.getHeader("Square-Version");
        res.setHeader("Square-Version", version == null ? SquareSettings.DEFAULT_VERSION : version);
        String auth = req.getHeader("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        SquareMerchant merchant = merchants.byToken(token);
        OAuthGrants.Status status = merchant == null ? OAuthGrants.Status.UNKNOWN
            : token.equals(merchant.accessToken) ? OAuthGrants.Status.VALID : merchant.grants.check(token);
        if (status != OAuthGrants.Status.VALID) {
          write(json, res, 401, SquareException.body("AUTHENTICATION_ERROR",
              status == OAuthGrants.Status.EXPIRED ? "ACCESS_TOKEN_EXPIRED" : "UNAUTHORIZED",
              status == OAuthGrants.Status.EXPIRED ? "The access token has expired." : "This request could not be authorized."));
          return;
        }
        if (version != null && !VERSION.matcher(version).matches()) {
          write(json, res, 400, SquareException.body("INVALID_REQUEST_ERROR", "INVALID_SQUARE_VERSION_FORMAT",
              "Square-Version must be of the form YYYY-MM-DD."));
          return;
        }
        if (limiter.tryAcquire(token, settings.rateLimitPer10s, 10_000) < 0) {
          write(json, res, 429, rateLimited());
          return;
        }
        req.setAttribute(MERCHANT, merchant);
        chain.doFilter(req, res);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(10);
    return reg;
  }

  static Map<String, Object> rateLimited() {
    return SquareException.body("RATE_LIMIT_ERROR", "RATE_LIMITED", "Too many requests. Please slow down and retry later.");
  }

  static void write(JsonMapper json, HttpServletResponse res, int status, Map<String, Object> body) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json;charset=utf-8");
    res.getWriter().write(json.writeValueAsString(body));
  }
}
