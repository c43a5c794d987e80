package dev.switchboard.sandbox.square;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import dev.switchboard.sandbox.Http;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Square's official OpenAPI document (read at run time from the vendor-specs folder) as a request/response validator. */
final class SquareSpec {

  private SquareSpec() {}

  /** A validator over {@code keep} only (every other path, and every schema they do not reach, is dropped). */
  static OpenApiInteractionValidator validatorFor(List<String> keep) {
    // Only the emulated paths are kept (the others would only slow parsing down). The validator's own loader refuses
    // the document over parser messages that concern no emulated path (info.externalDocs, a Catalog schema);
    // parse it leniently and assert those are the only messages.
    ObjectNode spec = (ObjectNode) Http.JSON.readTree(VendorSpecs.file("square/api.json").toFile());
    ObjectNode paths = (ObjectNode) spec.get("paths");
    List<String> drop = new ArrayList<>();
    paths.propertyNames().forEach(p -> {
      if (keep.stream().noneMatch(p::equals)) {
        drop.add(p);
      }
    });
    drop.forEach(paths::remove);
    pruneUnreferencedSchemas(spec);
    ParseOptions opts = new ParseOptions();
    opts.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(Http.JSON.writeValueAsString(spec), null, opts);
    assertThat(parsed.getMessages()).allSatisfy(m -> assertThat(m).containsAnyOf("info.externalDocs", "CatalogModifierOverride"));
    assertThat(parsed.getOpenAPI().getPaths()).hasSize(keep.size());
    return OpenApiInteractionValidator.createFor(parsed.getOpenAPI()).build();
  }

  /** Drops component schemas no kept path reaches (transitively), to keep parsing fast. */
  static void pruneUnreferencedSchemas(ObjectNode spec) {
    ObjectNode schemas = (ObjectNode) spec.get("components").get("schemas");
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>(List.of(spec.get("paths")));
    while (!todo.isEmpty()) {
      JsonNode n = todo.pop();
      if (n.isObject() && n.has("$ref") && n.get("$ref").isString()) {
        String name = n.get("$ref").asString().replace("#/components/schemas/", "");
        if (seen.add(name) && schemas.has(name)) {
          todo.push(schemas.get(name));
        }
      }
      if (n.isContainer()) {
        n.forEach(todo::push);
      }
    }
    List<String> unused = new ArrayList<>();
    schemas.propertyNames().forEach(name -> {
      if (!seen.contains(name)) {
        unused.add(name);
      }
    });
    unused.forEach(schemas::remove);
  }

}
