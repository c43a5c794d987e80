package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HubSpot's engagement objects — meetings, calls, emails, notes, tasks ({@code /crm/v3/objects/meetings}, …) — each a
 * vendor type of its own ({@code meeting}, …) whose objects are all canonical {@code activity} records with
 * {@code kind} set to the type. See docs/integrations/hubspot_mapping.md ("Engagements") for the table.
 *
 * <p>Properties per kind (HubSpot's names, https://developers.hubspot.com/docs/api-reference/crm-meetings-v3/guide
 * and the calls, emails, notes and tasks guides): the subject ({@code hs_meeting_title}, {@code hs_call_title},
 * {@code hs_email_subject}, {@code hs_task_subject}; notes have none), the body ({@code hs_meeting_body},
 * {@code hs_call_body}, {@code hs_email_text}, {@code hs_note_body}, {@code hs_task_body}; HubSpot's rich-text bodies
 * are kept as HubSpot holds them), the activity date {@code hs_timestamp} (a call's and an email's {@code startAt}, a
 * task's {@code dueAt}; a meeting's start and end are {@code hs_meeting_start_time}/{@code hs_meeting_end_time}, a
 * call's end is its start plus {@code hs_call_duration} milliseconds), {@code hs_meeting_location}, the direction of
 * calls ({@code INBOUND}/{@code OUTBOUND}) and emails ({@code EMAIL} outbound; {@code INCOMING_EMAIL} and
 * {@code FORWARDED_EMAIL} inbound), and a status mapped onto the canonical lifecycle ({@link Status}). The owner
 * ({@code hubspot_owner_id}) is read as the owner's id and turned into the owner's e-mail by {@link HubSpotOwners}.
 *
 * <p>A create must carry {@code hs_timestamp} at HubSpot (it is required on every engagement): a create without the
 * date it is read from (a note has none in the canonical model) is dated by the write ({@link #completeCreate}).
 * Engagements cannot be merged at HubSpot; their last-modified property is {@code hs_lastmodifieddate}.
 */
final class HubSpotEngagementType implements HubSpotObjectType {
  static final String CANONICAL = "activity";
  static final String LAST_MODIFIED = "hs_lastmodifieddate";
  static final String TIMESTAMP = "hs_timestamp";
  static final String OWNER = HubSpotOwners.PROPERTY;

  /**
   * The object types an engagement's associations are kept with as edges: its contacts (for a meeting, call or email
   * the canonical participants, for a note or task what it is about), its companies and its deals (what it is
   * regarding). Each is labelled by the other end's canonical type ({@link HubSpotAssociations}).
   */
  static final List<String> ASSOCIATED = List.of("contacts", "companies", "deals");

  static final HubSpotEngagementType MEETING = new HubSpotEngagementType("meeting", "meetings", "0-47",
      "hs_meeting_title", "hs_meeting_body", null, "hs_meeting_outcome", Status.MEETING);
  static final HubSpotEngagementType CALL = new HubSpotEngagementType("call", "calls", "0-48", "hs_call_title",
      "hs_call_body", "hs_call_direction", "hs_call_status", Status.CALL);
  static final HubSpotEngagementType EMAIL = new HubSpotEngagementType("email", "emails", "0-49", "hs_email_subject",
      "hs_email_text", "hs_email_direction", "hs_email_status", Status.EMAIL);
  static final HubSpotEngagementType NOTE = new HubSpotEngagementType("note", "notes", "0-46", null, "hs_note_body",
      null, null, Status.NONE);
  static final HubSpotEngagementType TASK = new HubSpotEngagementType("task", "tasks", "0-27", "hs_task_subject",
      "hs_task_body", null, "hs_task_status", Status.TASK);

  /** Every engagement type, in backfill order. */
  static final List<HubSpotEngagementType> ALL = List.of(MEETING, CALL, EMAIL, NOTE, TASK);

  static final String MEETING_START = "hs_meeting_start_time";
  static final String MEETING_END = "hs_meeting_end_time";
  static final String MEETING_LOCATION = "hs_meeting_location";
  static final String CALL_DURATION = "hs_call_duration";
  static final String TASK_PRIORITY = "hs_task_priority";

  private final String kind;
  private final String path;
  private final String objectTypeId;
  private final @Nullable String subject;
  private final String body;
  private final @Nullable String direction;
  private final @Nullable String status;
  private final Status statuses;
  private final List<String> associated;

  private HubSpotEngagementType(String kind, String path, String objectTypeId, @Nullable String subject, String body,
      @Nullable String direction, @Nullable String status, Status statuses) {
    this(kind, path, objectTypeId, subject, body, direction, status, statuses, ASSOCIATED);
  }

  private HubSpotEngagementType(String kind, String path, String objectTypeId, @Nullable String subject, String body,
      @Nullable String direction, @Nullable String status, Status statuses, List<String> associated) {
    this.kind = kind;
    this.path = path;
    this.objectTypeId = objectTypeId;
    this.subject = subject;
    this.body = body;
    this.direction = direction;
    this.status = status;
    this.statuses = statuses;
    this.associated = List.copyOf(associated);
  }

  /**
   * This kind keeping associations only with those of {@link #ASSOCIATED} the connector binds ({@code bound}: paths):
   * an association with an object of a type the connector cannot read (deals, before their binding) is no edge, and
   * its other end is never read.
   */
  HubSpotEngagementType keepingOnly(java.util.Collection<String> bound) {
    return new HubSpotEngagementType(kind, path, objectTypeId, subject, body, direction, status, statuses,
        ASSOCIATED.stream().filter(bound::contains).toList());
  }

  /** Contacts, companies and deals, as far as the connector binds them ({@link #keepingOnly}). */
  @Override
  public List<String> associatedTypes() {
    return associated;
  }

  /** The canonical {@code kind} (and the vendor type): {@code meeting}, {@code call}, … */
  String kind() {
    return kind;
  }

  /** HubSpot's object type id ({@code 0-47}): what {@code object.*} webhook events name the type by. */
  String objectTypeId() {
    return objectTypeId;
  }

  @Override
  public String canonicalType() {
    return CANONICAL;
  }

  @Override
  public String vendorType() {
    return kind;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String lastModifiedProperty() {
    return LAST_MODIFIED;
  }

  /** Engagements are not mergeable at HubSpot (the merge API serves contacts, companies and deals only). */
  @Override
  public boolean mergeable() {
    return false;
  }

  @Override
  public List<String> readProperties(Map<String, String> custom) {
    List<String> props = new ArrayList<>(fieldSources(custom).values().stream().flatMap(List::stream).distinct()
        .toList());
    props.add(LAST_MODIFIED);
    return props;
  }

  /** Canonical field → the properties it is read from; a call's end from its date and duration. */
  @Override
  public Map<String, List<String>> fieldSources(Map<String, String> custom) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (subject != null) {
      out.put("subject", List.of(subject));
    }
    out.put("body", List.of(body));
    switch (kind) {
      case "meeting" -> {
        out.put("startAt", List.of(MEETING_START));
        out.put("endAt", List.of(MEETING_END));
        out.put("location", List.of(MEETING_LOCATION));
      }
      case "call" -> {
        out.put("startAt", List.of(TIMESTAMP));
        out.put("endAt", List.of(TIMESTAMP, CALL_DURATION));
      }
      case "email" -> out.put("startAt", List.of(TIMESTAMP));
      case "task" -> {
        out.put("dueAt", List.of(TIMESTAMP));
        out.put("priority", List.of(TASK_PRIORITY));
      }
      default -> { } // a note's date is not a canonical field of notes
    }
    if (direction != null) {
      out.put("direction", List.of(direction));
    }
    if (status != null) {
      out.put("status", List.of(status));
    }
    out.put("owner", List.of(OWNER));
    return out;
  }

  /**
   * A HubSpot engagement → an activity of this kind. Text properties read as trimmed text ({@code ""} when HubSpot
   * carries them empty); datetimes as instants; enumerations through {@link Status} and the direction table, a value
   * outside them left out (never guessed); the owner as HubSpot's owner id, for {@link HubSpotOwners} to resolve.
   */
  @Override
  public CanonicalRecord toCanonical(JsonNode object, Map<String, String> custom) {
    JsonNode props = object.path("properties");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", kind);
    if (subject != null && props.has(subject)) {
      fields.put("subject", HubSpotMapper.text(props.get(subject)));
    }
    if (props.has(body)) {
      fields.put("body", HubSpotMapper.text(props.get(body)));
    }
    switch (kind) {
      case "meeting" -> {
        putInstant(fields, "startAt", props, MEETING_START);
        putInstant(fields, "endAt", props, MEETING_END);
        if (props.has(MEETING_LOCATION)) {
          fields.put("location", HubSpotMapper.text(props.get(MEETING_LOCATION)));
        }
      }
      case "call" -> {
        putInstant(fields, "startAt", props, TIMESTAMP);
        if (props.has(CALL_DURATION)) {
          Instant start = HubSpotMapper.instant(props.path(TIMESTAMP));
          Long ms = millis(HubSpotMapper.text(props.get(CALL_DURATION)));
          fields.put("endAt", start == null || ms == null ? "" : start.plusMillis(ms).toString());
        }
      }
      case "email" -> putInstant(fields, "startAt", props, TIMESTAMP);
      case "task" -> {
        putInstant(fields, "dueAt", props, TIMESTAMP);
        if (props.has(TASK_PRIORITY)) {
          String p = HubSpotMapper.text(props.get(TASK_PRIORITY));
          fields.put("priority", p.isEmpty() || p.equals("NONE") ? "" : p.toLowerCase(java.util.Locale.ROOT));
        }
      }
      default -> { }
    }
    if (direction != null && props.has(direction)) {
      String d = HubSpotMapper.text(props.get(direction));
      String canonical = d.isEmpty() ? "" : directionOf(d);
      if (canonical != null) {
        fields.put("direction", canonical);
      }
    }
    if (status != null && props.has(status)) {
      String s = HubSpotMapper.text(props.get(status));
      String canonical = s.isEmpty() ? "" : statuses.read(s);
      if (canonical != null) {
        fields.put("status", canonical);
      }
    }
    if (props.has(OWNER)) {
      fields.put("owner", HubSpotMapper.text(props.get(OWNER)));
    }
    return new CanonicalRecord(CANONICAL, fields);
  }

  /**
   * An activity → this kind's properties: only fields present in {@code desired} that the kind has; {@code ""} (or
   * null) clears. A meeting's start is also its {@code hs_timestamp} (HubSpot's activity date, by which the timeline
   * orders it); a call's end becomes its duration from the start. A status or direction the kind cannot hold
   * ({@link #accepts}) is not written. The owner is written as the owner's e-mail here: {@link HubSpotOwners} turns it
   * into an owner id before the call, or leaves it out with a recorded reason.
   */
  @Override
  public ObjectNode toProperties(CanonicalRecord desired, Map<String, String> custom) {
    ObjectNode props = HubSpotClient.JSON.createObjectNode();
    if (subject != null && desired.has("subject")) {
      props.put(subject, text(desired, "subject"));
    }
    if (desired.has("body")) {
      props.put(body, text(desired, "body"));
    }
    switch (kind) {
      case "meeting" -> {
        if (desired.has("startAt")) {
          props.put(MEETING_START, text(desired, "startAt"));
          props.put(TIMESTAMP, text(desired, "startAt"));
        }
        if (desired.has("endAt")) {
          props.put(MEETING_END, text(desired, "endAt"));
        }
        if (desired.has("location")) {
          props.put(MEETING_LOCATION, text(desired, "location"));
        }
      }
      case "call" -> {
        if (desired.has("startAt")) {
          props.put(TIMESTAMP, text(desired, "startAt"));
        }
        if (desired.has("endAt")) {
          Instant start = HubSpotMapper.instant(HubSpotClient.JSON.getNodeFactory().stringNode(text(desired,
              "startAt")));
          Instant end = HubSpotMapper.instant(HubSpotClient.JSON.getNodeFactory().stringNode(text(desired, "endAt")));
          props.put(CALL_DURATION, start == null || end == null || end.isBefore(start) ? ""
              : Long.toString(Duration.between(start, end).toMillis()));
        }
      }
      case "email" -> {
        if (desired.has("startAt")) {
          props.put(TIMESTAMP, text(desired, "startAt"));
        }
      }
      case "task" -> {
        if (desired.has("dueAt")) {
          props.put(TIMESTAMP, text(desired, "dueAt"));
        }
        if (desired.has("priority")) {
          String p = text(desired, "priority");
          props.put(TASK_PRIORITY, p.isEmpty() ? "NONE" : p.toUpperCase(java.util.Locale.ROOT));
        }
      }
      default -> { }
    }
    if (direction != null && desired.has("direction")) {
      String d = text(desired, "direction");
      String vendor = d.isEmpty() ? "" : directionFor(d);
      if (vendor != null) {
        props.put(direction, vendor);
      }
    }
    if (status != null && desired.has("status")) {
      String s = text(desired, "status");
      String vendor = s.isEmpty() ? "" : statuses.write(s);
      if (vendor != null) {
        props.put(status, vendor);
      }
    }
    if (desired.has("owner")) {
      props.put(OWNER, text(desired, "owner"));
    }
    return props;
  }

  /** HubSpot requires {@code hs_timestamp} on every engagement create. */
  @Override
  public List<String> requiredAtCreate() {
    return List.of(TIMESTAMP);
  }

  /** An engagement created without its date is dated {@code now} (the time of the write). */
  @Override
  public void completeCreate(ObjectNode properties, Instant now) {
    if (HubSpotMapper.text(properties.get(TIMESTAMP)).isEmpty()) {
      properties.put(TIMESTAMP, now.toString());
    }
  }

  /** Whether this kind can hold {@code value} in {@code field}: a status or direction it has a value for. */
  boolean accepts(String field, Object value) {
    String v = String.valueOf(value);
    return switch (field) {
      case "status" -> status != null && statuses.write(v) != null;
      case "direction" -> direction != null && directionFor(v) != null;
      default -> true;
    };
  }

  /** The canonical direction of a call's or email's direction value; null for one outside the table. */
  private @Nullable String directionOf(String vendor) {
    return switch (vendor) {
      case "INBOUND", "INCOMING_EMAIL", "FORWARDED_EMAIL" -> "inbound";
      case "OUTBOUND", "EMAIL" -> "outbound";
      default -> null;
    };
  }

  private @Nullable String directionFor(String canonical) {
    boolean email = kind.equals("email");
    return switch (canonical) {
      case "inbound" -> email ? "INCOMING_EMAIL" : "INBOUND";
      case "outbound" -> email ? "EMAIL" : "OUTBOUND";
      default -> null;
    };
  }

  private static void putInstant(Map<String, Object> fields, String field, JsonNode props, String property) {
    if (props.has(property)) {
      Instant t = HubSpotMapper.instant(props.get(property));
      fields.put(field, t == null ? "" : t.toString());
    }
  }

  private static @Nullable Long millis(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return new java.math.BigDecimal(text).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  private static String text(CanonicalRecord desired, String field) {
    Object v = desired.fields().get(field);
    return v == null ? "" : String.valueOf(v).trim();
  }

  /**
   * HubSpot's status values per kind ⇄ the canonical lifecycle ({@code planned, in_progress, completed, cancelled,
   * no_show}). Reading is many-to-one; writing takes one HubSpot value per canonical state, and a state the kind has
   * no value for is not written (a task cannot be {@code cancelled} or {@code no_show}, an email not {@code no_show}).
   * Values read that are outside HubSpot's defaults are left out.
   */
  enum Status {
    /**
     * {@code hs_meeting_outcome}. RESCHEDULED is read as planned (the meeting is still to happen); a meeting has no
     * in-progress outcome.
     */
    MEETING(Map.of("SCHEDULED", "planned", "RESCHEDULED", "planned", "COMPLETED", "completed", "CANCELED",
        "cancelled", "NO_SHOW", "no_show"),
        Map.of("planned", "SCHEDULED", "completed", "COMPLETED", "cancelled", "CANCELED", "no_show", "NO_SHOW")),
    /**
     * {@code hs_call_status}: queued is planned; connecting, ringing, calling the CRM user and in progress are in
     * progress; busy and no answer are no_show (the other party was not reached); failed and canceled are cancelled.
     */
    CALL(Map.ofEntries(Map.entry("QUEUED", "planned"), Map.entry("CONNECTING", "in_progress"),
        Map.entry("RINGING", "in_progress"), Map.entry("CALLING_CRM_USER", "in_progress"),
        Map.entry("IN_PROGRESS", "in_progress"), Map.entry("COMPLETED", "completed"), Map.entry("BUSY", "no_show"),
        Map.entry("NO_ANSWER", "no_show"), Map.entry("FAILED", "cancelled"), Map.entry("CANCELED", "cancelled")),
        Map.of("planned", "QUEUED", "in_progress", "IN_PROGRESS", "completed", "COMPLETED", "cancelled", "CANCELED",
            "no_show", "NO_ANSWER")),
    /** {@code hs_email_status}: scheduled is planned, sending in progress, sent completed, bounced and failed cancelled. */
    EMAIL(Map.of("SCHEDULED", "planned", "SENDING", "in_progress", "SENT", "completed", "BOUNCED", "cancelled",
        "FAILED", "cancelled"),
        Map.of("planned", "SCHEDULED", "in_progress", "SENDING", "completed", "SENT", "cancelled", "FAILED")),
    /** {@code hs_task_status}: not started and deferred are planned, in progress and waiting in progress. */
    TASK(Map.of("NOT_STARTED", "planned", "DEFERRED", "planned", "IN_PROGRESS", "in_progress", "WAITING",
        "in_progress", "COMPLETED", "completed"),
        Map.of("planned", "NOT_STARTED", "in_progress", "IN_PROGRESS", "completed", "COMPLETED")),
    /** Notes have no status. */
    NONE(Map.of(), Map.of());

    private final Map<String, String> read;
    private final Map<String, String> write;

    Status(Map<String, String> read, Map<String, String> write) {
      this.read = read;
      this.write = write;
    }

    @Nullable String read(String vendor) {
      return read.get(vendor);
    }

    @Nullable String write(String canonical) {
      return write.get(canonical);
    }
  }
}
