package dev.switchboard.sandbox.pipedrive;

import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.SlidingWindowLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authentication and rate limits for {@code /pipedrive/api/**}
 * (https://pipedrive.readme.io/docs/core-api-concepts-authentication,
 * https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting): {@code x-api-token} header or
 * {@code api_token} query parameter, or an unexpired OAuth Bearer token. Per token: a burst limit per rolling
 * 2 s window ({@code x-ratelimit-limit/-remaining/-reset}) and a stricter one for search; per company, a daily
 * token budget where each call costs {@link #cost} tokens ({@code x-daily-requests-left} carries the tokens left),
 * shared by all of the company's tokens (Pipedrive: "the daily budget is shared by all users of a company").
 * Refusals answer 429 with {@code Retry-After}. The company the credential reaches is put in the request attribute
 * {@link #COMPANY}; controllers act on that company only.
 */
@Configuration(proxyBeanMethods = false)
class PipedriveGuardFilter {

  /** Request attribute holding the authenticated {@link PipedriveCompany}. */
  static final String COMPANY = "pipedrive.company";
  final SlidingWindowLimiter limiter = new SlidingWindowLimiter();

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> pipedriveGuard(PipedriveSettings settings, PipedriveCompanies companies,
      JsonMapper json) {
    OncePerRequestFilter f = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest req) {
        return !req.getRequestURI().startsWith("/pipedrive/api/");
      }

      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        String auth = req.getHeader("Authorization");
        String bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        String apiToken = req.getHeader("x-api-token") != null ? req.getHeader("x-api-token") : req.getParameter("api_token");
        String key;
        int burst;
        PipedriveCompany company;
        if (bearer != null) {
          company = companies.byAccessToken(bearer);
          OAuthGrants.Status st = company == null ? OAuthGrants.Status.UNKNOWN : company.grants.check(bearer);
          if (st != OAuthGrants.Status.VALID) {
            write(json, res, 401, st == OAuthGrants.Status.EXPIRED ? "Access token expired" : "Invalid token: access token is invalid");
            return;
          }
          key = "oauth:" + bearer;
          burst = settings.oauthBurstPer2s;
        } else if ((company = companies.byApiToken(apiToken)) != null) {
          key = "token:" + apiToken;
          burst = settings.burstPer2s;
        } else {
          write(json, res, 401, "unauthorized access");
          return;
        }
        boolean search = req.getRequestURI().endsWith("/search");
        int limit = search ? settings.searchPer2s : burst;
        int cost = cost(req.getMethod(), req.getRequestURI());
        AtomicLong used = company.spentTokens;
        res.setHeader("x-ratelimit-limit", Integer.toString(limit));
        res.setHeader("x-ratelimit-reset", "2");
        if (used.get() + cost > settings.dailyTokens) {
          res.setHeader("x-ratelimit-remaining", "0");
          res.setHeader("x-daily-requests-left", Long.toString(Math.max(0, settings.dailyTokens - used.get())));
          res.setHeader("Retry-After", Long.toString(secondsToUtcMidnight()));
          write(json, res, 429, "Daily rate limit exceeded. Token budget of " + settings.dailyTokens + " exhausted");
          return;
        }
        int remaining = limiter.tryAcquire((search ? "search:" : "") + key, limit, 2000);
        if (remaining < 0) {
          res.setHeader("x-ratelimit-remaining", "0");
          res.setHeader("x-daily-requests-left", Long.toString(settings.dailyTokens - used.get()));
          res.setHeader("Retry-After", "2");
          write(json, res, 429, "Request over limit");
          return;
        }
        long total = used.addAndGet(cost);
        res.setHeader("x-ratelimit-remaining", Integer.toString(remaining));
        res.setHeader("x-daily-requests-left", Long.toString(Math.max(0, settings.dailyTokens - total)));
        req.setAttribute(COMPANY, company);
        chain.doFilter(req, res);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(10);
    return reg;
  }

  /**
   * Token cost of one call, after Pipedrive's published cost table (v2 endpoints cost about half of v1):
   * v2 GET one 1, v2 list 10, search 20, v2 POST/PATCH 5, v2 DELETE 3; v1 GET 2, v1 POST 10, v1 DELETE 6.
   */
  static int cost(String method, String path) {
    boolean v2 = path.startsWith("/pipedrive/api/v2/");
    if (path.endsWith("/search")) {
      return 20;
    }
    return switch (method) {
      case "GET" -> v2 ? (path.matches(".*/\\d+$") ? 1 : 10) : 2;
      case "DELETE" -> v2 ? 3 : 6;
      default -> v2 ? 5 : 10;
    };
  }

  private static long secondsToUtcMidnight() {
    long now = System.currentTimeMillis() / 1000;
    return 86_400 - now % 86_400;
  }

  static void write(JsonMapper json, HttpServletResponse res, int status, String error) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json;charset=utf-8");
    res.getWriter().write(json.writeValueAsString(PipedriveException.body(status, error)));
  }

  /** Forgets the burst windows (the daily budgets are the companies', reset with them). */
  void reset() {
    limiter.reset();
  }
}
