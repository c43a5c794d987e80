package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.support.ChangeClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * The allocation is the org's (Salesforce counts API requests per org), and the org the session belongs to is put
 * in the request attribute {@link #ORG}; controllers act on that org only.
 */
@Configuration(proxyBeanMethods = false)
class SalesforceGuardFilter {

  /** Request attribute holding the authenticated {@link SalesforceOrg}. */
  static final String ORG = "salesforce.org";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> salesforceGuard(SalesforceSettings settings, SalesforceOrgs orgs,
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
        SalesforceOrg org = orgs.use(token);
        if (org == null) {
          res.setHeader("WWW-Authenticate", "Token");
          write(json, res, 401, "INVALID_SESSION_ID", "Session expired or invalid");
          return;
        }
        int n = org.tryCount(clock.now(), settings.dailyApiLimit);
        if (n < 0) {
          res.setHeader("Sforce-Limit-Info", "api-usage=" + org.used(clock.now()) + "/" + settings.dailyApiLimit);
          write(json, res, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
          return;
        }
        res.setHeader("Sforce-Limit-Info", "api-usage=" + n + "/" + settings.dailyApiLimit);
        req.setAttribute(ORG, org);
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
