package dev.switchboard.sandbox.square;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * In-memory Square customers. Contracts: ids are opaque 26-char strings; {@code version} starts at 0 and grows
 * by one per update; an update/delete carrying a stale {@code version} fails with 409 {@code CONFLICT};
 * a create needs one of given_name, family_name, company_name, email_address, phone_number; a create repeating
 * an idempotency key returns the customer first created with it. Every change fires
 * {@code customer.created|updated|deleted} to its merchant's webhooks. One per merchant ({@link SquareMerchant}).
 */
final class SquareCustomerStore {

  static final List<String> FIELDS = List.of("given_name", "family_name", "nickname", "company_name", "email_address",
      "address", "phone_number", "birthday", "reference_id", "note", "tax_ids");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final Map<String, Map<String, Object>> customers = new LinkedHashMap<>();
  private final Map<String, Instant> createdAt = new HashMap<>();
  private final Map<String, String> idempotency = new HashMap<>();
  private final ChangeClock clock;
  private final SquareWebhooks webhooks;

  SquareCustomerStore(ChangeClock clock, SquareWebhooks webhooks) {
    this.clock = clock;
    this.webhooks = webhooks;
  }

  synchronized Map<String, Object> create(Map<String, Object> in, String idempotencyKey) {
    return create(in, idempotencyKey, true);
  }

  /** As {@link #create(Map, String)}; {@code fire=false} (sandbox seeding) sends no webhook. */
  synchronized Map<String, Object> create(Map<String, Object> in, String idempotencyKey, boolean fire) {
    if (idempotencyKey != null && idempotency.containsKey(idempotencyKey)) {
      Map<String, Object> prior = customers.get(idempotency.get(idempotencyKey));
      if (prior != null) {
        return copy(prior);
      }
    }
    if (List.of("given_name", "family_name", "company_name", "email_address", "phone_number").stream()
        .allMatch(f -> in.get(f) == null || in.get(f).toString().isBlank())) {
      throw SquareException.invalid("BAD_REQUEST", "At least one of the following fields must be set: given_name, "
          + "family_name, company_name, email_address, or phone_number.", null);
    }
    validate(in);
    Instant now = clock.nextChange();
    Map<String, Object> c = new LinkedHashMap<>();
    String id = Sq.id("");
    c.put("id", id);
    c.put("created_at", Sq.ts(now));
    c.put("updated_at", Sq.ts(now));
    apply(c, in);
    c.put("preferences", Map.of("email_unsubscribed", false));
    c.put("creation_source", "THIRD_PARTY");
    c.put("version", 0L);
    customers.put(id, c);
    createdAt.put(id, now);
    if (idempotencyKey != null) {
      idempotency.put(idempotencyKey, id);
    }
    if (fire) {
      webhooks.fire("customer.created", "customer", id, copy(c));
    }
    return copy(c);
  }

  synchronized Map<String, Object> get(String id) {
    Map<String, Object> c = customers.get(id);
    if (c == null) {
      throw SquareException.notFound("Customer", id);
    }
    return copy(c);
  }

  /** Sparse update: fields present are set, fields given as JSON null are removed. */
  synchronized Map<String, Object> update(String id, Map<String, Object> in) {
    Map<String, Object> c = customers.get(id);
    if (c == null) {
      throw SquareException.notFound("Customer", id);
    }
    checkVersion(c, in.get("version"));
    validate(in);
    apply(c, in);
    c.put("updated_at", Sq.ts(clock.nextChange()));
    c.put("version", ((Number) c.get("version")).longValue() + 1);
    webhooks.fire("customer.updated", "customer", id, copy(c));
    return copy(c);
  }

  synchronized void delete(String id, Object version) {
    Map<String, Object> c = customers.get(id);
    if (c == null) {
      throw SquareException.notFound("Customer", id);
    }
    checkVersion(c, version);
    customers.remove(id);
    createdAt.remove(id);
    webhooks.fire("customer.deleted", "customer", id, copy(c));
  }

  /** Customers matching {@code filter}, sorted by {@code field} (DEFAULT = names then email; CREATED_AT). */
  synchronized List<Map<String, Object>> find(Predicate<Map<String, Object>> filter, String field, boolean desc) {
    Comparator<Map<String, Object>> byCreated = Comparator.comparing((Map<String, Object> c) -> createdAt.get((String) c.get("id")))
        .thenComparing(c -> (String) c.get("id"));
    Comparator<Map<String, Object>> cmp = "CREATED_AT".equals(field) ? byCreated
        : Comparator.comparing((Map<String, Object> c) -> sortName(c)).thenComparing(byCreated);
    List<Map<String, Object>> out = new ArrayList<>();
    customers.values().stream().filter(filter).sorted(desc ? cmp.reversed() : cmp).forEach(c -> out.add(copy(c)));
    return out;
  }

  synchronized int size() {
    return customers.size();
  }

  private static String sortName(Map<String, Object> c) {
    return (String.valueOf(c.getOrDefault("given_name", "")) + " " + c.getOrDefault("family_name", "") + " "
        + c.getOrDefault("company_name", "") + " " + c.getOrDefault("email_address", "")).toLowerCase();
  }

  private static void checkVersion(Map<String, Object> c, Object version) {
    if (version != null && Long.parseLong(version.toString()) != ((Number) c.get("version")).longValue()) {
      throw SquareException.conflict("Version mismatch: the customer was updated by another request (current version "
          + c.get("version") + ").", "version");
    }
  }

  private static void validate(Map<String, Object> in) {
    Object email = in.get("email_address");
    if (email != null && !email.toString().isEmpty() && !EMAIL.matcher(email.toString()).matches()) {
      throw SquareException.invalid("INVALID_EMAIL_ADDRESS", "Expected email_address to be a valid email address.", "email_address");
    }
    Object phone = in.get("phone_number");
    if (phone != null && !phone.toString().matches("[+0-9()\\-. ]{0,30}")) {
      throw SquareException.invalid("INVALID_PHONE_NUMBER", "Expected phone_number to be a valid phone number.", "phone_number");
    }
  }

  private static void apply(Map<String, Object> c, Map<String, Object> in) {
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (String k : List.of("id", "created_at", "updated_at")) {
      if (c.containsKey(k)) {
        ordered.put(k, c.get(k));
      }
    }
    for (String f : FIELDS) {
      if (in.containsKey(f)) {
        if (in.get(f) != null && !"".equals(in.get(f))) {
          ordered.put(f, in.get(f));
        }
      } else if (c.containsKey(f)) {
        ordered.put(f, c.get(f));
      }
    }
    for (String k : List.of("preferences", "creation_source", "version")) {
      if (c.containsKey(k)) {
        ordered.put(k, c.get(k));
      }
    }
    c.clear();
    c.putAll(ordered);
  }

  private static Map<String, Object> copy(Map<String, Object> c) {
    return new LinkedHashMap<>(c);
  }

  synchronized void reset() {
    customers.clear();
    createdAt.clear();
    idempotency.clear();
  }
}
