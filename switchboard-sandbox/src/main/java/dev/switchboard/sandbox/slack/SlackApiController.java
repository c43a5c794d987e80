package dev.switchboard.sandbox.slack;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Web API entry point {@code GET|POST /slack/api/{method}} (https://docs.slack.dev/apis/web-api/):
 * arguments from the query string plus an {@code application/x-www-form-urlencoded} or
 * {@code application/json} body. Success answers {@code {"ok":true,...}}; failures HTTP 200
 * {@code {"ok":false,"error":...}}, except rate limits (429) and unknown methods (404 {@code unknown_method}).
 * Also serves auth.test, users.info and users.lookupByEmail, each over the calling token's team.
 */
@RestController
class SlackApiController {

  private final Map<String, Function<SlackCall, Map<String, Object>>> methods = new LinkedHashMap<>();
  private final JsonMapper json;

  SlackApiController(SlackConversationMethods conversations, SlackOAuthController oauth, JsonMapper json) {
    this.json = json;
    methods.put("auth.test", this::authTest);
    methods.put("users.info", this::usersInfo);
    methods.put("users.lookupByEmail", this::usersLookupByEmail);
    methods.put("chat.postMessage", conversations::postMessage);
    methods.put("conversations.list", conversations::list);
    methods.put("conversations.history", conversations::history);
    methods.put("oauth.v2.access", oauth::access);
  }

  @RequestMapping(path = "/slack/api/{method}", method = {RequestMethod.GET, RequestMethod.POST})
  void call(@PathVariable String method, HttpServletRequest req, HttpServletResponse res) throws IOException {
    Function<SlackCall, Map<String, Object>> handler = methods.get(method);
    if (handler == null) {
      res.setStatus(404);
      write(res, Map.of("ok", false, "error", "unknown_method", "req_method", method));
      return;
    }
    try {
      Map<String, Object> out = handler.apply(new SlackCall(method, (String) req.getAttribute(SlackGuardFilter.TOKEN),
          (SlackTeam) req.getAttribute(SlackGuardFilter.TEAM), args(req), req.getHeader("Authorization")));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ok", true);
      body.putAll(out);
      write(res, body);
    } catch (SlackError e) {
      SlackGuardFilter.write(json, res, e);
    }
  }

  private Map<String, Object> args(HttpServletRequest req) throws IOException {
    Map<String, Object> args = new LinkedHashMap<>();
    String type = req.getContentType();
    if (type != null && type.toLowerCase().startsWith(MediaType.APPLICATION_JSON_VALUE)) {
      req.getParameterMap().forEach((k, v) -> args.put(k, v[0])); // query string only
      byte[] raw = req.getInputStream().readAllBytes();
      if (raw.length > 0) {
        try {
          JsonNode body = json.readTree(raw);
          if (!body.isObject()) {
            throw new SlackError("json_not_object");
          }
          body.properties().forEach(e -> args.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : e.getValue()));
        } catch (JacksonException e) {
          throw new SlackError("invalid_json");
        }
      }
    } else {
      req.getParameterMap().forEach((k, v) -> args.put(k, v[0]));
    }
    return args;
  }

  private void write(HttpServletResponse res, Map<String, Object> body) throws IOException {
    res.setContentType("application/json; charset=utf-8");
    res.getWriter().write(json.writeValueAsString(body));
  }

  // https://docs.slack.dev/reference/methods/auth.test
  private Map<String, Object> authTest(SlackCall call) {
    Map<String, Object> m = new LinkedHashMap<>();
    SlackTeam team = call.team();
    m.put("url", "https://" + team.domain + ".slack.com/");
    m.put("team", team.teamName);
    m.put("user", "switchboard");
    m.put("team_id", team.teamId);
    m.put("user_id", team.botUserId);
    m.put("bot_id", team.botId);
    m.put("is_enterprise_install", false);
    return m;
  }

  // https://docs.slack.dev/reference/methods/users.info
  private Map<String, Object> usersInfo(SlackCall call) {
    Map<String, Object> u = call.team().workspace.user(call.str("user"));
    if (u == null) {
      throw new SlackError("user_not_found");
    }
    return Map.of("user", u);
  }

  // https://docs.slack.dev/reference/methods/users.lookupByEmail
  private Map<String, Object> usersLookupByEmail(SlackCall call) {
    if (call.str("email") == null) {
      throw new SlackError("invalid_arguments");
    }
    Map<String, Object> u = call.team().workspace.userByEmail(call.str("email"));
    if (u == null) {
      throw new SlackError("users_not_found");
    }
    return Map.of("user", u);
  }
}
