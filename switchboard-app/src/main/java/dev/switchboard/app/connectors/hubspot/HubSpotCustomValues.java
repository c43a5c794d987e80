package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.mapping.FieldSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Custom fields written to typed properties in the form HubSpot takes: a custom field is a text in the spine (what a
 * Mailchimp text merge field or an API upsert gave it), but a {@code bool} property takes only {@code true} /
 * {@code false} and a {@code date} property only {@code YYYY-MM-DD} (or its midnight-UTC epoch milliseconds). So a
 * yes / no, on / off, 1 / 0 becomes {@code true} / {@code false}, and an ISO instant or epoch milliseconds its UTC
 * date. A value with no such reading is sent as it is, and HubSpot's refusal rejects that record alone. The
 * properties' types are read ({@code GET /crm/v3/properties/{objectType}/{name}}) once per connection and property
 * and kept {@link #TTL}: a property whose type someone changes in HubSpot is read afresh after that.
 */
final class HubSpotCustomValues {
  static final Duration TTL = Duration.ofMinutes(10);
  private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "on", "checked");
  private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "off", "unchecked");

  private final HubSpotClient client;
  private final Clock clock;
  private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

  private record Kind(String kind, Instant read) {}

  HubSpotCustomValues(HubSpotClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * {@code batch} with the custom fields that go to bool and date properties in HubSpot's form ({@code custom}: the
   * connection's custom field → property); the same requests when none does.
   */
  List<WriteRequest> inVendorForm(ConnectionContext connection, String objectType, Map<String, String> custom,
      List<WriteRequest> batch) {
    if (custom.isEmpty()) {
      return batch;
    }
    List<WriteRequest> out = new ArrayList<>(batch.size());
    for (WriteRequest w : batch) {
      Map<String, @Nullable Object> fields = null;
      for (Map.Entry<String, String> c : custom.entrySet()) {
        String field = ContactField.CUSTOM_PREFIX + c.getKey();
        if (!(w.desired().fields().get(field) instanceof String value) || value.isBlank()) {
          continue;
        }
        String kind = kind(connection, objectType, c.getValue());
        String converted = value(kind, value);
        if (!converted.equals(value)) {
          if (fields == null) {
            fields = new LinkedHashMap<>(w.desired().fields());
          }
          fields.put(field, converted);
        }
      }
      out.add(fields == null ? w : new WriteRequest(w.ref(), w.externalId(),
          new CanonicalRecord(w.desired().type(), fields), w.createKey(), w.references(), w.held()));
    }
    return out;
  }

  /** {@code value} as a property of {@code kind} ({@link FieldSpec} terms) takes it. */
  static String value(String kind, String value) {
    String v = value.trim();
    if (FieldSpec.BOOL.equals(kind)) {
      String lower = v.toLowerCase(Locale.ROOT);
      return TRUE.contains(lower) ? "true" : FALSE.contains(lower) ? "false" : value;
    }
    if (FieldSpec.DATE.equals(kind)) {
      return date(v).map(LocalDate::toString).orElse(value);
    }
    return value;
  }

  private static Optional<LocalDate> date(String v) {
    try {
      return Optional.of(LocalDate.parse(v));
    } catch (DateTimeParseException e) {
      // not a calendar date; an instant, perhaps
    }
    try {
      return Optional.of(OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
    } catch (DateTimeParseException e) {
      // nor an instant with its offset; epoch milliseconds, perhaps
    }
    if (v.matches("-?\\d{1,15}")) {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(v)).atZone(ZoneOffset.UTC).toLocalDate());
    }
    return Optional.empty();
  }

  private String kind(ConnectionContext connection, String objectType, String property) {
    String key = connection.connectionId() + "\u0000" + objectType + "\u0000" + property;
    Instant now = clock.instant();
    Kind k = kinds.get(key);
    if (k == null || !now.isBefore(k.read().plus(TTL))) {
      String kind;
      try {
        kind = client.getProperty(connection, objectType, property).map(HubSpotCustomProperties::spec)
            .map(FieldSpec::kind).orElse(FieldSpec.TEXT);
      } catch (dev.switchboard.app.connectors.VendorException e) {
        if (e.retryable() || e.status() == 401) {
          throw e; // the batch is retried, or the connection's credentials are the problem: as any call's failure
        }
        // refused (a token without the schema read scope): the values go as they are, and it is not asked again
        // for every batch
        kind = FieldSpec.TEXT;
      }
      k = new Kind(kind, now);
      kinds.put(key, k);
    }
    return k.kind();
  }
}
