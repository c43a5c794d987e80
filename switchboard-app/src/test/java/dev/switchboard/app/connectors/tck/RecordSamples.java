package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connectors.SourceRecord;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the contracts need to know about one canonical type to make and recognise its objects, whatever the vendor:
 * the field that names a test's object (a contact's e-mail, a company's name), a field the tests change, and the
 * records of the round-trip contract. Values are canonical; the vendor fixture and the connector map them.
 */
interface RecordSamples {

  /** The canonical type ({@code contact}). */
  String type();

  /** The field holding the value that tells a test's object apart ({@link #tagValue}). */
  String tagField();

  /** A unique, obviously synthetic value of {@link #tagField()} for {@code tag} (real accounts keep these objects). */
  String tagValue(String tag);

  /** The tag value a read carries, as {@link #tagValue} made it (vendors may normalise it, e.g. lower-case). */
  default String tagOf(SourceRecord r) {
    return r.record().string(tagField());
  }

  /** A plain text field the tests change to see a change arrive ({@code firstName}, a company's description). */
  String changeField();

  /** {tag field: tagValue, change field: changeValue}. */
  default CanonicalRecord sample(String tagValue, String changeValue) {
    return record(Map.of(tagField(), tagValue, changeField(), changeValue));
  }

  /** Fields a create of this type also carries where it matters (a Mailchimp member's subscription). */
  default Map<String, Object> createExtras() {
    return Map.of();
  }

  default CanonicalRecord record(Map<String, ?> fields) {
    return new CanonicalRecord(type(), new java.util.LinkedHashMap<String, Object>(fields));
  }

  /**
   * The round trip: a create setting every writable field (unicode, padding, the longest value {@code longest}
   * makes for a field), then updates that clear ("" and null) and change some fields and leave {@link #keptField()}
   * out. Each record reads back as written, field by field ({@link #readsBackAs}).
   */
  CanonicalRecord roundTripCreate(String tagValue, Function<String, String> longest);

  List<CanonicalRecord> roundTripUpdates(String tagValue);

  /** A field the create sets and no update names: it must keep its value. */
  String keptField();

  /** What a written non-empty value reads back as: trimmed text, a number as its text, structures as written. */
  default Object readsBackAs(String field, Object written) {
    if (written instanceof String s) {
      return s.trim();
    }
    if (written instanceof Number n) {
      return n.toString();
    }
    return written;
  }

  static String unique(String tag) {
    return "tck-" + tag + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
