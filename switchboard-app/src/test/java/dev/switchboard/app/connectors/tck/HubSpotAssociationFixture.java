package dev.switchboard.app.connectors.tck;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A contact's companies through HubSpot's CRM API: a create with {@code associations} (HubSpot-defined type 1, the
 * primary company, which brings the unlabeled 279 along) and the v4 delete of every association of the pair.
 */
final class HubSpotAssociationFixture implements AssociationFixture {
  private final RestClient api;

  HubSpotAssociationFixture(HubSpotBinding.Target t) {
    this.api = RestClient.builder().baseUrl(t.base()).defaultHeader("Authorization", "Bearer " + t.token()).build();
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
    return create("contacts", Map.of("properties", Map.of("email", tagValue), "associations",
        List.of(Map.of("to", Map.of("id", targetId), "types",
            List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 1))))));
  }

  @Override
  public void remove(String fromId, String targetId) {
    api.delete().uri("/crm/v4/objects/contacts/{id}/associations/companies/{to}", fromId, targetId).retrieve()
        .toBodilessEntity();
  }

  @SuppressWarnings("unchecked")
  private String create(String path, Map<String, Object> body) {
    Map<String, Object> r = api.post().uri("/crm/v3/objects/{type}", path).contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().body(Map.class);
    return String.valueOf(r.get("id"));
  }
}
