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
 * reach (their descriptions dropped): the whole 4 MB document makes the validator exhaust the heap. One
 * documented adjustment, see {@link #admitNullNextToCombinators}; otherwise no schema is altered.
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
    admitNullNextToCombinators(spec);
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

  /**
   * Stripe marks ~1,000 properties {@code nullable: true} next to an {@code anyOf} with no {@code type}
   * (e.g. {@code customer.address}). OpenAPI 3.0.3 says {@code nullable} has no effect without
   * {@code type}, so a strict validator rejects the {@code null} Stripe really returns; Stripe's own SDKs
   * treat these as nullable. The one change: such a combinator gains a branch that matches only {@code null}.
   */
  private static void admitNullNextToCombinators(JsonNode node) {
    if (node.isObject()) {
      ObjectNode obj = (ObjectNode) node;
      JsonNode anyOf = obj.get("anyOf");
      if (obj.path("nullable").asBoolean(false) && !obj.has("type") && anyOf != null && anyOf.isArray()) {
        ObjectNode nullOnly = ((com.fasterxml.jackson.databind.node.ArrayNode) anyOf).addObject();
        nullOnly.put("type", "string").put("nullable", true).putArray("enum").addNull();
      }
      node.forEach(StripeSpecTrimmer::admitNullNextToCombinators);
    } else if (node.isArray()) {
      node.forEach(StripeSpecTrimmer::admitNullNextToCombinators);
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
