package dev.switchboard.sandbox.mailchimp;

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
 * Auth and concurrency limit for {@code /mailchimp/**} (except {@code /oauth2/}): HTTP Basic {@code anystring:KEY}
 * or {@code Bearer KEY}, KEY being an account's API key or an OAuth access token its user granted. The account the
 * key reaches is put in the request attribute {@link #ACCOUNT}; controllers act on that account only. At most
 * {@code sandbox.mailchimp.max-connections} requests in flight per account, whichever of its credentials they carry
 * (Mailchimp: "each user account is permitted up to 10 simultaneous connections"); the request beyond answers 429.
 * No quota headers, as Mailchimp sends none.
 */
@Configuration(proxyBeanMethods = false)
class MailchimpGuardFilter {

  /** Request attribute holding the authenticated {@link MailchimpAccount}. */
  static final String ACCOUNT = "mailchimp.account";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> mailchimpGuard(MailchimpSettings settings, MailchimpAccounts accounts,
      JsonMapper json) {
    OncePerRequestFilter f = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest req) {
        return !req.getRequestURI().startsWith("/mailchimp/") || req.getRequestURI().startsWith("/mailchimp/oauth2/");
      }

      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        MailchimpAccount account = accounts.byCredential(apiKey(req.getHeader("Authorization")));
        if (account == null) {
          write(json, res, 401, MailchimpException.body(401, "API Key Invalid",
              "Your API key may be invalid, or you've attempted to access the wrong datacenter."));
          return;
        }
        AtomicInteger n = account.inFlight;
        try {
          if (n.incrementAndGet() > settings.maxConnections) {
            write(json, res, 429, MailchimpException.body(429, "Too Many Requests",
                "You have exceeded the limit of " + settings.maxConnections + " simultaneous connections."));
            return;
          }
          req.setAttribute(ACCOUNT, account);
          chain.doFilter(req, res);
        } finally {
          n.decrementAndGet();
        }
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(10);
    return reg;
  }

  static String apiKey(String authorization) {
    if (authorization == null) {
      return null;
    }
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : decoded.substring(colon + 1);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  static void write(JsonMapper json, HttpServletResponse res, int status, Map<String, Object> body) throws IOException {
    res.setStatus(status);
    res.setContentType("application/problem+json;charset=utf-8");
    res.getWriter().write(json.writeValueAsString(body));
  }
}
