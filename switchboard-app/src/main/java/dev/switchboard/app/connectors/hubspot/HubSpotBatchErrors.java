package dev.switchboard.app.connectors.hubspot;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Which input of a batch write an error of HubSpot's answer is about: HubSpot names it in an error's
 * {@code context} (the input's {@code objectWriteTraceId}, id or e-mail) or as {@code inputs[n]} in a detail.
 */
final class HubSpotBatchErrors {
  private static final Pattern INPUT_INDEX = Pattern.compile("inputs\\[(\\d+)]");

  private HubSpotBatchErrors() {}

  /** The per-input error of a 207 answer: one whose context names the input's trace id or id/email, or errors[].in. */
  static @Nullable JsonNode errorFor(JsonNode body, String key, String trace, int pos) {
    for (JsonNode e : body.path("errors")) {
      if (mentions(e, key, trace, pos)) {
        return e;
      }
    }
    return null;
  }

  /**
   * Whether an error node names the input: its trace id or id/email in any {@code context}, or
   * {@code inputs[pos]} in a detail's {@code in}/message.
   */
  static boolean mentions(JsonNode error, String key, String trace, int pos) {
    if (contextMentions(error.path("context"), trace) || (!key.isEmpty() && contextMentions(error.path("context"), key))) {
      return true;
    }
    for (JsonNode sub : error.path("errors")) {
      if (contextMentions(sub.path("context"), trace) || (!key.isEmpty() && contextMentions(sub.path("context"), key))) {
        return true;
      }
      Matcher m = INPUT_INDEX.matcher(sub.path("in").asString("") + " " + sub.path("message").asString(""));
      while (m.find()) {
        if (Integer.parseInt(m.group(1)) == pos) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean contextMentions(JsonNode context, String key) {
    for (Map.Entry<String, JsonNode> e : context.properties()) {
      JsonNode v = e.getValue();
      if (v.isArray()) {
        for (JsonNode x : v) {
          if (x.isValueNode() && key.equalsIgnoreCase(x.asString().trim())) {
            return true;
          }
        }
      } else if (v.isValueNode() && key.equalsIgnoreCase(v.asString().trim())) {
        return true;
      }
    }
    return false;
  }

  static @Nullable String field(JsonNode error) {
    JsonNode names = error.path("context").path("propertyName");
    if (names.isArray() && !names.isEmpty()) {
      return HubSpotMapper.STANDARD.getOrDefault(names.get(0).asString(), names.get(0).asString());
    }
    for (JsonNode sub : error.path("errors")) {
      JsonNode n = sub.path("context").path("propertyName");
      if (n.isArray() && !n.isEmpty()) {
        return HubSpotMapper.STANDARD.getOrDefault(n.get(0).asString(), n.get(0).asString());
      }
    }
    return null;
  }
}
