package dev.switchboard.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates Stripe's form-encoded request bodies against the spec's request schemas. Stripe encodes
 * nested parameters as {@code metadata[key]=v} and {@code items[0][price]=p} (the spec declares them
 * {@code style: deepObject, explode: true}), which the OpenAPI validator reads as flat, unknown keys. So
 * the body is decoded into the object it stands for and checked with a JSON-schema validator in the
 * OpenAPI 3.0 dialect. Form values are text on the wire, so type checks are loose ("1500" passes as an
 * integer, "true" as a boolean); every other constraint (unknown keys, enums, lengths, required) is exact.
 */
final class StripeFormBodies {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ObjectNode spec;
  private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi30(),
      b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().typeLoose(true).build()));
  private final Map<String, Schema> schemas = new HashMap<>();

  StripeFormBodies(String specJson) throws Exception {
    this.spec = (ObjectNode) JSON.readTree(specJson);
  }

  /** Schema errors of a form body sent to {@code method specPath} (empty = conforms). */
  synchronized List<String> check(String method, String specPath, String formBody) {
    Schema schema = schemas.computeIfAbsent(method + " " + specPath, k -> schemaFor(method, specPath));
    return schema.validate(decode(formBody)).stream().map(Object::toString).toList();
  }

  private Schema schemaFor(String method, String specPath) {
    String pointer = "#/paths/" + specPath.replace("~", "~0").replace("/", "~1") + "/" + method.toLowerCase()
        + "/requestBody/content/application~1x-www-form-urlencoded/schema";
    if (spec.at(pointer.substring(1)).isMissingNode()) {
      throw new IllegalArgumentException("no form request schema at " + pointer);
    }
    // The whole (trimmed) spec with a root $ref: the operation's schema, with its #/components refs resolvable.
    ObjectNode root = spec.deepCopy();
    root.put("$ref", pointer);
    return registry.getSchema(root);
  }

  /** {@code a[b][0]=x&c=y} → {@code {"a":{"b":["x"]},"c":"y"}}. */
  static JsonNode decode(String formBody) {
    ObjectNode root = JSON.createObjectNode();
    if (formBody == null || formBody.isEmpty()) {
      return root;
    }
    for (String pair : formBody.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      put(root, segments(key), 0, value);
    }
    return root;
  }

  private static List<String> segments(String key) {
    int open = key.indexOf('[');
    if (open < 0) {
      return List.of(key);
    }
    List<String> out = new ArrayList<>();
    out.add(key.substring(0, open));
    for (String part : key.substring(open + 1, key.length() - 1).split("\\]\\[", -1)) {
      out.add(part);
    }
    return out;
  }

  private static void put(JsonNode container, List<String> path, int i, String value) {
    String seg = path.get(i);
    boolean last = i == path.size() - 1;
    boolean nextIsIndex = !last && path.get(i + 1).chars().allMatch(Character::isDigit) && !path.get(i + 1).isEmpty();
    if (container instanceof ObjectNode obj) {
      if (last) {
        obj.put(seg, value);
      } else {
        JsonNode child = obj.get(seg);
        if (child == null) {
          child = nextIsIndex ? obj.putArray(seg) : obj.putObject(seg);
        }
        put(child, path, i + 1, value);
      }
    } else if (container instanceof ArrayNode arr) {
      int index = Integer.parseInt(seg);
      while (arr.size() <= index) {
        if (last) {
          arr.addNull();
        } else {
          if (nextIsIndex) {
            arr.addArray();
          } else {
            arr.addObject();
          }
        }
      }
      if (last) {
        arr.set(index, JSON.getNodeFactory().textNode(value));
      } else {
        put(arr.get(index), path, i + 1, value);
      }
    }
  }
}
