package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.OAuthGrants;
import dev.switchboard.sandbox.support.SlidingWindowLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authentication and rate limits for {@code /hubspot/**} (except {@code /oauth/}): a portal's Bearer
 * private-app token or an unexpired OAuth access token issued for a portal for the APIs — the request then
 * works on that portal only (request attribute {@link #PORTAL}); {@code hapikey} developer key for
 * {@code /webhooks/v3} (app-level, no portal). Limits are budgets of one portal and one kind of credential,
 * as HubSpot counts them per account and app: the private-app token and the OAuth app each have their own,
 * all OAuth tokens of one portal share one, and nothing one portal spends touches another. A rolling 10 s
 * limit with {@code X-HubSpot-RateLimit-Max}, {@code -Remaining}, {@code -Interval-Milliseconds} — except CRM
 * search of every object type, which is exempt from it (spec {@code x-hubspot-rate-limit-exemptions:
 * ["ten-secondly"]}) and limited per second instead, one budget shared by all types, and the associations v4 batch
 * endpoints, which the spec exempts as well; and a daily limit with {@code X-HubSpot-RateLimit-Daily}/{@code -Daily-Remaining}
 * for private-app tokens and the developer key only, not OAuth tokens
 * (https://developers.hubspot.com/changelog/rate-limit-headers-will-now-appear-for-oauth-authenticated-calls).
 * Refusals answer 429 in HubSpot's body shape.
 */
@Configuration(proxyBeanMethods = false)
class HubSpotGuardFilter {

  static final String SECONDLY_MSG = "You have reached your ten_secondly_rolling limit.";
  /** CRM search of any object type, classic and date-versioned paths. */
  static final Pattern SEARCH = Pattern.compile("/hubspot/crm/(v3/objects|objects/2026-03)/[^/]+/search");
  /** Associations v4 batch endpoints: the spec exempts them from the ten-secondly limit too (no per-second one). */
  static final Pattern ASSOCIATION_BATCH = Pattern.compile("/hubspot/crm/(v4/associations|associations/2026-03)/[^/]+/[^/]+/batch/.+");
  /** The association labels endpoints (associations schema API), every path HubSpot publishes them under. */
  static final Pattern ASSOCIATION_LABELS = Pattern.compile(
      "/hubspot/crm/(v4/associations|associations/v4|associations/2026-03)/[^/]+/[^/]+/labels(/.*)?");
  /**
   * Any one of these private-app scopes lets a token read association labels: the spec's security alternatives of
   * {@code GET /crm/v4/associations/{from}/{to}/labels} (private_apps and private_apps_legacy), associations schema
   * rollout 50914.
   */
  static final java.util.Set<String> LABEL_READ_SCOPES = java.util.Set.of("crm.objects.contacts.read",
      "crm.objects.contacts.write", "crm.objects.companies.read", "crm.objects.companies.write",
      "crm.objects.deals.read", "crm.objects.deals.write", "crm.objects.quotes.read", "crm.objects.quotes.write",
      "crm.objects.line_items.read", "crm.objects.line_items.write", "contacts", "tickets", "e-commerce",
      "media_bridge.read", "crm.objects.goals.read", "crm.objects.custom.read", "crm.objects.custom.write");
  /** Request attribute holding the {@link HubSpotPortal} the API request was authenticated for. */
  static final String PORTAL = "hubspot.portal";

  final SlidingWindowLimiter limiter = new SlidingWindowLimiter();
  final Map<String, AtomicLong> daily = new ConcurrentHashMap<>();

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> hubspotGuard(HubSpotSettings settings, HubSpotPortals portals, JsonMapper json) {
    OncePerRequestFilter f = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest req) {
        return !req.getRequestURI().startsWith("/hubspot/") || req.getRequestURI().startsWith("/hubspot/oauth/");
      }

      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        String path = req.getRequestURI();
        String budget; // whose limits this call spends: a portal's private app, a portal's OAuth app, or the developer key
        boolean dailyApplies;
        long portalId;
        if (path.startsWith("/hubspot/webhooks/")) {
          budget = settings.developerApiKey.equals(req.getParameter("hapikey")) ? "developer-key" : null;
          dailyApplies = true;
          portalId = settings.portalId;
        } else {
          String token = token(req);
          HubSpotPortal portal = portals.byToken(token);
          if (portal != null && !portal.isPrivateAppToken(token) && portal.grants.check(token) == OAuthGrants.Status.EXPIRED) {
            write(json, res, 401, HubSpotException.body("EXPIRED_AUTHENTICATION",
                "The OAuth token used to make this call expired. Refresh the access token and retry."));
            return;
          }
          dailyApplies = portal != null && portal.isPrivateAppToken(token);
          budget = portal == null ? null : portal.portalId + (dailyApplies ? ":private-app" : ":oauth");
          portalId = portal == null ? settings.portalId : portal.portalId;
          req.setAttribute(PORTAL, portal);
          java.util.Set<String> granted = settings.privateAppScopes;
          java.util.Set<String> required = requiredScopes(req.getMethod(), path);
          if (dailyApplies && granted != null && required != null && java.util.Collections.disjoint(granted, required)) {
            write(json, res, 403, missingScopesBody(required));
            return;
          }
        }
        if (budget == null) {
          write(json, res, 401, HubSpotException.body("INVALID_AUTHENTICATION",
              "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"));
          return;
        }
        boolean search = SEARCH.matcher(path).matches();
        boolean exempt = ASSOCIATION_BATCH.matcher(path).matches();
        long dailyUsed = daily.computeIfAbsent(budget, k -> new AtomicLong()).get();
        if (dailyApplies) {
          res.setHeader("X-HubSpot-RateLimit-Daily", Long.toString(settings.dailyLimit));
          if (dailyUsed >= settings.dailyLimit) {
            res.setHeader("X-HubSpot-RateLimit-Daily-Remaining", "0");
            write(json, res, 429, rateLimitBody("You have reached your daily limit.", "DAILY", portalId));
            return;
          }
        }
        if (search) { // exempt from the ten-secondly limit, limited per second instead (one budget for every type)
          if (limiter.tryAcquire("search:" + budget, settings.searchPerSecond, 1000) < 0) {
            write(json, res, 429, rateLimitBody("You have reached your secondly limit.", "SECONDLY", portalId));
            return;
          }
        } else if (!exempt) {
          int max = settings.ratePer10s;
          res.setHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
          res.setHeader("X-HubSpot-RateLimit-Max", Integer.toString(max));
          int remaining = limiter.tryAcquire(budget, max, 10_000);
          res.setHeader("X-HubSpot-RateLimit-Remaining", Integer.toString(Math.max(0, remaining)));
          if (remaining < 0) {
            if (dailyApplies) {
              res.setHeader("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(settings.dailyLimit - dailyUsed));
            }
            write(json, res, 429, rateLimitBody(SECONDLY_MSG, "TEN_SECONDLY_ROLLING", portalId));
            return;
          }
        }
        long used = daily.get(budget).incrementAndGet();
        if (dailyApplies) {
          res.setHeader("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(0, settings.dailyLimit - used)));
        }
        chain.doFilter(req, res);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(10);
    return reg;
  }

  /**
   * The scopes of which a private-app token needs one for this call, or null when the sandbox does not check the
   * call's scopes (every endpoint but reading association labels and communication preferences).
   */
  static java.util.Set<String> requiredScopes(String method, String path) {
    if ("GET".equals(method) && ASSOCIATION_LABELS.matcher(path).matches()) {
      return LABEL_READ_SCOPES;
    }
    if (PREFERENCES_BATCH_READ.matcher(path).matches()) {
      return java.util.Set.of("communication_preferences.statuses.batch.read");
    }
    if (PREFERENCES.matcher(path).matches()) {
      return "GET".equals(method)
          ? java.util.Set.of("communication_preferences.read", "communication_preferences.read_write")
          : java.util.Set.of("communication_preferences.write", "communication_preferences.read_write");
    }
    return null;
  }

  /** The communication preferences batch status read (its own scope in the spec). */
  static final Pattern PREFERENCES_BATCH_READ = Pattern.compile(
      "/hubspot/communication-preferences/(v4|2026-03)/statuses/batch/read");
  /** The other communication preferences endpoints: definitions, one address's statuses, (un)subscribe. */
  static final Pattern PREFERENCES = Pattern.compile("/hubspot/communication-preferences/.+");

  /** HubSpot's 403 for a token without the call's scopes (category MISSING_SCOPES, the scopes in errors[].context). */
  static Map<String, Object> missingScopesBody(java.util.Set<String> required) {
    Map<String, Object> m = HubSpotException.body("MISSING_SCOPES", "This app hasn't been granted all required scopes "
        + "to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.");
    m.put("errors", java.util.List.of(Map.of("message", "One or more of the following scopes are required.",
        "context", Map.of("requiredScopes", new java.util.TreeSet<>(required)))));
    m.put("links", Map.of("scopes", "https://developers.hubspot.com/scopes"));
    return m;
  }

  private static String token(HttpServletRequest req) {
    String auth = req.getHeader("Authorization");
    return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
  }

  /** HubSpot's documented 429 body (usage guidelines: status, message, errorType, correlationId, policyName, requestId). */
  static Map<String, Object> rateLimitBody(String message, String policy, long portalId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "error");
    m.put("message", message);
    m.put("errorType", "RATE_LIMIT");
    m.put("correlationId", UUID.randomUUID().toString());
    m.put("policyName", policy);
    m.put("requestId", UUID.randomUUID().toString());
    m.put("groupName", "publicapi:private-app:" + portalId);
    return m;
  }

  static void write(JsonMapper json, HttpServletResponse res, int status, Map<String, Object> body) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json;charset=utf-8");
    res.getWriter().write(json.writeValueAsString(body));
  }

  void reset() {
    limiter.reset();
    daily.clear();
  }
}
