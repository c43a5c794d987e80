package dev.switchboard.app.console;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.sync.FieldValue;
import dev.switchboard.app.sync.RecordDetails;
import dev.switchboard.app.sync.RecordEdits;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A golden record as the record page shows it: values shown (or masked, for a member who may not see personal data),
 * each field's provenance, history lines, edges, and the record's state in each connection in words, with a link to
 * the object's page at the vendor where the vendor has one.
 */
record RecordPage(String id, String type, long version, @Nullable String title, List<Field> fields,
    List<HistoryLine> history, List<EdgeLine> edges, List<TargetLine> targets) {

  record Field(String name, String value, String provenance, boolean editable) {}

  record HistoryLine(String when, String field, String before, String after, String source) {}

  record EdgeLine(String label, String direction, String otherId, String otherType, String otherLabel,
      boolean primary) {}

  /** {@code vendorUrl}: the object's page at the vendor (null where it has none, or the object is not there). */
  record TargetLine(String connectionId, String connection, String system, String state, String detail,
      @Nullable String externalId, @Nullable String vendorUrl) {}

  static RecordPage of(RecordDetails.Detail d, boolean unmasked, ZoneId zone, Provenance provenance) {
    List<Field> fields = d.fields().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
      FieldValue v = e.getValue();
      return new Field(e.getKey(), show(v.value(), unmasked), provenance.describe(v.system(), v.modifiedAt(), zone),
          RecordEdits.editable(d.fields(), e.getKey()));
    }).toList();
    List<HistoryLine> history = d.history().stream().map(h -> new HistoryLine(Provenance.when(h.changedAt(), zone),
        h.field().equals("_identity") ? "linked by identity" : h.field(),
        h.field().equals("_identity") ? "" : show(h.oldValue(), unmasked),
        h.field().equals("_identity") ? h.newValue() == null ? "" : h.newValue() : show(h.newValue(), unmasked),
        provenance.source(h.system()))).toList();
    List<EdgeLine> edges = d.edges().stream().map(e -> new EdgeLine(e.label(), e.out() ? "to" : "from", e.otherId(),
        e.otherType() == null ? "" : e.otherType(), e.otherLabel() == null ? "" : show(e.otherLabel(), unmasked),
        e.primary())).toList();
    List<TargetLine> targets = d.targets().stream().map(t -> new TargetLine(t.connection().id(),
        t.connection().displayName(),
        provenance.systemName(t.connection().system()), state(t), detail(t), t.externalId(),
        vendorUrl(t.connection(), t.vendorType(), t.externalId(), t.state()))).toList();
    String title = RecordDetails.label(d.fields());
    return new RecordPage(d.id(), d.type(), d.version(), title == null ? null : show(title, unmasked), fields,
        history, edges, targets);
  }

  private static String show(@Nullable Object value, boolean unmasked) {
    return unmasked ? Masks.shown(value) : Masks.mask(value);
  }

  static String state(RecordDetails.Target t) {
    return switch (t.state()) {
      case IN_SYNC -> "in sync";
      case SENDING -> "being sent";
      case WAITING -> "waiting";
      case HELD -> "held";
      case FAILED -> "failed";
      case NOT_SENT -> "not sent";
      case DELETED -> "deleted there";
      case NOT_THERE -> "not there";
    };
  }

  static String detail(RecordDetails.Target t) {
    return switch (t.state()) {
      case IN_SYNC -> "Holds the record's values.";
      case SENDING -> t.attempts() == 0 ? "A write is queued."
          : "Attempt " + (t.attempts() + 1) + " is due" + (t.reason() == null ? "" : " (last: " + t.reason() + ")")
              + ".";
      case WAITING -> "Waits for record " + t.waitingOn() + " to be linked there first.";
      case HELD -> "The connection is " + t.reason() + ": its writes wait for it.";
      case FAILED -> "The write failed" + (t.reason() == null ? "" : ": " + t.reason())
          + ". Replay it from the dashboard's failed writes.";
      case NOT_SENT -> "Not sent" + (t.reason() == null ? " (the connection does not take it)." : ": " + t.reason()
          + ".");
      case DELETED -> "Its object there was deleted (" + t.reason() + "); Switchboard does not create it again.";
      case NOT_THERE -> "This connection does not hold records like this one.";
    };
  }

  /** HubSpot's record pages: {@code app.hubspot.com/contacts/{portalId}/record/{objectTypeId}/{id}}. */
  static @Nullable String vendorUrl(Connection c, @Nullable String vendorType, @Nullable String externalId,
      RecordDetails.State state) {
    if (externalId == null || vendorType == null || c.accountId() == null || state == RecordDetails.State.DELETED
        || !c.system().equals("hubspot") || !c.accountId().matches("[0-9]+") || !externalId.matches("[0-9]+")) {
      return null;
    }
    String objectTypeId = switch (vendorType) {
      case "contact" -> "0-1";
      case "company" -> "0-2";
      case "deal" -> "0-3";
      default -> null;
    };
    return objectTypeId == null ? null
        : "https://app.hubspot.com/contacts/" + c.accountId() + "/record/" + objectTypeId + "/" + externalId;
  }
}
