package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Contacts, told apart by a synthetic e-mail ({@code tck-…@example.com}); the tests change the first name. */
final class ContactSamples implements RecordSamples {
  static final ContactSamples INSTANCE = new ContactSamples();

  @Override
  public String type() {
    return CanonicalRecord.CONTACT;
  }

  @Override
  public String tagField() {
    return ContactField.EMAIL;
  }

  @Override
  public String tagValue(String tag) {
    return ConnectorContract.email(tag);
  }

  @Override
  public String changeField() {
    return ContactField.FIRST_NAME;
  }

  /** A member created without a status would be pending or refused at Mailchimp; HubSpot ignores it. */
  @Override
  public Map<String, Object> createExtras() {
    return Map.of(ContactField.MARKETING_STATUS, "subscribed");
  }

  @Override
  public CanonicalRecord roundTripCreate(String email, Function<String, String> longest) {
    Map<String, Object> created = new LinkedHashMap<>();
    created.put(ContactField.EMAIL, email);
    created.put(ContactField.FIRST_NAME, "Zoë Ångström 李小龍 🙂");
    created.put(ContactField.LAST_NAME, longest.apply(ContactField.LAST_NAME));
    created.put(ContactField.PHONE, "+1 (415) 555-0100");
    created.put(ContactField.COMPANY, "  Ünïcødé GmbH  ");
    return record(created);
  }

  /** "" and null clear theirs, an absent field is left as it is. */
  @Override
  public List<CanonicalRecord> roundTripUpdates(String email) {
    Map<String, Object> changed = new HashMap<>();
    changed.put(ContactField.EMAIL, email);
    changed.put(ContactField.FIRST_NAME, "");
    changed.put(ContactField.PHONE, null);
    changed.put(ContactField.COMPANY, "Straße & Söhne");
    return List.of(record(changed));
  }

  @Override
  public String keptField() {
    return ContactField.LAST_NAME;
  }

  /** Vendors keep e-mails lower-cased. */
  @Override
  public Object readsBackAs(String field, Object written) {
    return field.equals(ContactField.EMAIL) ? ((String) written).trim().toLowerCase(Locale.ROOT)
        : RecordSamples.super.readsBackAs(field, written);
  }
}
