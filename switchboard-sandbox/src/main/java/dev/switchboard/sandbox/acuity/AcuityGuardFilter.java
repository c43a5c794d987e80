package dev.switchboard.sandbox.acuity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auth and rate limits for {@code /acuity/api/v1/**} (https://developers.acuityscheduling.com/docs/quick-start,
 * .../reference/api-errors): HTTP Basic {@code userId:apiKey} or {@code Bearer <OAuth2 token>}; at most
 * {@code requestsPerSecond} (10) requests per rolling second and {@code maxConcurrent} (20) in flight per
 * account, beyond which 429 {@code too_many_requests} with {@code Retry-After: 1} (the header is an assumption).
 * The account the credential reaches is put in the request attribute {@link #ACCOUNT}; controllers act on that
 * account only, and each account spends its own budgets, whichever of its credentials a request carries.
 */
@Configuration(proxyBeanMethods = false)
class AcuityGuardFilter {

  static final String RATE_MESSAGE = "Rate limit reached. Limit 10req/s and 20 concurrent connections.";
  /** Request attribute holding the authenticated {@link AcuityAccount}. */
  static final String ACCOUNT = "acuity.account";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> acuityGuard(AcuitySettings settings, AcuityAccounts accounts, JsonMapper json) {
    OncePerRequestFilter f = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest req) {
        return !req.getRequestURI().startsWith("/acuity/api/v1/");
      }

      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        AcuityAccount account = account(req.getHeader("Authorization"), accounts);
        if (account == null) {
          res.setHeader("WWW-Authenticate", "Basic realm=\"Acuity Scheduling API\"");
          write(json, res, 401, AcuityException.body(401, "Unauthorized", "unauthorized"));
          return;
        }
        AtomicInteger inFlight = account.inFlight;
        try {
          if (inFlight.incrementAndGet() > settings.maxConcurrent
              || settings.limiter.tryAcquire(account.userId, settings.requestsPerSecond, 1000) < 0) {
            res.setHeader("Retry-After", "1");
            write(json, res, 429, AcuityException.body(429, RATE_MESSAGE, "too_many_requests"));
            return;
          }
          req.setAttribute(ACCOUNT, account);
          chain.doFilter(req, res);
        } finally {
          inFlight.decrementAndGet();
        }
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(10);
    return reg;
  }

  /** The account this Authorization header reaches, or null. */
  static AcuityAccount account(String header, AcuityAccounts accounts) {
    if (header == null) {
      return null;
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return accounts.byAccessToken(header.substring(7).trim());
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        return accounts.byBasic(new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  static void write(JsonMapper json, HttpServletResponse res, int status, Map<String, Object> body) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json;charset=utf-8");
    res.getWriter().write(json.writeValueAsString(body));
  }
}
