package dev.switchboard.app.e2e;

import dev.switchboard.sandbox.SandboxServer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** Talks to the sandbox the way a user (or the vendor's UI) would, and to its control endpoints. */
final class Vendors {
  static final String HUBSPOT_TOKEN = "pat-sandbox-hubspot";
  static final String MAILCHIMP_KEY = "sandboxkey0000000000000000000000-us21";
  static final String LIST = "sandboxlist1";

  final SandboxServer sandbox;
  final RestClient hubspot;
  final RestClient mailchimp;
  final RestClient control;

  Vendors(SandboxServer sandbox) {
    this.sandbox = sandbox;
    this.hubspot = RestClient.builder().baseUrl(sandbox.baseUrl() + "/hubspot")
        .defaultHeader("Authorization", "Bearer " + HUBSPOT_TOKEN)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {}).build();
    this.mailchimp = RestClient.builder().baseUrl(sandbox.baseUrl() + "/mailchimp/3.0")
        .defaultHeaders(h -> h.setBasicAuth("anystring", MAILCHIMP_KEY))
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {}).build();
    this.control = RestClient.builder().baseUrl(sandbox.baseUrl() + "/_sandbox").build();
  }

  @SuppressWarnings("unchecked")
  String createHubSpotContact(Map<String, String> properties) {
    var res = hubspot.post().uri("/crm/v3/objects/contacts").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", properties)).retrieve().toEntity(Map.class);
    if (!res.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException("sandbox HubSpot refused the create: " + res.getStatusCode() + " " + res.getBody());
    }
    return String.valueOf(res.getBody().get("id"));
  }

  /** A company created through HubSpot's API; returns its id. */
  String createHubSpotCompany(Map<String, String> properties) {
    var res = hubspot.post().uri("/crm/v3/objects/companies").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", properties)).retrieve().toEntity(Map.class);
    if (!res.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException("sandbox HubSpot refused the create: " + res.getStatusCode() + " " + res.getBody());
    }
    return String.valueOf(res.getBody().get("id"));
  }

  /** A contact created with {@code companyId} as its primary company (one call, as HubSpot's create allows). */
  String createHubSpotContactAt(String companyId, Map<String, String> properties) {
    var res = hubspot.post().uri("/crm/v3/objects/contacts").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", properties, "associations", List.of(Map.of("to", Map.of("id", companyId),
            "types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 1))))))
        .retrieve().toEntity(Map.class);
    if (!res.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException("sandbox HubSpot refused the create: " + res.getStatusCode() + " " + res.getBody());
    }
    return String.valueOf(res.getBody().get("id"));
  }

  /** Makes {@code companyId} the contact's primary company (HubSpot's association type 1). */
  void associateHubSpotContact(String contactId, String companyId) {
    var res = hubspot.put().uri("/crm/v4/objects/contacts/{c}/associations/companies/{co}", contactId, companyId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 1)))
        .retrieve().toBodilessEntity();
    if (!res.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException("sandbox HubSpot refused the association: " + res.getStatusCode());
    }
  }

  /** A person editing the company in HubSpot's UI. */
  void editHubSpotCompanyInUi(String id, Map<String, String> properties) {
    control.post().uri("/hubspot/companies/{id}/ui-edit", id).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", properties)).retrieve().toBodilessEntity();
  }

  /** An object of any CRM type ({@code meetings}, {@code notes}, …) created through HubSpot's API; returns its id. */
  @SuppressWarnings("unchecked")
  String createHubSpotObject(String type, Map<String, String> properties) {
    var res = hubspot.post().uri("/crm/v3/objects/{type}", type).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", properties)).retrieve().toEntity(Map.class);
    if (!res.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException("sandbox HubSpot refused the create: " + res.getStatusCode() + " " + res.getBody());
    }
    return String.valueOf(res.getBody().get("id"));
  }

  /** HubSpot's default association between two objects, as its UI makes one (v4 {@code associations/default}). */
  void associateHubSpotDefault(String fromType, String fromId, String toType, String toId) {
    var res = hubspot.put().uri("/crm/v4/objects/{f}/{fid}/associations/default/{t}/{tid}", fromType, fromId, toType,
        toId).retrieve().toBodilessEntity();
    if (!res.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException("sandbox HubSpot refused the association: " + res.getStatusCode());
    }
  }

  /** A person editing an object of any type in HubSpot's UI. */
  void editHubSpotObjectInUi(String type, String id, Map<String, String> properties) {
    control.post().uri("/hubspot/{type}/{id}/ui-edit", type, id).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", properties)).retrieve().toBodilessEntity();
  }

  /** Archives an object (HubSpot's DELETE: into the recycle bin). */
  void deleteHubSpotObject(String type, String id) {
    hubspot.delete().uri("/crm/v3/objects/{type}/{id}", type, id).retrieve().toBodilessEntity();
  }

  /** A person restoring an archived object from HubSpot's recycle bin (portal 1001). */
  void restoreHubSpotObject(String type, String id) {
    control.post().uri("/hubspot/{type}/{id}/restore?portalId=1001", type, id).retrieve().toBodilessEntity();
  }

  /** Sets the sandbox HubSpot's ten-second limit (HubSpot's is 100 for Free/Starter private apps). */
  void hubSpotRateLimitPer10s(int calls) {
    control.put().uri("/config").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("vendor", "hubspot", "rateLimitPer10s", calls)).retrieve().toBodilessEntity();
  }

  /** A person editing the contact in HubSpot's UI. */
  void editInHubSpotUi(String id, Map<String, String> properties) {
    control.post().uri("/hubspot/contacts/{id}/ui-edit", id).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("properties", properties)).retrieve().toBodilessEntity();
  }

  @SuppressWarnings("unchecked")
  Optional<Map<String, Object>> hubSpotContactByEmail(String email) {
    var res = hubspot.get().uri("/crm/v3/objects/contacts/{email}?idProperty=email&properties=email,firstname,lastname,phone,company,hs_object_id", email)
        .retrieve().toEntity(Map.class);
    return res.getStatusCode().is2xxSuccessful() ? Optional.of((Map<String, Object>) res.getBody().get("properties")) : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  long hubSpotContactsWithEmail(String email) {
    Map<String, Object> r = hubspot.post().uri("/crm/v3/objects/contacts/search").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("filterGroups", List.of(Map.of("filters", List.of(Map.of("propertyName", "email", "operator", "EQ", "value", email))))))
        .retrieve().body(Map.class);
    return ((Number) r.get("total")).longValue();
  }

  /** The properties of a HubSpot company (name, domain, address, employees). */
  @SuppressWarnings("unchecked")
  Map<String, Object> hubSpotCompany(String id) {
    return (Map<String, Object>) hubSpotObject("companies", id,
        "name,domain,website,phone,city,state,zip,country,numberofemployees", "").get("properties");
  }

  /** A HubSpot object of {@code type} ({@code deals}) with these properties and associated types (comma-separated). */
  @SuppressWarnings("unchecked")
  Map<String, Object> hubSpotObject(String type, String id, String properties, String associations) {
    return hubspot.get().uri(b -> {
      b.path("/crm/v3/objects/{type}/{id}").queryParam("properties", properties);
      if (!associations.isEmpty()) {
        b.queryParam("associations", associations);
      }
      return b.build(type, id);
    }).retrieve().body(Map.class);
  }

  long hubSpotCompaniesWithDomain(String domain) {
    Map<String, Object> r = hubspot.post().uri("/crm/v3/objects/companies/search").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("filterGroups", List.of(Map.of("filters", List.of(Map.of("propertyName", "domain", "operator", "EQ", "value", domain))))))
        .retrieve().body(Map.class);
    return ((Number) r.get("total")).longValue();
  }

  @SuppressWarnings("unchecked")
  Optional<Map<String, Object>> mailchimpMember(String email) {
    var res = mailchimp.get().uri("/lists/{list}/members/{hash}", LIST, md5(email)).retrieve().toEntity(Map.class);
    return res.getStatusCode().is2xxSuccessful() ? Optional.of(res.getBody()) : Optional.empty();
  }

  /** A person editing the member in Mailchimp's UI. */
  void editInMailchimpUi(String email, Map<String, Object> change) {
    control.post().uri("/mailchimp/members/{email}/ui-edit", email).contentType(MediaType.APPLICATION_JSON)
        .body(change).retrieve().toBodilessEntity();
  }

  void faults(Map<String, Object> faults) {
    control.post().uri("/faults").contentType(MediaType.APPLICATION_JSON).body(faults).retrieve().toBodilessEntity();
  }

  void clearFaults() {
    control.delete().uri("/faults").retrieve().toBodilessEntity();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> counters() {
    return control.get().uri("/counters").retrieve().body(Map.class);
  }

  /** The write calls (not GET, search or batch read) to {@code vendor} by endpoint: says which write a count missed. */
  @SuppressWarnings("unchecked")
  Map<String, Long> writesByEndpoint(String vendor) {
    Map<String, Object> v = (Map<String, Object>) counters().get(vendor);
    Map<String, Long> out = new java.util.TreeMap<>();
    if (v != null) {
      ((Map<String, Object>) v.getOrDefault("byEndpoint", Map.of())).forEach((k, n) -> {
        if (!k.startsWith("GET") && !k.endsWith("/search") && !k.endsWith("/batch/read")) {
          out.put(k, ((Number) n).longValue());
        }
      });
    }
    return out;
  }

  /** Calls to {@code endpoint} (e.g. {@code "POST /crm/v3/objects/contacts/batch/upsert"}) at {@code vendor}. */
  @SuppressWarnings("unchecked")
  long calls(String vendor, String endpoint) {
    Map<String, Object> v = (Map<String, Object>) counters().get(vendor);
    if (v == null) {
      return 0;
    }
    Map<String, Object> by = (Map<String, Object>) v.getOrDefault("byEndpoint", Map.of());
    Object n = by.get(endpoint);
    return n == null ? 0 : ((Number) n).longValue();
  }

  /** Calls that change data at {@code vendor} (reads, including HubSpot's POST search, excluded). */
  @SuppressWarnings("unchecked")
  long writes(String vendor) {
    Map<String, Object> v = (Map<String, Object>) counters().get(vendor);
    if (v == null) {
      return 0;
    }
    Map<String, Object> by = (Map<String, Object>) v.getOrDefault("byEndpoint", Map.of());
    return by.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("GET") && !e.getKey().endsWith("/search") && !e.getKey().endsWith("/batch/read"))
        .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
  }

  @SuppressWarnings("unchecked")
  long totalCalls(String vendor) {
    Map<String, Object> v = (Map<String, Object>) counters().get(vendor);
    return v == null ? 0 : ((Number) v.getOrDefault("total", 0)).longValue();
  }

  static String md5(String email) {
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest(email.toLowerCase().getBytes(StandardCharsets.UTF_8));
      return String.format("%032x", new BigInteger(1, d));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
