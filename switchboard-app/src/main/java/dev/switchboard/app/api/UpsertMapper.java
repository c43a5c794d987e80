package dev.switchboard.app.api;

import dev.switchboard.app.canonical.CanonicalException;
import dev.switchboard.app.canonical.CleanContext;
import dev.switchboard.app.canonical.ValueType;
import dev.switchboard.app.canonical.model.CanonicalTypes;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.sync.SyncOperations;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Maps the {@code attributes} of one upsert type ({@code contact}, {@code company}, {@code deal}) onto the spine:
 * validates them (a 4xx {@link ApiError} with {@code error_code} and {@code field} for the first thing wrong, before
 * anything is written), names the natural key the idempotency key is made of, and says how the record is written.
 */
interface UpsertMapper {
  CanonicalTypes TYPES = CanonicalTypes.standard();

  /** The request's type ({@code company}). */
  String type();

  /** How the natural key is formed, for the answer to a key that does not match. */
  String naturalKeyRule();

  /** The mapped request, or an {@link ApiError}. */
  Command map(Request request);

  /** What a mapper is given: the tenant, the connection written to and the request's attributes. */
  record Request(String tenantId, Connection target, Map<String, Object> attributes, String correlationId,
      CleanContext context) {}

  /**
   * A mapped request.
   *
   * @param naturalKey what identifies the record (the idempotency key is {@code sha256(tenant_id + system + type +
   *                   naturalKey)})
   * @param canonical  the request as the spine will take it: a repeat with the same canonical form is a no-op
   * @param write      applies it to the spine (and the CRM)
   */
  record Command(String naturalKey, Map<String, Object> canonical, Supplier<SyncOperations.UpsertResult> write) {}

  /** The canonical value of {@code raw} as {@code field} of {@code type}, or a 400 naming {@code attribute}. */
  static Object clean(String type, String field, @Nullable Object raw, CleanContext context, String attribute) {
    ValueType t = TYPES.type(type).field(field).orElseThrow().type();
    try {
      var value = t.clean(raw, context);
      return value.isEmpty() ? "" : UpsertJson.plain(t.toJson(value));
    } catch (CanonicalException e) {
      throw new ApiError(HttpStatus.BAD_REQUEST, e.code(), "attributes." + attribute, e.getMessage());
    }
  }

  /** A 400 {@code unknown_field} naming the attribute and the accepted ones. */
  static ApiError unknown(String attribute, Set<String> accepted) {
    return new ApiError(HttpStatus.BAD_REQUEST, "unknown_field", "attributes." + attribute,
        "unknown attribute; accepted: " + List.copyOf(new TreeSet<>(accepted)));
  }

  /** The attribute as text (trimmed), or a 400 {@code invalid_value} when it is not a string. */
  static @Nullable String text(Map<String, Object> attributes, String name) {
    Object v = attributes.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "attributes." + name, "must be a string");
    }
    return s.trim();
  }
}
