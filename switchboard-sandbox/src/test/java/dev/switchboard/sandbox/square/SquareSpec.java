package dev.switchboard.sandbox.square;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import dev.switchboard.sandbox.Http;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Square's official OpenAPI document (read at run time from the vendor-specs folder) as a request/response validator. */
final class SquareSpec {

  /** The document, under the vendor-specs directory ({@link dev.switchboard.sandbox.VendorSpecs}). */
  static final String FILE = "square/api.json";

  private SquareSpec() {}

  /** Whether the document is available, i.e. whether the SDK tests check their traffic against it. */
  static boolean available() {
    return dev.switchboard.sandbox.VendorSpecs.has(FILE);
  }

  /** Event schemas of the webhook events the emulator sends (kept although no path references them). */
  static final List<String> EVENT_SCHEMAS = List.of("CustomerCreatedEvent", "CustomerUpdatedEvent", "CustomerDeletedEvent",
      "PaymentCreatedEvent", "PaymentUpdatedEvent", "InvoiceCreatedEvent", "InvoicePublishedEvent", "InvoiceCanceledEvent",
      "InvoicePaymentMadeEvent", "BookingCreatedEvent", "BookingUpdatedEvent");

  /** A validator over {@code keep} only. */
  static OpenApiInteractionValidator validatorFor(List<String> keep) {
    return OpenApiInteractionValidator.createFor(load(keep)).build();
  }

  /**
   * The document reduced to the {@code keep} paths, the {@link #EVENT_SCHEMAS} and every schema they reach
   * (the rest would only slow parsing down). Aborts the calling test when the document is not available.
   */
  static OpenAPI load(List<String> keep) {
    // Only the emulated paths are kept (the others would only slow parsing down). The validator's own loader refuses
    // the document over parser messages that concern no emulated path (info.externalDocs, a Catalog schema);
    // parse it leniently and assert those are the only messages.
    ObjectNode spec = (ObjectNode) Http.JSON.readTree(dev.switchboard.sandbox.VendorSpecs.file(FILE).toFile());
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
    return parsed.getOpenAPI();
  }

  /**
   * Schema errors of a webhook body against its event schema: {@code customer.created} → {@code CustomerCreatedEvent}.
   */
  static List<String> eventProblems(OpenAPI api, String body) {
    String type = Http.JSON.readTree(body).get("type").asString();
    StringBuilder name = new StringBuilder();
    for (String part : type.split("[._]")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    Schema<?> schema = api.getComponents().getSchemas().get(name + "Event");
    if (schema == null) {
      return List.of("no schema " + name + "Event for " + type);
    }
    ValidationReport report = new SchemaValidator(api, new MessageResolver()).validate(body, schema, "webhook");
    return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(m -> type + ": [" + m.getKey() + "] " + m.getMessage()).toList();
  }

  /** Drops component schemas no kept path reaches (transitively), to keep parsing fast. */
  static void pruneUnreferencedSchemas(ObjectNode spec) {
    ObjectNode schemas = (ObjectNode) spec.get("components").get("schemas");
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>(List.of(spec.get("paths")));
    EVENT_SCHEMAS.forEach(n -> {
      seen.add(n);
      todo.push(schemas.get(n));
    });
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
