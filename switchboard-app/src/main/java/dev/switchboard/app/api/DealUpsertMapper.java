package dev.switchboard.app.api;

import dev.switchboard.app.canonical.ContactCleaner;
import dev.switchboard.app.sync.SyncOperations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * {@code type: deal}. A deal is linked only (two deals may share a name), so its natural key is what the caller names
 * it by:
 *
 * <ul>
 *   <li>{@code external_id}: the CRM's id of the deal (as an earlier upsert answered it); it must be linked here;</li>
 *   <li>else the deal's name, trimmed, whitespace runs as one space, lower-cased, then {@code |} and its first
 *       association: the contact's lower-cased e-mail ({@code contact_email}), else {@code contact_id}, else the
 *       company's registrable domain ({@code company_domain}), else {@code company_id} — "the Acme renewal with
 *       ann@acme.com". A deal with neither is refused (422 {@code missing_natural_key}): a repeat could not be told
 *       from a second deal. Renaming such a deal is an upsert by {@code external_id}.</li>
 * </ul>
 *
 * <p>Attributes: {@code dealname}/{@code name}, {@code amount} with {@code currency} (ISO 4217; required with an amount
 * or priced lines), {@code dealstage}/{@code stage} (a canonical stage, or the id of HubSpot's default-pipeline stage:
 * {@code contractsent}), {@code pipeline}, {@code closedate} (ISO date or date-time), {@code description},
 * {@code line_items} ({@code [{name, quantity, price|unitPrice, discount, sku|product_id}]}, in order), and the
 * associations {@code contact_email} / {@code contact_id} and {@code company_domain} / {@code company_id} (ids are the
 * CRM's). A reference to a record the spine does not have is refused with 422 {@code unknown_reference} rather than
 * waiting: nothing would ever create that record, and inventing a person from an e-mail is not the deal caller's to do
 * (upsert the contact first). A record the spine has but the CRM does not hold yet is accepted: the association is
 * written once it is linked there.
 */
final class DealUpsertMapper implements UpsertMapper {
  static final Set<String> ACCEPTED = Set.of("external_id", "dealname", "name", "amount", "currency",
      "deal_currency_code", "dealstage", "stage", "pipeline", "closedate", "closeDate", "close_date", "description",
      "line_items", "lineItems", "contact_email", "contact_id", "company_domain", "company_id");
  static final Set<String> LINE_ACCEPTED = Set.of("id", "external_id", "name", "quantity", "price", "unitPrice",
      "unit_price", "discount", "sku", "product_id");
  /** What a caller's line id may be: it ends up in a CRM's unique key for the line item ({@code d<deal>#<id>}). */
  private static final java.util.regex.Pattern LINE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  /** HubSpot's default-pipeline stage ids → canonical stages (the canonical names are HubSpot's default pipeline's). */
  static final Map<String, String> HUBSPOT_STAGES = Map.of("appointmentscheduled", "appointment_scheduled",
      "qualifiedtobuy", "qualified_to_buy", "presentationscheduled", "presentation_scheduled",
      "decisionmakerboughtin", "decision_maker_bought_in", "contractsent", "contract_sent", "closedwon", "closed_won",
      "closedlost", "closed_lost");

  private final SyncOperations sync;

  DealUpsertMapper(SyncOperations sync) {
    this.sync = sync;
  }

  @Override
  public String type() {
    return "deal";
  }

  @Override
  public String naturalKeyRule() {
    return "the deal's external_id as natural key, else its lower-cased name + \"|\" + its first association "
        + "(contact_email lower-cased, contact_id, company_domain's registrable domain or company_id)";
  }

  @Override
  public Command map(Request r) {
    Map<String, Object> a = r.attributes();
    for (String name : a.keySet()) {
      if (!ACCEPTED.contains(name)) {
        throw UpsertMapper.unknown(name, ACCEPTED);
      }
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    String name = first(a, "dealname", "name");
    if (name != null) {
      fields.put("name", UpsertMapper.clean("deal", "name", UpsertMapper.text(a, name), r.context(), name));
    }
    String currency = currency(a);
    String amount = first(a, "amount");
    if (amount != null && a.get(amount) != null && !"".equals(a.get(amount))) {
      fields.put("amount", money("deal", "amount", a.get(amount), currency, r, "amount"));
    }
    String stage = first(a, "dealstage", "stage");
    if (stage != null) {
      fields.put("stage", stage(UpsertMapper.text(a, stage), r, stage));
    }
    if (a.containsKey("pipeline")) {
      fields.put("pipeline", UpsertMapper.clean("deal", "pipeline", UpsertMapper.text(a, "pipeline"), r.context(),
          "pipeline"));
    }
    String close = first(a, "closedate", "closeDate", "close_date");
    if (close != null) {
      fields.put("closeDate", UpsertMapper.clean("deal", "closeDate", UpsertMapper.text(a, close), r.context(), close));
    }
    if (a.containsKey("description")) {
      fields.put("description", UpsertMapper.clean("deal", "description", UpsertMapper.text(a, "description"),
          r.context(), "description"));
    }
    String lines = first(a, "line_items", "lineItems");
    if (lines != null) {
      fields.put("lines", lines(a.get(lines), currency, r, lines));
    }

    // associations: what they name must exist in the spine
    List<String> contacts = null;
    String contactKey = null;
    String email = UpsertMapper.text(a, "contact_email");
    String contactId = UpsertMapper.text(a, "contact_id");
    if (email != null && !email.isEmpty()) {
      String cleaned = ContactCleaner.email(email);
      if (!ContactCleaner.isValidEmail(cleaned)) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_email", "attributes.contact_email",
            "contact_email is not a valid address");
      }
      contacts = List.of(sync.contactByEmail(r.tenantId(), cleaned).orElseThrow(() -> unknown("contact_email",
          "no contact has this e-mail: upsert the contact first")));
      contactKey = cleaned;
    } else if (contactId != null && !contactId.isEmpty()) {
      contacts = List.of(sync.linked(r.tenantId(), r.target(), "contact", contactId).orElseThrow(() ->
          unknown("contact_id", "no contact of this connection has this id")));
      contactKey = contactId;
    }
    String company = null;
    String companyKey = null;
    String domain = UpsertMapper.text(a, "company_domain");
    String companyId = UpsertMapper.text(a, "company_id");
    if (domain != null && !domain.isEmpty()) {
      String registrable;
      try {
        registrable = CompanyUpsertMapper.naturalKey(domain);
      } catch (ApiError e) {
        throw new ApiError(e.status, e.errorCode, "attributes.company_domain", e.getMessage());
      }
      company = sync.companyByDomain(r.tenantId(), registrable).orElseThrow(() -> unknown("company_domain",
          "no company has this domain: upsert the company first"));
      companyKey = registrable;
    } else if (companyId != null && !companyId.isEmpty()) {
      company = sync.linked(r.tenantId(), r.target(), "company", companyId).orElseThrow(() ->
          unknown("company_id", "no company of this connection has this id"));
      companyKey = companyId;
    }

    String canonicalId = null;
    String naturalKey;
    String externalId = UpsertMapper.text(a, "external_id");
    if (externalId != null && !externalId.isEmpty()) {
      canonicalId = sync.linked(r.tenantId(), r.target(), "deal", externalId).orElseThrow(() ->
          unknown("external_id", "no deal of this connection has this id"));
      naturalKey = externalId;
    } else {
      String plainName = name == null ? null : UpsertMapper.text(a, name);
      if (plainName == null || plainName.isBlank()) {
        throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "missing_natural_key", "attributes.dealname",
            "a deal without external_id is named by its dealname and its contact or company");
      }
      String association = contactKey != null ? contactKey : companyKey;
      if (association == null) {
        throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "missing_natural_key", "attributes.contact_email",
            "a deal without external_id is named by its dealname and its contact (contact_email, contact_id) or "
                + "company (company_domain, company_id)");
      }
      naturalKey = plainName.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT) + "|" + association;
    }
    Map<String, Object> canonical = new LinkedHashMap<>(fields);
    canonical.put("_contacts", contacts);
    canonical.put("_company", company);
    canonical.put("_deal", canonicalId);
    SyncOperations.DealUpsert deal = new SyncOperations.DealUpsert(canonicalId, naturalKey, fields, contacts, company);
    return new Command(naturalKey, canonical,
        () -> sync.upsertDeal(r.tenantId(), r.target(), deal, r.correlationId()));
  }

  private static ApiError unknown(String attribute, String message) {
    return new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference", "attributes." + attribute, message);
  }

  /** The first of {@code names} the attributes carry, or null. */
  private static @Nullable String first(Map<String, Object> a, String... names) {
    for (String n : names) {
      if (a.containsKey(n)) {
        return n;
      }
    }
    return null;
  }

  private static @Nullable String currency(Map<String, Object> a) {
    String key = first(a, "currency", "deal_currency_code");
    String c = key == null ? null : UpsertMapper.text(a, key);
    return c == null || c.isEmpty() ? null : c;
  }

  /** An amount and the deal's currency as canonical money (a 400 naming the attribute at fault). */
  private static Object money(String type, String field, Object raw, @Nullable String currency, Request r,
      String attribute) {
    if (currency == null) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "attributes.currency",
          "currency (ISO 4217) is required with an amount or a price");
    }
    if (!(raw instanceof String) && !(raw instanceof Number)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_number", "attributes." + attribute, "must be a number");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(String.valueOf(raw).trim());
    } catch (NumberFormatException e) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_number", "attributes." + attribute, "must be a number");
    }
    if (value.signum() < 0) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "attributes." + attribute, "must not be negative");
    }
    Object money = UpsertMapper.clean(type, field, Map.of("amount", value.toPlainString(), "currency", currency),
        r.context(), attribute);
    return money;
  }

  /** quantity × unit price − discount, when all are numbers and the result is not negative. */
  private static java.util.Optional<String> lineAmount(Object quantity, Object price, @Nullable Object discount) {
    try {
      BigDecimal total = new BigDecimal(String.valueOf(quantity).trim())
          .multiply(new BigDecimal(String.valueOf(price).trim()))
          .subtract(discount == null ? BigDecimal.ZERO : new BigDecimal(String.valueOf(discount).trim()));
      return total.signum() < 0 ? java.util.Optional.empty() : java.util.Optional.of(total.toPlainString());
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** A canonical stage, or one of HubSpot's default-pipeline stage ids; anything else is a 422 unknown_stage. */
  private static Object stage(@Nullable String raw, Request r, String attribute) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    String mapped = HUBSPOT_STAGES.getOrDefault(raw.toLowerCase(Locale.ROOT), raw);
    try {
      return UpsertMapper.clean("deal", "stage", mapped, r.context(), attribute);
    } catch (ApiError e) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_stage", "attributes." + attribute,
          "unknown stage; accepted: " + List.copyOf(new java.util.TreeSet<>(HUBSPOT_STAGES.values()))
              + " or HubSpot's default-pipeline ids " + List.copyOf(new java.util.TreeSet<>(HUBSPOT_STAGES.keySet())));
    }
  }

  /**
   * A line's id: the caller's {@code id} (or {@code external_id}), else {@code api_} and a hash of its SKU, product id
   * or name (lower-cased), with {@code _2}, {@code _3}… for the second and later lines of the same; unique in the deal.
   */
  private static String lineId(Map<String, Object> in, Set<String> taken, String at) {
    String key = in.get("id") != null ? "id" : in.get("external_id") != null ? "external_id" : null;
    if (key != null) {
      String id = String.valueOf(in.get(key)).strip();
      if (!LINE_ID.matcher(id).matches()) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "attributes." + at + "." + key,
            "a line id is 1 to 64 letters, digits or _ . : -");
      }
      if (!taken.add(id)) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "attributes." + at + "." + key,
            "two line items of the deal have this id");
      }
      return id;
    }
    String basis = java.util.stream.Stream.of("sku", "product_id", "name").map(k -> UpsertMapper.text(in, k))
        .filter(t -> t != null && !t.isBlank()).findFirst().orElse("").strip().toLowerCase(java.util.Locale.ROOT);
    String base;
    try {
      base = "api_" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(basis.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JVM has SHA-256
    }
    String id = base;
    for (int n = 2; !taken.add(id); n++) {
      id = base + "_" + n;
    }
    return id;
  }

  /** The request's line items as the deal's ordered lines, each validated as the canonical line item. */
  private Object lines(Object raw, @Nullable String currency, Request r, String attribute) {
    if (!(raw instanceof List<?> list)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "attributes." + attribute, "must be a list");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = attribute + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "attributes." + at, "a line item is an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> in = (Map<String, Object>) m;
      for (String k : in.keySet()) {
        if (!LINE_ACCEPTED.contains(k)) {
          throw UpsertMapper.unknown(at + "." + k, LINE_ACCEPTED);
        }
      }
      Map<String, Object> line = new LinkedHashMap<>();
      // the line's id links it to the line item a CRM keeps for it (HubSpot's key d<deal>#<id>), so the line is read
      // back with the id it was written with: the caller's, or one made of what the line is (not of its position, so
      // that reordering or removing a line does not rewrite the line items after it)
      line.put("id", lineId(in, ids, at));
      String lineName = UpsertMapper.text(in, "name");
      if (lineName != null && !lineName.isEmpty()) {
        line.put("name", UpsertMapper.clean("line_item", "name", lineName, r.context(), at + ".name"));
      }
      if (in.get("quantity") == null) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "attributes." + at + ".quantity",
            "a line item needs its quantity");
      }
      Object quantity = in.get("quantity") instanceof Number n ? n.toString() : in.get("quantity");
      line.put("quantity", UpsertMapper.clean("line_item", "quantity", quantity, r.context(), at + ".quantity"));
      String priceKey = first(in, "price", "unitPrice", "unit_price");
      if (priceKey != null && in.get(priceKey) != null) {
        line.put("unitPrice", money("line_item", "unitPrice", in.get(priceKey), currency, r, at + "." + priceKey));
      }
      if (in.get("discount") != null) {
        line.put("discount", money("line_item", "discount", in.get("discount"), currency, r, at + ".discount"));
      }
      if (priceKey != null && in.get(priceKey) != null) {
        // the line's total as the caller stated it: quantity × unit price − discount (what a CRM calculates and reads
        // back as the line's amount); left out when it does not fit the currency's scale
        lineAmount(quantity, in.get(priceKey), in.get("discount")).ifPresent(total -> {
          try {
            line.put("amount", money("line_item", "amount", total, currency, r, at + ".amount"));
          } catch (ApiError e) {
            // more decimals than the currency has (a unit price of 6 decimals): no amount is stated
          }
        });
      }
      String sku = UpsertMapper.text(in, "sku");
      String productId = UpsertMapper.text(in, "product_id");
      String product = null;
      if (productId != null && !productId.isEmpty()) {
        product = sync.linked(r.tenantId(), r.target(), "product", productId).orElseThrow(() ->
            unknown(at + ".product_id", "no product of this connection has this id"));
      } else if (sku != null && !sku.isEmpty()) {
        product = sync.productBySku(r.tenantId(), sku).orElseThrow(() ->
            unknown(at + ".sku", "no product (or more than one) has this SKU"));
      }
      if (product != null) {
        line.put("product", Map.of("type", "product", "id", product));
      } else if (!line.containsKey("name")) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "attributes." + at + ".name",
            "a line item needs a name or a product (sku, product_id)");
      }
      line.put("position", i + 1);
      out.add(line);
    }
    return UpsertMapper.clean("deal", "lines", out, r.context(), attribute);
  }
}
