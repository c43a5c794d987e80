package dev.switchboard.sandbox.stripe;

import dev.switchboard.sandbox.support.SlidingWindowLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Front door of {@code /stripe/**}: every response carries {@code Request-Id} and {@code Stripe-Version}
 * (the request's, else the account default); the secret key is taken from {@code Authorization: Bearer
 * KEY} or Basic with the key as username (https://stripe.com/docs/api/authentication), else 401; each
 * key may make {@code ratePerSecond} requests per rolling second, else 429 code {@code rate_limit}
 * (https://stripe.com/docs/rate-limits). The key picks the account acted on, put in {@link #ACCOUNT_ATTR} for
 * {@link StripeStore}: an account's secret key reaches that account, an access token issued by Connect OAuth the
 * account it was issued for. {@code Stripe-Account: acct_…} switches to the named account only when the key is the
 * platform's and that account is connected to the platform; otherwise 403, also for the platform naming itself
 * unconnected and for the header sent with another account's key (assumptions: Stripe documents the header for
 * platforms acting on connected accounts only, https://docs.stripe.com/connect/authentication). The form body is read once into {@link StripeParams#BODY_ATTR};
 * POSTs with {@code Idempotency-Key} go through {@link StripeIdempotency}, keyed per account acted on.
 */
@Configuration(proxyBeanMethods = false)
class StripeGuardFilter {

  static final String REQUEST_ID_ATTR = "stripe.requestId";
  /** Request attribute holding the {@link StripeAccount} the request acts on. */
  static final String ACCOUNT_ATTR = "stripe.account";

  final SlidingWindowLimiter limiter = new SlidingWindowLimiter();

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> stripeGuard(StripeSettings settings, StripeIdempotency idempotency,
      StripeAccounts accounts, StripeConnect connect, JsonMapper json) {
    OncePerRequestFilter f = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest req) {
        return !req.getRequestURI().startsWith("/stripe/");
      }

      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        if (req.getRequestURI().startsWith("/stripe/connect/")) {
          // connect.stripe.com: OAuth authenticates in the body, has no Request-Id and no API rate limit here.
          req.setAttribute(StripeParams.BODY_ATTR, new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
          chain.doFilter(req, res);
          return;
        }
        String requestId = StripeStore.newId("req", 14);
        req.setAttribute(REQUEST_ID_ATTR, requestId);
        res.setHeader("Request-Id", requestId);
        String version = req.getHeader("Stripe-Version");
        res.setHeader("Stripe-Version", version == null || version.isBlank() ? settings.apiVersion : version);
        String key = apiKey(req.getHeader("Authorization"));
        if (key == null || key.isEmpty()) {
          write(json, res, 401, StripeException.body("invalid_request_error", null,
              "You did not provide an API key. You need to provide your API key in the Authorization header, "
                  + "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication "
                  + "for details, or we can help at https://support.stripe.com/.", null));
          return;
        }
        StripeAccount keyAccount = accounts.bySecretKey(key);
        if (keyAccount == null) {
          keyAccount = accounts.byId(connect.accountOf(key));
        }
        if (keyAccount == null) {
          write(json, res, 401, StripeException.body("invalid_request_error", "api_key_invalid",
              "Invalid API Key provided: " + mask(key), null));
          return;
        }
        String header = req.getHeader("Stripe-Account");
        StripeAccount account = keyAccount;
        if (header != null && !header.isBlank()) {
          StripeAccount named = accounts.byId(header.trim());
          if (!keyAccount.isPlatform() || named == null || !connect.isConnected(named.id)) {
            // https://docs.stripe.com/connect/authentication: only the platform, and only for a connected account
            write(json, res, 403, StripeException.body("invalid_request_error", null, "The provided key '" + mask(key)
                + "' does not have access to account '" + header + "' (or that account does not exist). Application access "
                + "may have been revoked.", null));
            return;
          }
          account = named;
        }
        req.setAttribute(ACCOUNT_ATTR, account);
        if (limiter.tryAcquire(key, settings.ratePerSecond, 1000) < 0) {
          res.setHeader("Stripe-Should-Retry", "true");
          write(json, res, 429, StripeException.body("invalid_request_error", "rate_limit",
              "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.", null));
          return;
        }
        byte[] body = req.getInputStream().readAllBytes();
        req.setAttribute(StripeParams.BODY_ATTR, new String(body, StandardCharsets.UTF_8));
        HttpServletRequest wrapped = new HttpServletRequestWrapper(req) {
          @Override
          public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
              @Override
              public boolean isFinished() {
                return in.available() == 0;
              }

              @Override
              public boolean isReady() {
                return true;
              }

              @Override
              public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
              }

              @Override
              public int read() {
                return in.read();
              }
            };
          }
        };
        String idemKey = req.getHeader("Idempotency-Key");
        if ("POST".equals(req.getMethod()) && idemKey != null && !idemKey.isBlank()) {
          // keys are scoped to the account acted on (https://docs.stripe.com/api/idempotent_requests)
          idempotency.handle(account.id + ":" + key + ":" + idemKey, idemKey, body, wrapped, res, chain);
        } else {
          chain.doFilter(wrapped, res);
        }
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(10);
    return reg;
  }

  static String mask(String key) {
    return key.length() > 12 ? key.substring(0, 8) + "*".repeat(key.length() - 12) + key.substring(key.length() - 4) : key;
  }

  /** Bearer KEY, or Basic base64(KEY:) / Basic KEY. */
  static String apiKey(String auth) {
    if (auth == null) {
      return null;
    }
    if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String raw = auth.substring(6).trim();
      if (raw.startsWith("sk_") || raw.startsWith("rk_")) {
        return raw.contains(":") ? raw.substring(0, raw.indexOf(':')) : raw;
      }
      try {
        String decoded = new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8);
        return decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  static void write(JsonMapper json, HttpServletResponse res, int status, Map<String, Object> body) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json");
    res.getWriter().write(json.writeValueAsString(body));
  }

  void reset() {
    limiter.reset();
  }
}
