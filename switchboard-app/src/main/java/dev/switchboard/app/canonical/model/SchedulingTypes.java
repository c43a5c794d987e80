package dev.switchboard.app.canonical.model;

import static dev.switchboard.app.canonical.ValueType.email;
import static dev.switchboard.app.canonical.ValueType.enumOf;
import static dev.switchboard.app.canonical.ValueType.identifier;
import static dev.switchboard.app.canonical.ValueType.instant;
import static dev.switchboard.app.canonical.ValueType.multiLineText;
import static dev.switchboard.app.canonical.ValueType.personName;
import static dev.switchboard.app.canonical.ValueType.phone;
import static dev.switchboard.app.canonical.ValueType.ref;
import static dev.switchboard.app.canonical.ValueType.text;
import static dev.switchboard.app.canonical.ValueType.url;

import dev.switchboard.app.canonical.MatchForm;
import java.util.List;
import java.util.Set;

/** Bookings (seed 2 §3.1) and the marketing-engagement fact kind. */
final class SchedulingTypes {

  private SchedulingTypes() {}

  static List<CanonicalType> all() {
    return List.of(booking(), emailEngagement());
  }

  /**
   * An appointment (Acuity, Calendly, Square, Vagaro). Start and end are instants (UTC); status is the seed's
   * {@code scheduled | completed | cancelled} plus {@code no_show}. {@code externalId} is the booking system's id:
   * with the system it is the seed's unique key {@code (system, external_id)}, which the sync engine holds as the
   * link; bookings are never merged by time or client. The client is linked to a contact by e-mail, then phone.
   */
  static CanonicalType booking() {
    return CanonicalType.golden("booking")
        .field("externalId", identifier())
        .field("startAt", instant())
        .field("endAt", instant())
        .field("status", enumOf("scheduled", "completed", "cancelled", "no_show"))
        .pii("clientEmail", email())
        .pii("clientPhone", phone())
        .pii("clientName", personName())
        .field("client", ref("contact"))
        .field("service", text())
        .field("staff", text())
        .field("location", text())
        .pii("notes", multiLineText())
        .required("externalId")
        .required("startAt")
        .required("endAt")
        .required("status")
        .lifecycle("status", Set.of("completed", "cancelled", "no_show"), false)
        .project("status", Projection.STATUS)
        .project("startAt", Projection.STARTS_AT)
        .project("client", Projection.PARENT_ID)
        .events("booking.imported", "booking.updated")
        .build();
  }

  /**
   * A marketing e-mail engagement (open, click, bounce) reported by a marketing system. Not a golden record: an
   * append-only fact, recorded once per (system, event id), never merged or changed; lead scoring and reporting read
   * them. An unsubscribe is not a fact: it changes the contact's {@code marketingStatus}.
   */
  static CanonicalType emailEngagement() {
    return CanonicalType.fact("email_engagement")
        .field("system", identifier())
        .field("eventId", identifier())
        .field("kind", enumOf("open", "click", "bounce"))
        .field("occurredAt", instant())
        .field("contact", ref("contact"))
        .pii("email", email())
        .field("campaign", identifier())
        .field("campaignName", text())
        .field("url", url())
        .field("bounceType", enumOf("hard", "soft"))
        .required("system")
        .required("eventId")
        .required("kind")
        .required("occurredAt")
        .identity("event", "system", MatchForm.EXACT, "eventId", MatchForm.EXACT)
        .subtypes("kind")
        .subtype("open", Set.of(), Set.of())
        .subtype("click", Set.of("url"), Set.of("url"))
        .subtype("bounce", Set.of("bounceType"), Set.of("bounceType"))
        .events("engagement.recorded")
        .build();
  }
}
