package dev.switchboard.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Every request this test sends and every response the emulator gives is validated against HubSpot's own OpenAPI
 * documents: v3/v4 and 2026-03 objects, associations, association labels, properties, pipelines, owners and
 * webhooks. HubSpot's spec collection is proprietary and stays out of the project (see
 * {@code shared/vendor-specs/SOURCES.md}), so this test runs only when {@code -Dhubspot.specs.dir} names the
 * {@code PublicApiSpecs} folder of a local copy of github.com/HubSpot/HubSpot-public-api-spec-collection, and is
 * reported as skipped otherwise. Each call is checked against the document whose path template matches it best
 * (most literal segments). Ignored: security requirements (the documents declare OAuth scopes, which the emulator
 * does not enforce); "null found, string expected" in {@code properties} (a property asked for but unset is
 * {@code null}, as HubSpot answers, where the documents type every value as a string); and the body of error
 * answers, which the validator reads no schema for (the documents' {@code default} response is a {@code $ref}
 * with a sibling description) — their {@code Error} fields are checked by hand instead.
 */
@EnabledIfSystemProperty(named = "hubspot.specs.dir", matches = ".+")
class HubSpotSpecConformanceTest {

  static final List<String> FILES = List.of(
      "CRM/Contacts/Rollouts/424/v3/contacts.json", "CRM/Contacts/Rollouts/424/2026-03/contacts.json",
      "CRM/Companies/Rollouts/424/v3/companies.json", "CRM/Companies/Rollouts/424/2026-03/companies.json",
      "CRM/Deals/Rollouts/424/v3/deals.json", "CRM/Deals/Rollouts/424/2026-03/deals.json",
      "CRM/Line Items/Rollouts/424/v3/lineItems.json", "CRM/Products/Rollouts/424/v3/products.json",
      "CRM/Notes/Rollouts/424/v3/notes.json", "CRM/Notes/Rollouts/424/2026-03/notes.json",
      "CRM/Calls/Rollouts/424/v3/calls.json", "CRM/Meetings/Rollouts/424/v3/meetings.json",
      "CRM/Emails/Rollouts/424/v3/emails.json", "CRM/Tasks/Rollouts/424/v3/tasks.json",
      "CRM/Associations/Rollouts/130902/v4/associations.json", "CRM/Associations/Rollouts/130902/2026-03/associations.json",
      "CRM/Associations Schema/Rollouts/50914/v4/associationsSchema.json",
      "CRM/Associations Schema/Rollouts/130902/2026-03/associationsSchema.json",
      "CRM/Properties/Rollouts/145899/v3/properties.json", "CRM/Properties/Rollouts/145899/2026-03/properties.json",
      "CRM/Pipelines/Rollouts/145896/v3/pipelines.json", "CRM/Pipelines/Rollouts/145896/2026-03/pipelines.json",
      "CRM/Crm Owners/Rollouts/146888/v3/crmOwners.json", "CRM/Crm Owners/Rollouts/146888/2026-03/crmOwners.json",
      "Webhooks/Webhooks/Rollouts/147891/v3/webhooks.json");
  static final String TOKEN = "pat-sandbox-hubspot";

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http ctl = sandbox.ctl();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final List<Spec> SPECS = new ArrayList<>();
  static final List<String> problems = new ArrayList<>();
  static int checked;

  /** One document: its path templates (as regexes, with their number of literal segments) and its validator. */
  record Spec(String file, List<String> templates, OpenApiInteractionValidator validator) {
    String match(String path) {
      return templates.stream().filter(t -> path.matches(t.replaceAll("\\{[^/]+}", "[^/]+")))
          .max(Comparator.comparingLong(HubSpotSpecConformanceTest::literalSegments)).orElse(null);
    }
  }

  @BeforeAll
  static void load() throws Exception {
    Path dir = Path.of(System.getProperty("hubspot.specs.dir"));
    for (String f : FILES) {
      ParseOptions opts = new ParseOptions();
      opts.setResolve(true);
      OpenAPI api = new OpenAPIV3Parser().readContents(Files.readString(dir.resolve(f)), null, opts).getOpenAPI();
      assertThat(api).as(f).isNotNull();
      OpenApiInteractionValidator v = OpenApiInteractionValidator.createFor(api)
          .withLevelResolver(LevelResolver.create().withLevel("validation.request.security", ValidationReport.Level.IGNORE).build())
          .build();
      SPECS.add(new Spec(f, List.copyOf(api.getPaths().keySet()), v));
    }
  }

  /** Sends one call to the emulator and validates request and response against the best-matching document. */
  static JsonNode call(String method, String pathAndQuery, Object body) throws Exception {
    String json = body == null ? null : Http.JSON.writeValueAsString(body);
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/hubspot" + pathAndQuery))
        .header("Authorization", "Bearer " + TOKEN).header("Accept", "application/json");
    if (json != null) {
      rb.header("Content-Type", "application/json");
    }
    rb.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> res = HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofString());

    String path = pathAndQuery.split("\\?")[0];
    Spec spec = SPECS.stream().filter(s -> s.match(path) != null)
        .max(Comparator.comparingLong(s -> literalSegments(s.match(path)))).orElse(null);
    assertThat(spec).as("a document for " + method + " " + path).isNotNull();
    SimpleRequest.Builder vreq = new SimpleRequest.Builder(method, path).withHeader("Authorization", "Bearer " + TOKEN)
        .withAccept("application/json");
    if (pathAndQuery.contains("?")) {
      for (String kv : pathAndQuery.split("\\?", 2)[1].split("&")) {
        String[] p = kv.split("=", 2);
        vreq.withQueryParam(p[0], p.length > 1 ? p[1] : "");
      }
    }
    if (json != null) {
      vreq.withContentType("application/json").withBody(json);
    }
    SimpleResponse.Builder vres = SimpleResponse.Builder.status(res.statusCode()).withBody(res.body());
    res.headers().firstValue("Content-Type").ifPresent(vres::withContentType);
    ValidationReport report = spec.validator().validate(vreq.build(), vres.build());
    checked++;
    boolean error = res.statusCode() >= 400;
    report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .filter(m -> !m.getMessage().equals("null found, string expected"))
        .filter(m -> !(error && m.getKey().equals("validation.response.body.unexpected")))
        .forEach(m -> problems.add(method + " " + path + " -> " + res.statusCode() + " (" + spec.file() + "): ["
            + m.getKey() + "] " + m.getMessage()));
    assertThat(res.statusCode()).as(method + " " + pathAndQuery + " " + res.body()).isLessThan(error ? 429 : 300);
    JsonNode node = res.body().isEmpty() ? null : Http.JSON.readTree(res.body());
    if (error) { // the spec's Error: category, correlationId and message are required
      assertThat(node.propertyNames()).as(res.body()).contains("category", "correlationId", "message");
    }
    return node;
  }

  /** A search request with every field the spec's {@code PublicObjectSearchRequest} requires. */
  static Map<String, Object> search(List<Map<String, Object>> filters) {
    return Map.of("filterGroups", filters.isEmpty() ? List.of() : List.of(Map.of("filters", filters)),
        "properties", List.of("hs_object_id"), "sorts", List.of("hs_object_id"), "limit", 5, "after", "0");
  }

  @BeforeEach
  void clear() {
    problems.clear();
    ctl.put("/_sandbox/config", Map.of("vendor", "hubspot", "searchPerSecond", 1000));
  }

  private static long literalSegments(String template) {
    return java.util.Arrays.stream(template.split("/")).filter(s -> !s.isEmpty() && !s.startsWith("{")).count();
  }

  private static String id(JsonNode n) {
    return n.get("id").asString();
  }

  @Test
  void everyEndpointClassConformsInBothVersions() throws Exception {
    for (String v : List.of("/crm/v3/objects", "/crm/objects/2026-03")) {
      String company = id(call("POST", v + "/companies", Map.of("properties", Map.of("name", "Spec Co", "domain", "spec.example"),
          "associations", List.of())));
      String contact = id(call("POST", v + "/contacts", Map.of("properties", Map.of("email", "spec" + v.length() + "@x.com"),
          "associations", List.of(Map.of("to", Map.of("id", company), "types", List.of(Map.of("associationCategory",
              "HUBSPOT_DEFINED", "associationTypeId", 1))))))); // primary company
      String deal = id(call("POST", v + "/0-3", Map.of("properties", Map.of("dealname", "Spec deal", "dealstage", "closedwon"),
          "associations", List.of())));
      call("GET", v + "/companies/" + company + "?properties=name&propertiesWithHistory=name&associations=contacts", null);
      call("GET", v + "/companies?limit=1&properties=name&associations=contacts", null);
      call("PATCH", v + "/companies/" + company, Map.of("properties", Map.of("city", "Oslo")));
      call("POST", v + "/companies/batch/read", Map.of("inputs", List.of(Map.of("id", company), Map.of("id", "1")),
          "properties", List.of("name"), "propertiesWithHistory", List.of()));
      call("POST", v + "/companies/batch/create", Map.of("inputs", List.of(
          Map.of("properties", Map.of("name", "B1"), "objectWriteTraceId", "a", "associations", List.of()),
          Map.of("properties", Map.of("nope", "x"), "objectWriteTraceId", "b", "associations", List.of()))));
      call("POST", v + "/companies/batch/update", Map.of("inputs", List.of(Map.of("id", company, "properties", Map.of("city", "Bergen")))));
      call("POST", v + "/contacts/batch/upsert", Map.of("inputs", List.of(Map.of("id", "up" + v.length() + "@x.com",
          "idProperty", "email", "properties", Map.of("firstname", "Up")))));
      call("POST", v + "/companies/search", search(List.of(Map.of("propertyName", "hs_lastmodifieddate", "operator", "GT",
          "value", "0"))));
      String other = id(call("POST", v + "/companies", Map.of("properties", Map.of("name", "Merge me"), "associations", List.of())));
      call("POST", v + "/companies/merge", Map.of("primaryObjectId", company, "objectIdToMerge", other));
      call("GET", v + "/companies/999999", null);
      call("POST", v + "/companies/batch/archive", Map.of("inputs", List.of(Map.of("id", "424242"))));
      call("DELETE", v + "/0-3/" + deal, null);
    }
    for (String type : List.of("line_items", "products", "notes", "calls", "meetings", "emails", "tasks")) {
      String id = id(call("POST", "/crm/v3/objects/" + type, Map.of("properties", Map.of(), "associations", List.of())));
      call("GET", "/crm/v3/objects/" + type + "/" + id, null);
      call("POST", "/crm/v3/objects/" + type + "/search", search(List.of()));
    }
    call("POST", "/crm/objects/2026-03/notes/batch/create", Map.of("inputs", List.of(Map.of("properties",
        Map.of("hs_note_body", "n"), "associations", List.of()))));
    assertThat(checked).isGreaterThan(40);
    assertThat(problems).as("spec violations").isEmpty();
  }

  @Test
  void associationsLabelsPipelinesPropertiesOwnersAndWebhooksConform() throws Exception {
    String contact = id(call("POST", "/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "a@x.com"), "associations", List.of())));
    String company = id(call("POST", "/crm/v3/objects/companies", Map.of("properties", Map.of("name", "A"), "associations", List.of())));
    for (String objects : List.of("/crm/v4/objects", "/crm/objects/2026-03")) {
      call("PUT", objects + "/contacts/" + contact + "/associations/default/companies/" + company, null);
      call("PUT", objects + "/contacts/" + contact + "/associations/companies/" + company,
          List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 1)));
      call("GET", objects + "/contacts/" + contact + "/associations/companies?limit=10", null);
      call("DELETE", objects + "/contacts/" + contact + "/associations/companies/" + company, null);
    }
    for (String assoc : List.of("/crm/v4/associations", "/crm/associations/2026-03")) {
      Map<String, Object> pair = Map.of("from", Map.of("id", contact), "to", Map.of("id", company),
          "types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 279)));
      call("POST", assoc + "/contacts/companies/batch/create", Map.of("inputs", List.of(pair)));
      call("POST", assoc + "/contacts/companies/batch/associate/default", Map.of("inputs", List.of(
          Map.of("from", Map.of("id", contact), "to", Map.of("id", company)))));
      call("POST", assoc + "/contacts/companies/batch/read", Map.of("inputs", List.of(Map.of("id", contact), Map.of("id", "1"))));
      call("POST", assoc + "/contacts/companies/batch/labels/archive", Map.of("inputs", List.of(pair)));
      call("POST", assoc + "/contacts/companies/batch/archive", Map.of("inputs", List.of(
          Map.of("from", Map.of("id", contact), "to", List.of(Map.of("id", company))))));
      JsonNode label = call("POST", assoc + "/contacts/companies/labels", Map.of("label", "L" + assoc.length(),
          "name", "l" + assoc.length()));
      call("GET", assoc + "/contacts/companies/labels", null);
      int typeId = label.at("/results/0/typeId").asInt();
      call("PUT", assoc + "/contacts/companies/labels", Map.of("associationTypeId", typeId, "label", "Renamed"));
      call("DELETE", assoc + "/contacts/companies/labels/" + typeId, null);
    }
    for (String p : List.of("/crm/v3/pipelines/deals", "/crm/pipelines/2026-03/deals")) {
      call("GET", p, null);
      JsonNode created = call("POST", p, Map.of("label", "P" + p.length(), "displayOrder", 3, "stages", List.of(
          Map.of("label", "S", "displayOrder", 0, "metadata", Map.of("probability", "0.5")))));
      call("GET", p + "/" + id(created) + "/stages", null);
      call("POST", p + "/" + id(created) + "/stages", Map.of("label", "T", "displayOrder", 1, "metadata", Map.of("probability", "1.0")));
      call("PATCH", p + "/" + id(created), Map.of("label", "Renamed"));
      call("DELETE", p + "/" + id(created), null);
    }
    for (String p : List.of("/crm/v3/properties/companies", "/crm/properties/2026-03/companies")) {
      call("GET", p, null);
      call("GET", p + "/name", null);
      call("GET", p + "/groups", null);
      call("POST", p + "/groups", Map.of("name", "g" + p.length(), "label", "G"));
      call("POST", p, Map.of("name", "tier" + p.length(), "label", "Tier", "type", "enumeration", "fieldType", "select",
          "groupName", "companyinformation", "options", List.of(Map.of("label", "A", "value", "a", "hidden", false, "displayOrder", 0))));
    }
    for (String o : List.of("/crm/v3/owners", "/crm/owners/2026-03")) {
      JsonNode owners = call("GET", o + "?limit=2", null);
      call("GET", o + "/" + owners.at("/results/0/id").asString(), null);
    }
    call("GET", "/webhooks/v3/2001/subscriptions?hapikey=sandbox-dev-key", null);
    call("POST", "/webhooks/v3/2001/subscriptions?hapikey=sandbox-dev-key", Map.of("eventType", "object.creation",
        "objectTypeId", "0-3", "active", true));
    assertThat(problems).as("spec violations").isEmpty();
  }
}
