package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.support.FakeVendor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each engagement kind's mapping, read from a HubSpot object fixture (hubspot/engagements/*.json) and written back:
 * the properties HubSpot names, statuses onto the canonical lifecycle, the call's end from its duration, the owner's id
 * left for {@link HubSpotOwners}.
 */
class HubSpotEngagementTypeTest {

  private static JsonNode fixture(String kind) {
    return HubSpotClient.JSON.readTree(FakeVendor.fixture("hubspot/engagements/" + kind + ".json"));
  }

  private static CanonicalRecord read(HubSpotEngagementType type) {
    return type.toCanonical(fixture(type.kind()), Map.of());
  }

  @Test
  void aMeeting() {
    assertThat(read(HubSpotEngagementType.MEETING).fields()).containsOnly(
        entry("kind", "meeting"), entry("subject", "Renewal review"),
        entry("body", "<p>Agenda: pricing, timeline</p>"),
        entry("startAt", "2025-03-03T15:00:00Z"), entry("endAt", "2025-03-03T15:30:00Z"), entry("location", "Zoom"),
        entry("status", "no_show"), entry("owner", "100101"));
  }

  @Test
  void aCallEndsItsDurationAfterItsStart() {
    assertThat(read(HubSpotEngagementType.CALL).fields()).containsOnly(
        entry("kind", "call"), entry("subject", "Discovery call"), entry("body", "Asked about the annual plan."),
        entry("startAt", "2025-03-04T10:00:00Z"), entry("endAt", "2025-03-04T10:12:34Z"),
        entry("direction", "inbound"), entry("status", "no_show"), entry("owner", "100102"));
  }

  @Test
  void anEmail() {
    assertThat(read(HubSpotEngagementType.EMAIL).fields()).containsOnly(
        entry("kind", "email"), entry("subject", "Your quote"),
        entry("body", "Hi Ann,\nplease find the quote attached."), entry("startAt", "2025-03-05T08:00:00Z"),
        entry("direction", "outbound"), entry("status", "cancelled"), entry("owner", ""));
  }

  @Test
  void aNoteHasABodyAndNoDateOfItsOwn() {
    assertThat(read(HubSpotEngagementType.NOTE).fields()).containsOnly(
        entry("kind", "note"), entry("body", "Ann prefers quarterly invoices."), entry("owner", "999999"));
  }

  @Test
  void aTaskIsDueAtItsTimestamp() {
    assertThat(read(HubSpotEngagementType.TASK).fields()).containsOnly(
        entry("kind", "task"), entry("subject", "Send the renewal contract"), entry("body", ""),
        entry("dueAt", "2025-03-10T17:00:00Z"), entry("priority", "high"), entry("status", "in_progress"),
        entry("owner", "100101"));
  }

  @Test
  void eachKindReadsOnlyItsOwnProperties() {
    assertThat(HubSpotEngagementType.MEETING.readProperties(Map.of())).containsExactly("hs_meeting_title",
        "hs_meeting_body", "hs_meeting_start_time", "hs_meeting_end_time", "hs_meeting_location",
        "hs_meeting_outcome", "hubspot_owner_id", "hs_lastmodifieddate");
    assertThat(HubSpotEngagementType.CALL.readProperties(Map.of())).containsExactly("hs_call_title", "hs_call_body",
        "hs_timestamp", "hs_call_duration", "hs_call_direction", "hs_call_status", "hubspot_owner_id",
        "hs_lastmodifieddate");
    assertThat(HubSpotEngagementType.NOTE.readProperties(Map.of())).containsExactly("hs_note_body",
        "hubspot_owner_id", "hs_lastmodifieddate");
    assertThat(HubSpotEngagementType.TASK.readProperties(Map.of())).containsExactly("hs_task_subject",
        "hs_task_body", "hs_timestamp", "hs_task_priority", "hs_task_status", "hubspot_owner_id",
        "hs_lastmodifieddate");
  }

  /** What is written reads back as the same values: no echo of our own writes. */
  @Test
  void everyKindWritesWhatItReadsBack() {
    for (HubSpotEngagementType type : HubSpotEngagementType.ALL) {
      CanonicalRecord read = read(type);
      ObjectNode written = type.toProperties(read, Map.of());
      ObjectNode object = HubSpotClient.JSON.createObjectNode();
      object.put("id", "1");
      object.set("properties", written);
      Map<String, Object> back = new LinkedHashMap<>(type.toCanonical(object, Map.of()).fields());
      Map<String, Object> expected = new LinkedHashMap<>(read.fields());
      assertThat(back).as(type.kind()).isEqualTo(expected);
    }
  }

  @Test
  void theMeetingsStartIsItsActivityDateAndACallsEndItsDuration() {
    ObjectNode meeting = HubSpotEngagementType.MEETING.toProperties(read(HubSpotEngagementType.MEETING), Map.of());
    assertThat(meeting.path("hs_timestamp").asString()).isEqualTo("2025-03-03T15:00:00Z");
    assertThat(meeting.path("hs_meeting_outcome").asString()).isEqualTo("NO_SHOW");
    ObjectNode call = HubSpotEngagementType.CALL.toProperties(read(HubSpotEngagementType.CALL), Map.of());
    assertThat(call.path("hs_call_duration").asString()).isEqualTo("754000");
    assertThat(call.path("hs_call_direction").asString()).isEqualTo("INBOUND");
    assertThat(call.path("hs_call_status").asString()).isEqualTo("NO_ANSWER");
    ObjectNode email = HubSpotEngagementType.EMAIL.toProperties(new CanonicalRecord("activity",
        Map.of("kind", "email", "direction", "inbound", "status", "completed")), Map.of());
    assertThat(email.path("hs_email_direction").asString()).isEqualTo("INCOMING_EMAIL");
    assertThat(email.path("hs_email_status").asString()).isEqualTo("SENT");
  }

  @Test
  void aStatusTheKindHasNoValueForIsNotWritten() {
    assertThat(HubSpotEngagementType.TASK.accepts("status", "cancelled")).isFalse();
    assertThat(HubSpotEngagementType.TASK.accepts("status", "completed")).isTrue();
    assertThat(HubSpotEngagementType.MEETING.accepts("status", "in_progress")).isFalse();
    assertThat(HubSpotEngagementType.EMAIL.accepts("status", "no_show")).isFalse();
    assertThat(HubSpotEngagementType.NOTE.accepts("status", "planned")).isFalse();
    assertThat(HubSpotEngagementType.NOTE.accepts("direction", "inbound")).isFalse();
    ObjectNode task = HubSpotEngagementType.TASK.toProperties(new CanonicalRecord("activity",
        Map.of("kind", "task", "status", "cancelled", "subject", "x")), Map.of());
    assertThat(task.has("hs_task_status")).isFalse();
    assertThat(task.path("hs_task_subject").asString()).isEqualTo("x");
  }

  @Test
  void aCreateWithoutItsDateIsDatedByTheWrite() {
    Instant now = Instant.parse("2026-12-07T06:00:00Z");
    ObjectNode note = HubSpotEngagementType.NOTE.toProperties(new CanonicalRecord("activity",
        Map.of("kind", "note", "body", "b")), Map.of());
    HubSpotEngagementType.NOTE.completeCreate(note, now);
    assertThat(note.path("hs_timestamp").asString()).isEqualTo("2026-12-07T06:00:00Z");
    ObjectNode task = HubSpotEngagementType.TASK.toProperties(new CanonicalRecord("activity",
        Map.of("kind", "task", "dueAt", "2027-01-01T09:00:00Z")), Map.of());
    HubSpotEngagementType.TASK.completeCreate(task, now);
    assertThat(task.path("hs_timestamp").asString()).as("a due date is kept").isEqualTo("2027-01-01T09:00:00Z");
  }

  @Test
  void statusValuesOutsideHubSpotsDefaultsAreLeftOut() {
    ObjectNode object = HubSpotClient.JSON.createObjectNode();
    object.putObject("properties").put("hs_call_status", "SOMETHING_NEW").put("hs_call_direction", "SIDEWAYS");
    assertThat(HubSpotEngagementType.CALL.toCanonical(object, Map.of()).fields()).containsOnlyKeys("kind");
  }

  /** A field is dated by the properties it is read from: a call's start by its date alone, its end by both. */
  @Test
  void eachFieldIsDatedByThePropertiesItIsReadFrom() {
    assertThat(HubSpotEngagementType.CALL.fieldSources(Map.of())).containsEntry("startAt", List.of("hs_timestamp"))
        .containsEntry("endAt", List.of("hs_timestamp", "hs_call_duration")).doesNotContainKey("kind");
    assertThat(HubSpotEngagementType.MEETING.fieldSources(Map.of()))
        .containsEntry("startAt", List.of("hs_meeting_start_time")).containsEntry("status",
            List.of("hs_meeting_outcome"));
    assertThat(HubSpotEngagementType.NOTE.fieldSources(Map.of())).containsOnlyKeys("body", "owner");
  }

  /** HubSpot's {@code NONE} is no priority: read as empty, written for an empty one; a priority is a task's only. */
  @Test
  void aTaskWithoutPriorityIsNone() {
    ObjectNode object = HubSpotClient.JSON.createObjectNode();
    object.putObject("properties").put("hs_task_priority", "NONE");
    assertThat(HubSpotEngagementType.TASK.toCanonical(object, Map.of()).fields()).containsEntry("priority", "");
    assertThat(HubSpotEngagementType.TASK.toProperties(new CanonicalRecord("activity", Map.of("kind", "task",
        "priority", "")), Map.of()).path("hs_task_priority").asString()).isEqualTo("NONE");
    assertThat(HubSpotEngagementType.TASK.accepts("priority", "high")).isTrue();
    assertThat(HubSpotEngagementType.CALL.accepts("priority", "high")).isFalse();
    assertThat(HubSpotEngagementType.CALL.accepts("subject", "anything")).isTrue();
    assertThat(HubSpotEngagementType.NOTE.accepts("kind", "note")).as("the kind routes a create").isTrue();
  }

  /** A date HubSpot would not hold is left out, never guessed; the rest of the object is read. */
  @Test
  void aDateThatIsNoneIsLeftOut() {
    ObjectNode object = HubSpotClient.JSON.createObjectNode();
    object.putObject("properties").put("hs_meeting_start_time", "next tuesday").put("hs_meeting_title", "T");
    assertThat(HubSpotEngagementType.MEETING.toCanonical(object, Map.of()).fields()).containsOnlyKeys("kind",
        "subject");
  }

  /** What a create must carry comes from the file: every kind's {@code hs_timestamp}. */
  @Test
  void everyKindRequiresItsActivityDateAtCreate() {
    for (HubSpotEngagementType type : HubSpotEngagementType.ALL) {
      assertThat(type.requiredAtCreate()).as(type.kind()).containsExactly("hs_timestamp");
    }
  }

  /** A value the file cannot write refuses that write alone, before any call, naming the field and not the value. */
  @Test
  void aValueTheFileCannotWriteRefusesThatWriteAlone() {
    dev.switchboard.app.connectors.WriteResult.Rejected refused = HubSpotEngagementType.TASK.refusal(
        new dev.switchboard.app.connectors.WriteRequest(7, null, new CanonicalRecord("activity", Map.of("kind", "task",
            "subject", "s", "dueAt", "next tuesday")), "k"));
    assertThat(refused).isNotNull();
    assertThat(refused.ref()).isEqualTo(7);
    assertThat(refused.errorCode()).isEqualTo("invalid_value");
    assertThat(refused.field()).isEqualTo("dueAt");
    assertThat(refused.message()).doesNotContain("next tuesday");
    assertThat(HubSpotEngagementType.TASK.refusal(new dev.switchboard.app.connectors.WriteRequest(8, null,
        new CanonicalRecord("activity", Map.of("kind", "task", "dueAt", "2027-01-01T09:00:00Z")), "k"))).isNull();
  }
}
