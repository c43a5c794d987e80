package dev.switchboard.sandbox.vagaro;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One appointment at one location (mutable; guarded by its {@link VagaroAccount}). */
final class VagaroAppointment {

  /** Every {@code bookingStatus} Vagaro publishes (https://docs.vagaro.com/public/docs/appointment-events). */
  static final List<String> STATUSES = List.of("Accepted", "Awaiting Confirmation", "Cancel", "Confirmed", "Deleted",
      "Denied", "Need Acceptance", "No Show", "PersonalOff", "Ready to Start", "Service Complete",
      "Service In Progress", "Show");

  final String appointmentId;
  final Instant createdDate;
  Instant modifiedDate;
  String businessId;
  String customerId;
  String serviceProviderId;
  String serviceId;
  Instant start;
  Instant end;
  String bookingStatus = "Confirmed";
  BigDecimal amount;
  /** {@code Online} (business page, MySite, Yelp) or {@code Inhouse} (calendar, and here: the API). */
  String onlineVsInhouse = "Inhouse";
  /** {@code NR}, {@code NNR}, {@code RR} or {@code RNR}: new/return customer, provider requested or not. */
  String appointmentTypeCode;

  VagaroAppointment(String appointmentId, Instant createdDate) {
    this.appointmentId = appointmentId;
    this.createdDate = createdDate;
    this.modifiedDate = createdDate;
  }

  String appointmentTypeName() {
    return switch (appointmentTypeCode) {
      case "NR" -> "New Request";
      case "NNR" -> "New Non Request";
      case "RR" -> "Return Request";
      default -> "Return Non Request";
    };
  }
}
