package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalException;
import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactCleaner;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.events.DomainEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A field of a golden record edited by a person in the console. The edit is a change like any other: cleaned as the
 * spine cleans a source's values, merged with the provenance {@code switchboard:<user>} (the time of the edit wins over
 * older values), recorded in the history, and owed to every connection that maps the field (the outbox sends it).
 * Audited ({@code record.edit}, the field's name but not its value). Only text fields the record already holds are
 * edited here: a structured value (an address, a list, a reference) has its own owner.
 */
@Component
public class RecordEdits {
  /** The provenance of a console edit is this prefix and the member's username. */
  public static final String SYSTEM_PREFIX = "switchboard:";

  /** An edit that was not made: {@code code} and a sentence for the person. */
  public static final class Refused extends RuntimeException {
    private final String code;

    Refused(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final SyncEngine engine;
  private final GoldenRecords golden;
  private final DomainEvents events;
  private final TransactionTemplate tx;
  private final Clock clock;

  RecordEdits(SyncEngine engine, GoldenRecords golden, DomainEvents events, TransactionTemplate tx, Clock clock) {
    this.engine = engine;
    this.golden = golden;
    this.events = events;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Whether {@code field} of {@code fields} can be edited here: a text value, and not a type's consent field (a
   * marketing status is a person's own decision, recorded where they made it: an edit here would count as an opt-in
   * and subscribe them to an audience).
   */
  public static boolean editable(Map<String, FieldValue> fields, String field) {
    FieldValue v = fields.get(field);
    return v != null && v.value() instanceof String && !field.startsWith("_") && !CONSENT_FIELDS.contains(field);
  }

  private static final java.util.Set<String> CONSENT_FIELDS = dev.switchboard.app.canonical.model.CanonicalTypes
      .standard().all().stream().flatMap(t -> t.consentField().stream()).collect(java.util.stream.Collectors.toSet());

  /**
   * Sets {@code field} of record {@code id} to {@code value} as {@code actor}; returns the record's new version (its
   * old one when the value was already held).
   *
   * @throws Refused {@code not_found}, {@code not_editable} (not a text field of the record), {@code invalid_value}
   *                 (empty, too long, or not a valid e-mail or phone), {@code changed_meanwhile} (try again),
   *                 {@code newer_value} (a value dated as late or later holds; nothing changed)
   */
  public long edit(String tenantId, String id, String field, @Nullable String value, String actor) {
    GoldenRecords.Golden record = golden.find(tenantId, id)
        .orElseThrow(() -> new Refused("not_found", "There is no such record."));
    if (!editable(record.fields(), field)) {
      throw new Refused("not_editable", "This field cannot be edited here.");
    }
    String raw = value == null ? "" : value.strip();
    if (raw.isEmpty() || raw.length() > 1000) {
      throw new Refused("invalid_value", "Give a value of 1 to 1000 characters.");
    }
    CanonicalRecord cleaned;
    try {
      cleaned = engine.clean(tenantId, new CanonicalRecord(record.objectType(), Map.of(field, raw)));
    } catch (CanonicalException e) {
      throw new Refused("invalid_value", "That is not a valid value for " + field + ".");
    }
    Object v = cleaned.fields().get(field);
    boolean contact = CanonicalRecord.CONTACT.equals(record.objectType());
    if (!(v instanceof String s) || s.isEmpty()
        || (contact && field.equals(ContactField.EMAIL) && !ContactCleaner.isValidEmail(s))
        || (contact && field.equals(ContactField.PHONE) && !s.startsWith("+"))) {
      throw new Refused("invalid_value", "That is not a valid value for " + field + ".");
    }
    Instant now = clock.instant();
    String correlationId = "edit-" + UUID.randomUUID();
    try {
      SyncEngine.Outcome outcome = tx.execute(t -> {
        SyncEngine.Outcome o = engine.applyTo(tenantId, record.id(), new CanonicalRecord(record.objectType(),
            Map.of(field, v)), now, correlationId, SYSTEM_PREFIX + actor);
        FieldValue held = golden.find(tenantId, record.id()).map(g -> g.fields().get(field)).orElse(null);
        if (held == null || !Merge.sameValue(held.value(), v)) {
          // a value a system dated at this very moment or later wins the merge (a clock ahead of ours, a tie within
          // a vendor's precision): say so rather than report an edit that did not take
          throw new Refused("newer_value", "A value changed in another system at the same time or later holds ("
              + (held == null ? "none" : held.system()) + "). Look again and retry.");
        }
        if (!o.changes().isEmpty()) {
          Map<String, Object> audit = new LinkedHashMap<>();
          audit.put("action", "record.edit");
          audit.put("actor", actor);
          audit.put("target", "record:" + record.id());
          audit.put("field", field);
          audit.put("version", o.version());
          events.emit(tenantId, DomainEvents.AUDIT_LOGGED, audit, correlationId);
        }
        return o;
      });
      return java.util.Objects.requireNonNull(outcome).version();
    } catch (OptimisticLockingFailureException e) {
      throw new Refused("changed_meanwhile", "The record changed while you edited it. Look again and retry.");
    }
  }
}
