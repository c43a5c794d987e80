package dev.switchboard.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads Stripe's official spec YAML and keeps only the given paths and the component schemas they
 * reach (their descriptions dropped): the whole 4 MB document makes the validator exhaust the heap. No
 * schema is altered, so validation against the result equals validation against the full spec.
 */
final class StripeSpecTrimmer {

  private StripeSpecTrimmer() {}

  static String trimmed(Path yaml, List<String> paths) throws Exception {
    LoaderOptions opts = new LoaderOptions();
    opts.setCodePointLimit(64 * 1024 * 1024);
    ObjectMapper mapper = new ObjectMapper(YAMLFactory.builder().loaderOptions(opts).build());
    ObjectNode spec = (ObjectNode) mapper.readTree(yaml.toFile());
    ObjectNode allPaths = (ObjectNode) spec.get("paths");
    ObjectNode keptPaths = mapper.createObjectNode();
    for (String p : paths) {
      if (allPaths.get(p) == null) {
        throw new IllegalArgumentException("path not in spec: " + p);
      }
      keptPaths.set(p, allPaths.get(p));
    }
    spec.set("paths", keptPaths);
    ObjectNode schemas = (ObjectNode) spec.get("components").get("schemas");
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    collectRefs(keptPaths, todo);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (seen.add(name)) {
        collectRefs(schemas.get(name), todo);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> it = schemas.properties().iterator();
    while (it.hasNext()) {
      if (!seen.contains(it.next().getKey())) {
        it.remove();
      }
    }
    stripDescriptions(schemas);
    return new ObjectMapper().writeValueAsString(spec);
  }

  private static void collectRefs(JsonNode node, Deque<String> out) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        out.push(ref.asText().substring(ref.asText().lastIndexOf('/') + 1));
      }
      node.forEach(child -> collectRefs(child, out));
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, out));
    }
  }

  private static void stripDescriptions(JsonNode node) {
    if (node.isObject()) {
      JsonNode d = node.get("description");
      if (d != null && d.isTextual()) {
        ((ObjectNode) node).remove("description");
      }
      node.forEach(StripeSpecTrimmer::stripDescriptions);
    } else if (node.isArray()) {
      node.forEach(StripeSpecTrimmer::stripDescriptions);
    }
  }
}
