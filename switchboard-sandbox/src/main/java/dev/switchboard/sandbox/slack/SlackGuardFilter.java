package dev.switchboard.sandbox.slack;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authentication and tiered rate limits for {@code /slack/api/*} (every method but {@code oauth.v2.access},
 * which authenticates the client instead). The token comes from {@code Authorization: Bearer} or the
 * {@code token} form/query field: none answers {@code not_authed}, an unknown one {@code invalid_auth}
 * (HTTP 200, as Slack). A token belongs to one team ({@link SlackTeams#byToken}). Per team and method (Slack:
 * "per app per workspace per method", so all of a team's tokens share it), a rolling one-minute limit of the
 * method's tier; beyond it HTTP 429, {@code Retry-After} seconds and {@code {"ok":false,"error":"ratelimited"}}.
 * The token and its team are handed on as request attributes {@link #TOKEN} and {@link #TEAM}; methods act on
 * that team only.
 */
@Configuration(proxyBeanMethods = false)
class SlackGuardFilter {

  static final String TOKEN = "slack.token";
  static final String TEAM = "slack.team";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> slackGuard(SlackSettings settings, SlackTeams teams, JsonMapper json) {
    OncePerRequestFilter f = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest req) {
        return !req.getRequestURI().startsWith("/slack/api/") || req.getRequestURI().equals("/slack/api/oauth.v2.access");
      }

      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
          throws ServletException, IOException {
        String method = req.getRequestURI().substring("/slack/api/".length());
        String auth = req.getHeader("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        if (token == null || token.isEmpty()) {
          token = req.getParameter("token");
        }
        if (token == null || token.isEmpty()) {
          write(json, res, new SlackError("not_authed"));
          return;
        }
        SlackTeam team = teams.byToken(token);
        if (team == null) {
          write(json, res, new SlackError("invalid_auth"));
          return;
        }
        int perMinute = settings.perMinute(method);
        long wait = perMinute < 0 ? 0 : team.tokens.limiter.acquire(method, perMinute, 60_000);
        if (wait > 0) {
          write(json, res, SlackError.rateLimited(wait));
          return;
        }
        req.setAttribute(TOKEN, token);
        req.setAttribute(TEAM, team);
        chain.doFilter(req, res);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(10);
    return reg;
  }

  /** Writes Slack's error body; 429 gets {@code Retry-After}. */
  static void write(JsonMapper json, HttpServletResponse res, SlackError e) throws IOException {
    res.setStatus(e.status);
    if (e.status == 429) {
      res.setHeader("Retry-After", Long.toString(e.retryAfter));
    }
    res.setContentType("application/json; charset=utf-8");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", false);
    body.put("error", e.error);
    res.getWriter().write(json.writeValueAsString(body));
  }
}
