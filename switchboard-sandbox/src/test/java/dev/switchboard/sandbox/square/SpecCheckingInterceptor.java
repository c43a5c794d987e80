package dev.switchboard.sandbox.square;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.switchboard.sandbox.Http;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import tools.jackson.databind.JsonNode;

/**
 * OkHttp interceptor for the Square SDK's client: validates every request the SDK sends and every response the
 * emulator returns against Square's OpenAPI document ({@code /square} prefix stripped). Whitelist, each justified:
 * <ul>
 *   <li>{@code validation.response.status.unknown} on non-2xx answers: the spec documents 200 alone per operation.
 *   <li>{@code validation.request.body.schema.additionalProperties} for a property that repeats a path parameter
 *       of the same request (SDK 47.1.0 serialises e.g. {@code customer_id}, {@code invoice_id}, {@code booking_id}
 *       into the JSON body as well as the path): an SDK quirk that the emulator, like Square, ignores.
 * </ul>
 */
final class SpecCheckingInterceptor implements Interceptor {

  final List<String> problems = new CopyOnWriteArrayList<>();
  final List<String> checked = new CopyOnWriteArrayList<>();
  private final OpenApiInteractionValidator validator;

  SpecCheckingInterceptor(OpenApiInteractionValidator validator) {
    this.validator = validator;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request req = chain.request();
    Response res = chain.proceed(req);
    HttpUrl url = req.url();
    String path = url.encodedPath().replaceFirst("^/square", "");
    SimpleRequest.Builder vreq = new SimpleRequest.Builder(req.method(), path);
    req.headers().forEach(h -> vreq.withHeader(h.getFirst(), h.getSecond()));
    for (String name : url.queryParameterNames()) {
      vreq.withQueryParam(name, url.queryParameterValues(name).toArray(String[]::new));
    }
    String reqBody = null;
    if (req.body() != null) {
      Buffer buf = new Buffer();
      req.body().writeTo(buf);
      reqBody = buf.readUtf8();
      vreq.withBody(reqBody);
      if (req.body().contentType() != null) {
        vreq.withContentType(req.body().contentType().toString());
      }
    }
    String body = res.peekBody(Long.MAX_VALUE).string();
    SimpleResponse.Builder vres = SimpleResponse.Builder.status(res.code()).withBody(body);
    String ct = res.header("Content-Type");
    if (ct != null) {
      vres.withContentType(ct);
    }
    ValidationReport report = validator.validate(vreq.build(), vres.build());
    checked.add(req.method() + " " + path + " " + res.code());
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR
          && !(res.code() >= 400 && m.getKey().equals("validation.response.status.unknown"))
          && !repeatsPathParameter(m, reqBody, path)) {
        problems.add(req.method() + " " + path + " -> " + res.code() + ": [" + m.getKey() + "] " + m.getMessage());
      }
    }
    return res;
  }

  private static final Pattern EXTRA = Pattern.compile("property '(\\w+_id)' is not defined");

  /** True if {@code m} is about a body property whose value is a segment of the request path. */
  static boolean repeatsPathParameter(ValidationReport.Message m, String body, String path) {
    Matcher x = EXTRA.matcher(m.getMessage());
    if (!m.getKey().equals("validation.request.body.schema.additionalProperties") || body == null || !x.find()) {
      return false;
    }
    JsonNode v = Http.JSON.readTree(body).get(x.group(1));
    return v != null && v.isString() && List.of(path.split("/")).contains(v.asString());
  }
}
