package dev.switchboard.sandbox.stripe;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotent requests (https://stripe.com/docs/api/idempotent_requests): the first POST with a key
 * runs and its answer (unless 429 or 5xx) is saved per account acted on + API key + Idempotency-Key (the caller
 * passes that scoped key), so accounts never see each other's keys. A retry with the same
 * path and body replays the saved status and body with {@code Idempotent-Replayed: true}; with other
 * parameters it answers 400 {@code idempotency_error}. Every answer echoes {@code Idempotency-Key}.
 */
@Component
class StripeIdempotency {

  record Saved(String path, byte[] request, int status, String contentType, byte[] response) {}

  private final Map<String, Saved> saved = new ConcurrentHashMap<>();
  private final JsonMapper json;

  StripeIdempotency(JsonMapper json) {
    this.json = json;
  }

  void handle(String scopedKey, String key, byte[] body, HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    res.setHeader("Idempotency-Key", key);
    Saved prior = saved.get(scopedKey);
    if (prior != null) {
      if (!prior.path.equals(req.getRequestURI()) || !Arrays.equals(prior.request, body)) {
        StripeGuardFilter.write(json, res, 400, StripeException.body("idempotency_error", null,
            "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                + "Try using a key other than '" + key + "' if you meant to execute a different request.", null));
        return;
      }
      res.setStatus(prior.status);
      res.setHeader("Idempotent-Replayed", "true");
      res.setContentType(prior.contentType);
      res.getOutputStream().write(prior.response);
      return;
    }
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(res);
    chain.doFilter(req, wrapper);
    int status = wrapper.getStatus();
    if (status != 429 && status < 500) {
      saved.put(scopedKey, new Saved(req.getRequestURI(), body, status,
          wrapper.getContentType() == null ? "application/json" : wrapper.getContentType(), wrapper.getContentAsByteArray()));
    }
    wrapper.copyBodyToResponse();
  }

  void reset() {
    saved.clear();
  }
}
