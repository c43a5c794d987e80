package dev.switchboard.sandbox.slack;

import java.util.Map;

/**
 * One Web API call: method name, the bearer/form token and the team it belongs to (both null on oauth.v2.access)
 * and the arguments from the query string plus the form or JSON body. Form values are strings; JSON values keep
 * their type.
 */
record SlackCall(String method, String token, SlackTeam team, Map<String, Object> args, String basicAuth) {

  String str(String name) {
    Object v = args.get(name);
    return v == null || v.toString().isEmpty() ? null : v.toString();
  }

  int integer(String name, int dflt) {
    String v = str(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new SlackError("invalid_arguments");
    }
  }

  boolean bool(String name) {
    String v = str(name);
    return v != null && (v.equals("true") || v.equals("1"));
  }

  /** A Slack ts argument as a comparable number; null if absent. */
  Double ts(String name, String error) {
    String v = str(name);
    if (v == null) {
      return null;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new SlackError(error);
    }
  }
}
