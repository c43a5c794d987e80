package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.AddressCleaner;
import dev.switchboard.app.canonical.CanonicalException;
import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.CleanContext;
import dev.switchboard.app.canonical.ContactCleaner;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.canonical.Value;
import dev.switchboard.app.canonical.ValueType;
import dev.switchboard.app.canonical.model.CanonicalType;
import dev.switchboard.app.canonical.model.CanonicalTypes;
import dev.switchboard.app.canonical.model.FieldDef;
import dev.switchboard.app.canonical.model.IdentityKey;
import dev.switchboard.app.canonical.model.TypedRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cleans a source's values into the forms the spine stores, per canonical type, and derives identity keys from them.
 * Contacts keep their long-standing clean-up ({@link ContactCleaner}: a phone that cannot be parsed stays as typed);
 * their postal address and every field of the other types go through the type registry's declared value types
 * ({@link CanonicalTypes}), stored as the value's canonical JSON (an address is {@code {lines, city, region,
 * postalCode, country}}), so a value read back from the database, a snapshot or another vendor compares equal.
 *
 * <p>A value its type refuses (an e-mail that is not one, a country that is none) is kept as the trimmed text the
 * source sent when it is text, else left out: the source's data is never lost to clean-up, and a field we cannot
 * read is not guessed at.
 */
final class RecordCleaning {
  static final CanonicalTypes TYPES = CanonicalTypes.standard();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RecordCleaning() {}

  /** {@code record} cleaned for a tenant whose phone numbers default to {@code region}. */
  static CanonicalRecord clean(String region, CanonicalRecord record) {
    CleanContext context = context(region);
    if (CanonicalRecord.CONTACT.equals(record.type())) {
      Map<String, Object> rest = new LinkedHashMap<>(record.fields());
      Object address = rest.remove(ContactField.ADDRESS);
      Map<String, Object> out = new LinkedHashMap<>(new ContactCleaner(region).clean(
          new CanonicalRecord(record.type(), rest)).fields());
      if (record.fields().containsKey(ContactField.ADDRESS)) {
        typed(ValueType.address(), address, context).ifPresent(v -> out.put(ContactField.ADDRESS, v));
      }
      return new CanonicalRecord(record.type(), out);
    }
    Optional<CanonicalType> type = TYPES.find(record.type());
    if (type.isEmpty()) {
      return record;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    record.fields().forEach((field, raw) -> {
      Optional<FieldDef> def = type.get().field(field);
      if (def.isEmpty()) {
        out.put(field, raw); // a field the registry does not declare is carried as the source gave it
        return;
      }
      typed(def.get().type(), raw, context).ifPresent(v -> out.put(field, v));
    });
    return new CanonicalRecord(record.type(), out);
  }

  /**
   * The identity keys of a cleaned record of a type other than contact, in the order of the type's rules (strongest
   * first); empty for types linked only by ids.
   */
  static List<IdentityKey> identityKeys(String type, Map<String, Object> cleaned) {
    Optional<CanonicalType> t = TYPES.find(type);
    if (t.isEmpty() || t.get().identity().isEmpty()) {
      return List.of();
    }
    Map<String, Value> values = new LinkedHashMap<>();
    cleaned.forEach((field, plain) -> t.get().field(field).ifPresent(def -> {
      try {
        values.put(field, def.type().fromJson(Merge.isEmpty(plain) ? null : JSON.valueToTree(plain)));
      } catch (CanonicalException | IllegalArgumentException e) {
        // kept as typed by the source: it identifies nothing
      }
    }));
    return TYPES.identityKeys(new TypedRecord(type, values));
  }

  /** The stored form of {@code raw} as {@code type}: "" for no value, the canonical JSON as plain Java otherwise. */
  private static Optional<Object> typed(ValueType type, Object raw, CleanContext context) {
    try {
      Value v = type.clean(raw, context);
      if (v.isEmpty()) {
        return Optional.of("");
      }
      JsonNode json = type.toJson(v);
      return Optional.of(JSON.treeToValue(json, Object.class));
    } catch (CanonicalException e) {
      return raw instanceof CharSequence s ? Optional.of(s.toString().trim()) : Optional.empty();
    }
  }

  private static CleanContext context(String region) {
    try {
      return CleanContext.of(region);
    } catch (CanonicalException e) {
      return CleanContext.NO_REGION;
    }
  }
}
