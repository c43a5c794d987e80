package dev.switchboard.app.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Canonical JSON values as the plain Java values the spine stores (maps, lists, strings, numbers). */
final class UpsertJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private UpsertJson() {}

  static Object plain(JsonNode json) {
    return JSON.treeToValue(json, Object.class);
  }
}
