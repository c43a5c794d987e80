package dev.switchboard.sandbox.quickbooks;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entity endpoints: create, read, full/sparse update, delete. Request bodies may be gzip/deflate encoded
 * (the Java devkit compresses them) and may wrap the entity as {@code {"Customer":{...}}}. Answers
 * {@code {"<Entity>":{...},"time":"..."}}. {@code minorversion} and {@code requestid} are accepted and ignored.
 * Each acts on the realm of the path, which the guard has checked the token was granted for.
 */
@RestController
@RequestMapping(path = "/quickbooks/v3/company/{realmId}", produces = MediaType.APPLICATION_JSON_VALUE)
class QboEntityController {

  private final JsonMapper json;

  QboEntityController(JsonMapper json) {
    this.json = json;
  }

  // https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/customer#read-a-customer
  @GetMapping("/{entity}/{id}")
  Map<String, Object> read(@RequestAttribute(QboGuardFilter.REALM) QboRealm realm, @PathVariable String entity, @PathVariable String id) {
    String type = entityType(entity);
    return wrap(realm.store, type, realm.store.get(type, id));
  }

  // https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/customer#create-a-customer
  // (same page: #full-update-a-customer, #sparse-update-a-customer; invoice#delete-an-invoice)
  @PostMapping("/{entity}")
  Map<String, Object> write(@RequestAttribute(QboGuardFilter.REALM) QboRealm realm, @PathVariable String entity,
      @RequestParam(required = false) String operation, HttpServletRequest req) {
    QboStore store = realm.store;
    String type = entityType(entity);
    Map<String, Object> body = entityBody(type, readBody(req));
    if ("delete".equalsIgnoreCase(operation)) {
      return wrap(store, type, store.delete(type, body));
    }
    if (operation != null && !operation.equalsIgnoreCase("update") && !operation.equalsIgnoreCase("create")) {
      throw QboFault.unsupported("Operation " + operation + " " + type + " is not supported.");
    }
    return wrap(store, type, body.get("Id") == null ? store.create(type, body) : store.update(type, body));
  }

  static Map<String, Object> wrap(QboStore store, String type, Map<String, Object> entity) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(type, entity);
    m.put("time", store.now());
    return m;
  }

  static String entityType(String segment) {
    String type = QboStore.TYPES.get(segment);
    if (type == null) {
      throw new QboFault(400, "ValidationFault", "4000", "Unsupported entity", "Entity " + segment + " is not supported "
          + "by this sandbox (Customer, Invoice, Payment, Item, Estimate).", "");
    }
    return type;
  }

  /** The entity object of a create/update body, unwrapping {@code {"Customer":{...}}}. */
  static Map<String, Object> entityBody(String type, Map<String, Object> body) {
    if (body.size() == 1 && Json.map(body.get(type)) != null) {
      return Json.map(body.get(type));
    }
    return body;
  }

  Map<String, Object> readBody(HttpServletRequest req) {
    String text = readText(req);
    try {
      Map<String, Object> m = Json.map(json.readValue(text, Object.class));
      if (m == null) {
        throw new IllegalArgumentException("not an object");
      }
      return m;
    } catch (JacksonException | IllegalArgumentException e) {
      throw QboFault.validation("2010", "Request has invalid or unsupported property",
          "Request has invalid or unsupported property: " + e.getMessage().lines().findFirst().orElse(""), "");
    }
  }

  /** The raw request body as text, decompressing {@code Content-Encoding: gzip|deflate}. */
  static String readText(HttpServletRequest req) {
    try {
      InputStream in = req.getInputStream();
      String enc = req.getHeader("Content-Encoding");
      if ("gzip".equalsIgnoreCase(enc)) {
        in = new GZIPInputStream(in);
      } else if ("deflate".equalsIgnoreCase(enc)) {
        in = new InflaterInputStream(in);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw QboFault.validation("2010", "Request has invalid or unsupported property", "Unreadable body: " + e.getMessage(), "");
    }
  }
}
