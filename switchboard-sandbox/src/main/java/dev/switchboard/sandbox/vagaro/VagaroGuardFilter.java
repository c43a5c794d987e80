package dev.switchboard.sandbox.vagaro;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.FixedWindowLimiter;
import dev.switchboard.sandbox.support.OAuthGrants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auth and rate limits for {@code /vagaro/{region}/api/v2/**} except the token endpoint. The access token from
 * {@code POST …/merchants/generate-access-token} goes in an {@code accessToken} header (as clients of the live API
 * send it; {@code Authorization: Bearer} is not accepted). Missing, unknown or expired token, or a region other
 * than the account's → 401. Then {@code requestsPerMinute} calls per account per fixed minute on the sandbox clock;
 * every answer past auth carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset} (seconds), a refused call 429 with {@code Retry-After}. Vagaro publishes neither numbers
 * nor headers: both are assumptions. The token endpoint has its own per-client-id budget ({@link #tokenQuota}).
 */
@Configuration(proxyBeanMethods = false)
class VagaroGuardFilter {

  /** Request attribute holding the authenticated {@link VagaroAccount}. */
  static final String ACCOUNT = "vagaro.account";
  static final String TOKEN_PATH = "merchants/generate-access-token";
  private static final Pattern API = Pattern.compile("^/vagaro/([^/]+)/api/v2/(.+)$");

  private final FixedWindowLimiter limiter = new FixedWindowLimiter();

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> vagaroGuard(VagaroAccounts accounts, VagaroSettings settings,
      ChangeClock clock, JsonMapper json) {
    OncePerRequestFilter f = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest req) {
        Matcher m = API.matcher(req.getRequestURI());
        return !m.matches() || m.group(2).equals(TOKEN_PATH);
      }

      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        Matcher m = API.matcher(req.getRequestURI());
        String region = m.matches() ? m.group(1) : null;
        String header = req.getHeader("accessToken");
        String token = header == null || header.isBlank() ? null : header.trim();
        VagaroAccount account = token == null ? null : accounts.byToken(token);
        String problem = problem(token, account, region);
        if (problem != null) {
          VagaroEnvelope.write(json, res, VagaroException.of(401, problem).body());
          return;
        }
        FixedWindowLimiter.Quota q = limiter.acquire(account.clientId, settings.requestsPerMinute, 60_000,
            clock.now().toEpochMilli());
        if (rateHeaders(res, q, settings.requestsPerMinute)) {
          VagaroEnvelope.write(json, res, tooMany(q).body());
          return;
        }
        req.setAttribute(ACCOUNT, account);
        chain.doFilter(req, res);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(10);
    return reg;
  }

  /** Counts one token request of {@code clientId} against {@code tokenRequestsPerMinute}. */
  FixedWindowLimiter.Quota tokenQuota(String clientId, int limit, long nowMs) {
    return limiter.acquire("token:" + clientId, limit, 60_000, nowMs);
  }

  private static String problem(String token, VagaroAccount account, String region) {
    if (token == null) {
      return "The accessToken header is required.";
    }
    if (account == null || !account.region.equals(region)) {
      return "The access token is invalid.";
    }
    return account.tokens.check(token) == OAuthGrants.Status.EXPIRED ? "The access token has expired." : null;
  }

  /** Sets the rate-limit headers (and {@code Retry-After} if refused); true if the call is refused. */
  static boolean rateHeaders(HttpServletResponse res, FixedWindowLimiter.Quota q, int limit) {
    res.setHeader("X-RateLimit-Limit", Integer.toString(limit));
    res.setHeader("X-RateLimit-Remaining", Integer.toString(Math.max(0, q.remaining())));
    res.setHeader("X-RateLimit-Reset", Long.toString(q.resetSeconds()));
    if (q.refused()) {
      res.setHeader("Retry-After", Long.toString(q.resetSeconds()));
    }
    return q.refused();
  }

  static VagaroException tooMany(FixedWindowLimiter.Quota q) {
    return VagaroException.of(429, "Too many requests. Please retry after " + q.resetSeconds() + " seconds.");
  }

  void reset() {
    limiter.reset();
  }
}
