package dev.switchboard.app.connectors.tck;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A contact's (or a deal's) companies through HubSpot's CRM API: a create with {@code associations} (HubSpot-defined
 * type 1, a contact's primary company, or 5, a deal's, which brings the unlabeled one along) and the v4 delete of
 * every association of the pair.
 */
final class HubSpotAssociationFixture implements AssociationFixture {
  private final RestClient api;
  private final String fromPath;
  private final String tagProperty;
  private final int primaryTypeId;

  /** A contact's companies. */
  HubSpotAssociationFixture(HubSpotBinding.Target t) {
    this(t, "contacts", "email", 1);
  }

  /** The companies of objects at {@code fromPath}, named by {@code tagProperty}, primary by {@code primaryTypeId}. */
  HubSpotAssociationFixture(HubSpotBinding.Target t, String fromPath, String tagProperty, int primaryTypeId) {
    this.api = RestClient.builder().baseUrl(t.base()).defaultHeader("Authorization", "Bearer " + t.token()).build();
    this.fromPath = fromPath;
    this.tagProperty = tagProperty;
    this.primaryTypeId = primaryTypeId;
  }

  @Override
  public String label() {
    return "company";
  }

  @Override
  public String targetType() {
    return "company";
  }

  @Override
  public String createTarget(String tagValue) {
    return create("companies", Map.of("properties", Map.of("name", tagValue)));
  }

  @Override
  public String createWithPrimary(String tagValue, String targetId) {
    return create(fromPath, Map.of("properties", Map.of(tagProperty, tagValue), "associations",
        List.of(Map.of("to", Map.of("id", targetId), "types",
            List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", primaryTypeId))))));
  }

  @Override
  public void remove(String fromId, String targetId) {
    api.delete().uri("/crm/v4/objects/{from}/{id}/associations/companies/{to}", fromPath, fromId, targetId).retrieve()
        .toBodilessEntity();
  }

  @SuppressWarnings("unchecked")
  private String create(String path, Map<String, Object> body) {
    Map<String, Object> r = api.post().uri("/crm/v3/objects/{type}", path).contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().body(Map.class);
    return String.valueOf(r.get("id"));
  }
}
