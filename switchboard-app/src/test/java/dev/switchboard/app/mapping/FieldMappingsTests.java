package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical fields a system receives come from its mapping files. */
class FieldMappingsTests {

  /**
   * HubSpot's activities receive what its five engagement files write, and the {@code kind} those files read as a
   * constant: a new activity is created as the engagement type of its kind, so its desired values carry it.
   */
  @Test
  void hubspotActivitiesReceiveWhatTheEngagementFilesWriteAndTheirKind() {
    FieldMappings mappings = new FieldMappings();
    assertThat(mappings.fieldsFor("hubspot", FieldMappings.ACTIVITY, Map.of())).containsExactlyInAnyOrder("kind",
        "subject", "body", "direction", "startAt", "endAt", "dueAt", "location", "status", "priority",
        FieldMappings.OWNER);
    assertThat(mappings.fieldsFor("mailchimp", FieldMappings.ACTIVITY, Map.of())).as("no file maps it").isEmpty();
    assertThat(mappings.fieldsFor("hubspot", "company", Map.of())).as("a type without subtypes")
        .doesNotContain("kind").contains("name");
  }
}
