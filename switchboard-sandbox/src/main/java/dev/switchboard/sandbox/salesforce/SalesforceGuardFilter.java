package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.support.ChangeClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auth and API allocation for {@code /salesforce/services/data/vXX.X/**} (the versions list is open):
 * {@code Authorization: Bearer <session>} else 401 INVALID_SESSION_ID; every authenticated call counts against a
 * rolling 24-hour allocation ({@code dailyApiLimit}), reported as {@code Sforce-Limit-Info: api-usage=n/limit};
 * beyond it 403 REQUEST_LIMIT_EXCEEDED (refused calls are not counted).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm
 */
@Configuration(proxyBeanMethods = false)
class SalesforceGuardFilter {

  private final Deque<Instant> calls = new ArrayDeque<>();

  /** Calls counted in the last 24 hours. */
  synchronized int used(Instant now) {
    while (!calls.isEmpty() && !calls.peekFirst().isAfter(now.minus(Duration.ofDays(1)))) {
      calls.removeFirst();
    }
    return calls.size();
  }

  private synchronized int tryCount(Instant now, int limit) {
    int used = used(now);
    if (used >= limit) {
      return -1;
    }
    calls.addLast(now);
    return used + 1;
  }

  synchronized void reset() {
    calls.clear();
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> salesforceGuard(SalesforceSettings settings, SalesforceTokens tokens,
      ChangeClock clock, JsonMapper json) {
    OncePerRequestFilter f = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest req) {
        String p = req.getRequestURI();
        return !p.startsWith("/salesforce/services/data/") || p.equals("/salesforce/services/data/");
      }

      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        String auth = req.getHeader("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim()
            : auth != null && auth.regionMatches(true, 0, "OAuth ", 0, 6) ? auth.substring(6).trim() : null;
        if (!tokens.use(token)) {
          res.setHeader("WWW-Authenticate", "Token");
          write(json, res, 401, "INVALID_SESSION_ID", "Session expired or invalid");
          return;
        }
        int n = tryCount(clock.now(), settings.dailyApiLimit);
        if (n < 0) {
          res.setHeader("Sforce-Limit-Info", "api-usage=" + used(clock.now()) + "/" + settings.dailyApiLimit);
          write(json, res, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
          return;
        }
        res.setHeader("Sforce-Limit-Info", "api-usage=" + n + "/" + settings.dailyApiLimit);
        chain.doFilter(req, res);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(10);
    return reg;
  }

  static void write(JsonMapper json, HttpServletResponse res, int status, String code, String message) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json;charset=UTF-8");
    res.getWriter().write(json.writeValueAsString(List.of(Map.of("message", message, "errorCode", code))));
  }
}
