package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The engagement types for the TCK: how each maps canonical fields to HubSpot properties for the fixture's own
 * creates and edits, its generic webhook type id, a value HubSpot refuses for one input alone (a date that is none:
 * 400 VALIDATION_ERROR, INVALID_DATE), and its association with a contact as the association contract makes it.
 */
final class HubSpotEngagementFixtures {
  private HubSpotEngagementFixtures() {}

  static final HubSpotFixture.Kind MEETINGS = HubSpotFixture.Kind.generic("meetings", Map.of("subject",
      "hs_meeting_title", "body", "hs_meeting_body", "startAt", "hs_meeting_start_time", "endAt",
      "hs_meeting_end_time", "location", "hs_meeting_location"), "hs_meeting_body",
      subject -> refused("meeting", subject, "startAt"), "0-47");
  static final HubSpotFixture.Kind CALLS = HubSpotFixture.Kind.generic("calls", Map.of("subject", "hs_call_title",
      "body", "hs_call_body", "startAt", "hs_timestamp"), "hs_call_body",
      subject -> refused("call", subject, "startAt"), "0-48");
  static final HubSpotFixture.Kind EMAILS = HubSpotFixture.Kind.generic("emails", Map.of("subject",
      "hs_email_subject", "body", "hs_email_text", "startAt", "hs_timestamp"), "hs_email_text",
      subject -> refused("email", subject, "startAt"), "0-49");
  static final HubSpotFixture.Kind TASKS = HubSpotFixture.Kind.generic("tasks", Map.of("subject", "hs_task_subject",
      "body", "hs_task_body", "dueAt", "hs_timestamp"), "hs_task_body",
      subject -> refused("task", subject, "dueAt"), "0-27");
  static final HubSpotFixture.Kind NOTES = HubSpotFixture.Kind.generic("notes", Map.of("body", "hs_note_body"),
      "hs_note_body", body -> new CanonicalRecord("activity", Map.of("kind", "note", "body", body,
          "owner", "")), "0-46");

  private static CanonicalRecord refused(String kind, String subject, String dateField) {
    return new CanonicalRecord("activity", Map.of("kind", kind, "subject", subject, dateField, "not a date"));
  }

  /**
   * An engagement associated with a contact, made as a user does: the engagement, then HubSpot's default association
   * ({@code PUT /crm/v4/objects/{type}/{id}/associations/default/contacts/{contactId}}); the pair has no Primary label,
   * so the association reads as plain, labelled {@code contact}.
   */
  static final class ContactAssociation implements AssociationFixture {
    private final RestClient api;
    private final HubSpotFixture.Kind kind;
    private final String tagProperty;

    ContactAssociation(HubSpotBinding.Target t, HubSpotFixture.Kind kind, String tagField) {
      this.api = RestClient.builder().baseUrl(t.base()).defaultHeader("Authorization", "Bearer " + t.token()).build();
      this.kind = kind;
      this.tagProperty = kind.properties().get(tagField);
    }

    @Override
    public String label() {
      return "contact";
    }

    @Override
    public String targetType() {
      return "contact";
    }

    @Override
    public boolean primary() {
      return false;
    }

    @Override
    public String createTarget(String tagValue) {
      return create("contacts", Map.of("properties", Map.of("email", tagValue + "@example.com")));
    }

    @Override
    public String createWithPrimary(String tagValue, String targetId) {
      String id = create(kind.path(), Map.of("properties", Map.of(tagProperty, tagValue,
          "hs_timestamp", "2025-03-03T15:00:00Z")));
      api.put().uri("/crm/v4/objects/{type}/{id}/associations/default/contacts/{to}", kind.path(), id, targetId)
          .retrieve().toBodilessEntity();
      return id;
    }

    @Override
    public void remove(String fromId, String targetId) {
      api.delete().uri("/crm/v4/objects/{type}/{id}/associations/contacts/{to}", kind.path(), fromId, targetId)
          .retrieve().toBodilessEntity();
    }

    @SuppressWarnings("unchecked")
    private String create(String path, Map<String, Object> body) {
      Map<String, Object> r = api.post().uri("/crm/v3/objects/{type}", path).contentType(MediaType.APPLICATION_JSON)
          .body(body).retrieve().body(Map.class);
      return String.valueOf(r.get("id"));
    }
  }

  static List<HubSpotFixture.Kind> all() {
    return List.of(MEETINGS, CALLS, EMAILS, TASKS, NOTES);
  }
}
