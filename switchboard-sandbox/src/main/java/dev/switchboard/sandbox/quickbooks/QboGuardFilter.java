package dev.switchboard.sandbox.quickbooks;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.SlidingWindowLimiter;
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
 * Auth and throttling for {@code /quickbooks/v3/company/{realmId}/**}: {@code Authorization: Bearer TOKEN}
 * with TOKEN an unexpired OAuth access token (1 h) or a realm's fixed access token, else 401
 * AuthenticationFault 3200. A token is for one realm (an Intuit grant is for the company picked when connecting):
 * on any other realm's path, existing or not, it gets 403 AuthorizationFault 3100 ("ApplicationAuthorizationFailed",
 * as Intuit answers a token used with a realm it was not granted for). More than {@code requests-per-second} (10)
 * or {@code requests-per-minute} (500) per realm → 429 with Intuit's throttling fault (type SERVICE, code 3001).
 * The realm is put in the request attribute {@link #REALM}; controllers act on that realm only.
 * https://developer.intuit.com/app/developer/qbo/docs/learn/rest-api-features#limits-and-throttles
 */
@Configuration(proxyBeanMethods = false)
class QboGuardFilter {

  static final String PREFIX = "/quickbooks/v3/company/";
  /** Request attribute holding the {@link QboRealm} of the path, which the token was granted for. */
  static final String REALM = "quickbooks.realm";
  private final SlidingWindowLimiter limiter = new SlidingWindowLimiter();

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> quickbooksGuard(QboSettings settings, QboRealms realms,
      ChangeClock clock, JsonMapper json) {
    OncePerRequestFilter f = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest req) {
        return !req.getRequestURI().startsWith(PREFIX);
      }

      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        String auth = req.getHeader("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        QboRealm granted = realms.byAccessToken(token);
        OAuthGrants.Status status = granted == null ? OAuthGrants.Status.UNKNOWN : granted.check(token);
        if (status != OAuthGrants.Status.VALID) {
          String detail = status == OAuthGrants.Status.EXPIRED ? "Token expired: " + token.substring(0, Math.min(12, token.length())) + "…"
              : "Token invalid";
          write(json, res, new QboFault(401, "AuthenticationFault", "3200",
              "message=AuthenticationFailed; errorCode=003200; statusCode=401", detail, ""), clock);
          return;
        }
        String rest = req.getRequestURI().substring(PREFIX.length());
        String realm = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        if (!realm.equals(granted.realmId)) {
          write(json, res, new QboFault(403, "AuthorizationFault", "3100",
              "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403", "", ""), clock);
          return;
        }
        if (limiter.tryAcquire(realm + "/s", settings.perSecond, 1000) < 0
            || limiter.tryAcquire(realm + "/min", settings.perMinute, 60_000) < 0) {
          writeThrottled(json, res, clock);
          return;
        }
        req.setAttribute(REALM, granted);
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

  static void writeThrottled(JsonMapper json, HttpServletResponse res, ChangeClock clock) throws IOException {
    write(json, res, new QboFault(429, "SERVICE", "3001", "message=ThrottleExceeded; errorCode=003001; statusCode=429",
        "The request limit was reached.  Try again later", null), clock);
  }

  static void write(JsonMapper json, HttpServletResponse res, QboFault fault, ChangeClock clock) throws IOException {
    write(json, res, fault.status, fault.body(QboStore.MILLIS.format(clock.now())));
  }

  static void write(JsonMapper json, HttpServletResponse res, int status, Map<String, Object> body) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json;charset=utf-8");
    res.getWriter().write(json.writeValueAsString(body));
  }
}
