package dev.switchboard.app.api;

import dev.switchboard.app.canonical.ContactCleaner;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.sync.SyncOperations;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * {@code type: contact}: natural key the lower-cased e-mail, or for a contact without one its phone in E.164 form (as
 * cleaned in the tenant's region); HubSpot's and our attribute names.
 */
final class ContactUpsertMapper implements UpsertMapper {
  /** Accepted attribute names (HubSpot's and ours) → canonical field. */
  static final Map<String, String> ATTRIBUTES = Map.ofEntries(
      Map.entry("email", ContactField.EMAIL), Map.entry("firstname", ContactField.FIRST_NAME),
      Map.entry("first_name", ContactField.FIRST_NAME), Map.entry("firstName", ContactField.FIRST_NAME),
      Map.entry("lastname", ContactField.LAST_NAME), Map.entry("last_name", ContactField.LAST_NAME),
      Map.entry("lastName", ContactField.LAST_NAME), Map.entry("phone", ContactField.PHONE),
      Map.entry("company", ContactField.COMPANY), Map.entry("lifecyclestage", ContactField.LIFECYCLE_STAGE),
      Map.entry("lifecycleStage", ContactField.LIFECYCLE_STAGE),
      Map.entry("marketing_status", ContactField.MARKETING_STATUS),
      Map.entry("marketingStatus", ContactField.MARKETING_STATUS));

  /**
   * The marketing statuses a caller may state: {@code subscribed} records the person's opt-in (as given by the caller,
   * now), {@code unsubscribed} their opt-out. Nothing else: an audience's {@code pending} or {@code transactional} is
   * Switchboard's to choose ({@code withoutConsent}, {@code doubleOptIn}), never the caller's.
   */
  static final java.util.Set<String> MARKETING_STATUSES = java.util.Set.of("subscribed", "unsubscribed");

  private final SyncOperations sync;

  ContactUpsertMapper(SyncOperations sync) {
    this.sync = sync;
  }

  @Override
  public String type() {
    return "contact";
  }

  @Override
  public String naturalKeyRule() {
    return "the lower-cased email as natural key, or the E.164 phone when there is no email";
  }

  @Override
  public Command map(Request request) {
    Map<String, Object> out = new LinkedHashMap<>();
    request.attributes().forEach((name, value) -> {
      String field = ATTRIBUTES.get(name);
      if (field == null) {
        throw UpsertMapper.unknown(name, ATTRIBUTES.keySet());
      }
      if (value != null && !(value instanceof String)) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "attributes." + name, "attribute values must be strings");
      }
      out.put(field, value == null ? "" : ((String) value).trim());
    });
    String marketing = (String) out.get(ContactField.MARKETING_STATUS);
    if (marketing != null) {
      String status = marketing.toLowerCase(java.util.Locale.ROOT);
      if (!MARKETING_STATUSES.contains(status)) {
        String name = request.attributes().containsKey("marketingStatus") ? "marketingStatus" : "marketing_status";
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_value", "attributes." + name,
            "marketing status must be subscribed (the person opted in) or unsubscribed (opted out)");
      }
      out.put(ContactField.MARKETING_STATUS, status);
    }
    String email = (String) out.get(ContactField.EMAIL);
    String phone = (String) out.get(ContactField.PHONE);
    boolean hasPhone = phone != null && !phone.isEmpty();
    if ((email == null || email.isEmpty()) && !hasPhone) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "attributes.email",
          "email (or, for a contact without one, phone) is required: it is the natural key");
    }
    ContactCleaner phones = new ContactCleaner(request.context().defaultRegion());
    if (email != null && !email.isEmpty()) {
      email = ContactCleaner.email(email);
      if (!ContactCleaner.isValidEmail(email)) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_email", "attributes.email", "email is not a valid address");
      }
      out.put(ContactField.EMAIL, email);
    } else {
      out.remove(ContactField.EMAIL); // a phone-only contact: an empty e-mail must not clear the person's e-mail
    }
    if (hasPhone && !phones.isValidPhone(phone)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "invalid_phone", "attributes.phone", "phone is not a valid number");
    }
    // what identifies the person; phones as the engine cleans this tenant's, so what passes here is stored as meant
    String naturalKey = email != null && !email.isEmpty() ? email : phones.phone(phone);
    return new Command(naturalKey, out,
        () -> sync.upsertContact(request.tenantId(), request.target(), out, request.correlationId()));
  }
}
