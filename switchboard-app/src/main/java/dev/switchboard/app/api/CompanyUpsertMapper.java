package dev.switchboard.app.api;

import dev.switchboard.app.canonical.CanonicalException;
import dev.switchboard.app.canonical.DomainValue;
import dev.switchboard.app.canonical.Domains;
import dev.switchboard.app.sync.SyncOperations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * {@code type: company}: natural key the company's registrable domain ({@code https://www.shop.acme.co.uk/} →
 * {@code acme.co.uk}), which is also how the spine identifies a company, so an upsert and a HubSpot company of that
 * domain are one record. A company without a domain, or with a free-mail provider's (which names no company), is
 * refused with 422: without its natural key a repeat could not be told from a second company. Attributes: HubSpot's
 * company property names and ours; the address from HubSpot's six flat properties.
 */
final class CompanyUpsertMapper implements UpsertMapper {
  /** Single-valued attributes (HubSpot's and ours) → canonical field. */
  static final Map<String, String> PLAIN = Map.ofEntries(Map.entry("name", "name"), Map.entry("domain", "domain"),
      Map.entry("website", "website"), Map.entry("phone", "phone"), Map.entry("industry", "industry"),
      Map.entry("description", "description"), Map.entry("numberofemployees", "employeeCount"),
      Map.entry("employeeCount", "employeeCount"), Map.entry("employee_count", "employeeCount"));
  /** HubSpot's address properties → the parts of the canonical address. */
  static final List<String> ADDRESS = List.of("address", "address2", "city", "state", "zip", "country");

  private final SyncOperations sync;

  CompanyUpsertMapper(SyncOperations sync) {
    this.sync = sync;
  }

  @Override
  public String type() {
    return "company";
  }

  @Override
  public String naturalKeyRule() {
    return "the company's registrable domain (lower-case, without www. or subdomains) as natural key";
  }

  @Override
  public Command map(Request request) {
    Map<String, Object> attributes = request.attributes();
    Set<String> accepted = new java.util.HashSet<>(PLAIN.keySet());
    accepted.addAll(ADDRESS);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      String field = PLAIN.get(e.getKey());
      if (field == null && !ADDRESS.contains(e.getKey())) {
        throw UpsertMapper.unknown(e.getKey(), accepted);
      }
      if (field != null) {
        Object raw = e.getValue() instanceof String s ? s.trim() : e.getValue();
        out.put(field, UpsertMapper.clean("company", field, raw, request.context(), e.getKey()));
      }
    }
    if (ADDRESS.stream().anyMatch(attributes::containsKey)) {
      out.put("address", address(request, attributes));
    }
    String naturalKey = naturalKey(UpsertMapper.text(attributes, "domain"));
    return new Command(naturalKey, out,
        () -> sync.upsert(request.tenantId(), request.target(), "company", out, request.correlationId()));
  }

  /** The registrable domain, or a 422 naming {@code attributes.domain}. */
  static String naturalKey(String domain) {
    if (domain == null || domain.isEmpty()) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "missing_natural_key", "attributes.domain",
          "a company needs its domain: it is the natural key that tells a repeat from another company");
    }
    DomainValue d;
    try {
      d = Domains.clean(domain);
    } catch (CanonicalException e) {
      throw new ApiError(HttpStatus.BAD_REQUEST, e.code(), "attributes.domain", e.getMessage());
    }
    if (d.isFreeMail()) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "free_mail_domain", "attributes.domain",
          "a free-mail provider's domain names no company; give the company's own domain");
    }
    return d.registrable();
  }

  /** HubSpot's six address properties as the canonical address (an empty one clears it). */
  private static Object address(Request request, Map<String, Object> attributes) {
    Map<String, Object> a = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    for (String line : List.of("address", "address2")) {
      String v = UpsertMapper.text(attributes, line);
      if (v != null && !v.isEmpty()) {
        lines.add(v);
      }
    }
    if (!lines.isEmpty()) {
      a.put("lines", lines);
    }
    Map<String, String> parts = Map.of("city", "city", "state", "region", "zip", "postalCode", "country", "country");
    for (String hs : List.of("city", "state", "zip", "country")) {
      String v = UpsertMapper.text(attributes, hs);
      if (v != null && !v.isEmpty()) {
        a.put(parts.get(hs), v);
      }
    }
    String at = ADDRESS.stream().filter(attributes::containsKey).findFirst().orElse("address");
    return UpsertMapper.clean("company", "address", a.isEmpty() ? null : a, request.context(), at);
  }
}
