package dev.switchboard.sandbox.acuity;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One appointment as the store keeps it (mutable; guarded by {@link AcuityStore}'s lock). */
final class AcuityAppointment {

  final long id;
  final Instant created;
  String firstName;
  String lastName;
  String email;
  String phone;
  String notes = "";
  long calendarID;
  long appointmentTypeID;
  /** Start, in the calendar's time zone. */
  ZonedDateTime start;
  boolean canceled;
  /** Intake-form answers: {@code {id: fieldID, value}}. */
  List<Map<String, Object>> fields = new ArrayList<>();

  AcuityAppointment(long id, Instant created) {
    this.id = id;
    this.created = created;
  }
}
