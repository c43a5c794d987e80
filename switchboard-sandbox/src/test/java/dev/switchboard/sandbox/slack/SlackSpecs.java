package dev.switchboard.sandbox.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.switchboard.sandbox.VendorSpecs;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slack's official specs, read from {@code slack/} in the vendor-specs directory outside the repo (see
 * {@link dev.switchboard.sandbox.VendorSpecs}: without them, the checks are skipped unless required).
 * Validates recorded Web API exchanges against the Swagger 2.0 Web API spec and Events API envelopes
 * against the common event wrapper JSON schema.
 *
 * <p>Whitelist (the spec is from 2021 and stale; each entry is a documented Slack behaviour):
 * <ul>
 *   <li>Methods the spec lists only as GET are sent by the SDK as form POSTs (Slack accepts both:
 *       https://docs.slack.dev/apis/web-api/#basics). We validate the arguments as the spec's GET
 *       query parameters, i.e. the request is re-shaped to the spec's HTTP method, never its content.</li>
 *   <li>{@code token}: the spec models it as a required header/query parameter; the SDK sends
 *       {@code Authorization: Bearer}, which Slack documents as the preferred way
 *       (https://docs.slack.dev/authentication/tokens). Missing-{@code token} errors are ignored only
 *       when an {@code Authorization} header was sent.</li>
 *   <li>429 answers carry {@code "error":"ratelimited"} (https://docs.slack.dev/apis/web-api/rate-limits);
 *       the spec's per-method error enums lack it, so the enum error on a 429 is ignored.</li>
 *   <li>Booleans: the SDK sends {@code 0}/{@code 1}, which Slack accepts; "integer found, boolean expected" is ignored.</li>
 *   <li>objs_user, objs_conversation (and 4 more) use tuple-form {@code items}, which the Swagger 2.0 → OpenAPI 3
 *       conversion turns into {@code type: array}; "object found, array expected" on a response is ignored.</li>
 *   <li>objs_message.bot_id and conversations.history's channel_actions_ts are tuple-form too (string|null).</li>
 *   <li>conversations.list: {@code response_metadata.next_cursor} is declared, yet the converted schema
 *       rejects it; that one property is ignored.</li>
 *   <li>chat.postMessage: the SDK (1.49.0) sends {@code thread_ts} twice in its form body.</li>
 *   <li>Errors come with HTTP 200 {@code {"ok":false}} (documented); they are checked against the spec's
 *       {@code default} response, which is where the spec models them.</li>
 *   <li>conversations.history: {@code response_metadata.next_cursor} is documented for paging but missing
 *       from the spec's response schema (additionalProperties false); that one property is ignored.</li>
 * </ul>
 */
final class SlackSpecs {

  private static OpenApiInteractionValidator web;
  private static Schema wrapper;

  static final String WEB_API = "slack/slack_web_openapi_v2.json";
  static final String EVENT_WRAPPER = "slack/slack_common_event_wrapper_schema.json";

  private SlackSpecs() {}

  /** Whether the Web API spec is available, i.e. whether the SDK tests check their exchanges against it. */
  static boolean hasWebApi() {
    return VendorSpecs.has(WEB_API);
  }

  static synchronized OpenApiInteractionValidator web() throws IOException {
    if (web == null) {
      String spec = Files.readString(VendorSpecs.file(WEB_API));
      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      SwaggerParseResult parsed = new OpenAPIParser().readContents(spec, null, options);
      // The 2021 spec uses tuple-form "items" (an array) in 6 schemas (objs_user, objs_conversation,
      // objs_response_metadata and 3 responses); swagger-parser reports those and leaves them unconstrained.
      // Anything else reported is a real problem.
      List<String> unexpected = parsed.getMessages().stream().filter(m -> !m.endsWith(".items is not of type `object`")).toList();
      if (parsed.getOpenAPI() == null || !unexpected.isEmpty() || parsed.getMessages().size() > 6) {
        throw new IllegalStateException("Slack spec did not parse as expected: " + parsed.getMessages());
      }
      web = OpenApiInteractionValidator.createFor(parsed.getOpenAPI()).withBasePathOverride("/slack/api").build();
    }
    return web;
  }

  static synchronized Schema eventWrapper() throws IOException {
    if (wrapper == null) {
      String schema = Files.readString(VendorSpecs.file(EVENT_WRAPPER));
      wrapper = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema, InputFormat.JSON);
    }
    return wrapper;
  }

  /** Schema errors of an Events API envelope (empty = valid); aborts the calling test without the schema. */
  static List<String> checkEnvelope(String body) throws IOException {
    return eventWrapper().validate(body, InputFormat.JSON).stream().map(Object::toString).toList();
  }

  /**
   * Asserts that an Events API envelope matches the wrapper schema. Checks nothing when the schema is not
   * available (and not required), so that the event tests' own assertions still run on a fresh clone.
   */
  static void assertEnvelopeConforms(String body) throws IOException {
    if (VendorSpecs.has(EVENT_WRAPPER)) {
      assertThat(checkEnvelope(body)).as("wrapper schema errors of %s", body).isEmpty();
    }
  }

  /** One recorded Web API exchange. */
  record Exchange(String method, String path, String contentType, String authorization, String requestBody,
      int status, String responseBody) {}

  /** Spec errors of one exchange, after the whitelist above (empty = conforms). */
  static List<String> check(Exchange x) throws IOException {
    String slackMethod = x.path().substring(x.path().lastIndexOf('/') + 1);
    Set<String> specVerbs = specVerbs(slackMethod);
    Request.Method verb = specVerbs.contains("post") ? Request.Method.POST : Request.Method.GET;
    SimpleRequest.Builder rb = new SimpleRequest.Builder(verb, x.path());
    if (x.authorization() != null) {
      rb.withHeader("Authorization", x.authorization());
    }
    if (verb == Request.Method.POST) {
      rb.withContentType(x.contentType()).withBody(x.requestBody() == null ? "" : x.requestBody());
    } else {
      form(x.requestBody()).forEach(rb::withQueryParam);
    }
    // Slack answers errors with HTTP 200 and {"ok":false}; the spec models them as the "default" response,
    // so an ok:false body is checked against "default" (any undeclared status selects it).
    boolean okFalse = x.responseBody() != null && x.responseBody().replace(" ", "").startsWith("{\"ok\":false");
    SimpleResponse res = SimpleResponse.Builder.status(okFalse && x.status() == 200 ? 400 : x.status()).withContentType("application/json")
        .withBody(x.responseBody()).build();
    ValidationReport report = web().validate(rb.build(), res);
    List<String> errors = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() != ValidationReport.Level.ERROR || whitelisted(x, slackMethod, m)) {
        continue;
      }
      errors.add(slackMethod + " " + m.getKey() + ": " + m.getMessage() + " " + m.getContext().flatMap(c -> c.getPointers()
          .map(p -> p.getInstance())).orElse("") + " status=" + x.status());
    }
    return errors;
  }

  private static boolean whitelisted(Exchange x, String slackMethod, ValidationReport.Message m) {
    String key = m.getKey();
    String msg = m.getMessage();
    if ((key.equals("validation.request.parameter.header.missing") || key.equals("validation.request.parameter.query.missing"))
        && msg.contains("'token'") && x.authorization() != null) {
      return true;
    }
    if ((key.equals("validation.request.parameter.schema.type") || key.equals("validation.request.body.schema.type"))
        && msg.contains("integer found, boolean expected")) {
      return true; // the SDK sends booleans as 0/1, which Slack documents and accepts
    }
    if (key.equals("validation.response.body.schema.type") && msg.contains("object found, array expected")) {
      return true; // tuple-form "items" in objs_user/objs_conversation, turned into type array by the Swagger 2 converter
    }
    String pointer = m.getContext().flatMap(c -> c.getPointers().map(p -> p.getInstance())).orElse("");
    if (pointer.endsWith("/bot_id") && msg.contains("string found, object expected")) {
      return true; // objs_message.bot_id is a tuple-form "items" too (string or null)
    }
    if (pointer.equals("/channel_actions_ts") && msg.contains("null found")) {
      return true; // tuple-form "items" without a type; Slack sends null
    }
    if (slackMethod.equals("conversations.list") && pointer.equals("/response_metadata") && msg.contains("'next_cursor'")) {
      return true; // the spec declares next_cursor there, but the converted schema loses it (false positive)
    }
    if (slackMethod.equals("chat.postMessage") && pointer.equals("/thread_ts") && msg.contains("array found")) {
      return true; // slack-api-client 1.49.0 itself sends thread_ts twice in the form body
    }
    if (x.status() == 429 && key.equals("validation.response.body.schema.enum") && msg.contains("ratelimited")) {
      return true;
    }
    return slackMethod.equals("conversations.history") && key.equals("validation.response.body.schema.additionalProperties")
        && msg.contains("response_metadata");
  }

  private static Set<String> specVerbs(String slackMethod) throws IOException {
    return SPEC_VERBS.computeIfAbsent(slackMethod, k -> {
      try {
        var node = specTree().path("paths").path("/" + k);
        return Set.copyOf(node.propertyNames());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static tools.jackson.databind.JsonNode tree;

  private static synchronized tools.jackson.databind.JsonNode specTree() throws IOException {
    if (tree == null) {
      tree = tools.jackson.databind.json.JsonMapper.builder().build().readTree(Files.readString(VendorSpecs.file(WEB_API)));
    }
    return tree;
  }

  private static final Map<String, Set<String>> SPEC_VERBS = new java.util.concurrent.ConcurrentHashMap<>();

  static Map<String, String> form(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    if (body == null || body.isEmpty() || body.startsWith("{")) {
      return m;
    }
    for (String kv : body.split("&")) {
      String[] p = kv.split("=", 2);
      m.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8));
    }
    return m;
  }
}
