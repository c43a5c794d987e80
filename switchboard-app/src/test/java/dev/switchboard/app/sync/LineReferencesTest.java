package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A line's reference to another record crosses the connector seam as that record's object id there, and back. */
class LineReferencesTest {

  @Test
  @SuppressWarnings("unchecked")
  void aLinesVendorReferenceIsTheRecordItsObjectIsLinkedToAndBack() {
    CanonicalRecord read = new CanonicalRecord("deal", Map.of("name", "D", "lines", List.of(
        Map.of("name", "A", "product", Map.of("type", "product", "externalId", "300001")),
        Map.of("name", "B", "product", Map.of("type", "product", "externalId", "999")))));
    CanonicalRecord in = LineReferences.inbound(read,
        (type, id) -> id.equals("300001") ? Optional.of("rec-1") : Optional.empty());
    assertThat((List<Object>) in.fields().get("lines")).containsExactly(
        Map.of("name", "A", "product", Map.of("type", "product", "id", "rec-1")),
        Map.of("name", "B")); // an object not linked yet: nothing known of its record

    Map<String, Object> out = LineReferences.outbound(in.fields(),
        (type, id) -> id.equals("rec-1") ? Optional.of("300001") : Optional.empty());
    assertThat((List<Object>) out.get("lines")).containsExactly(
        Map.of("name", "A", "product", Map.of("type", "product", "id", "rec-1", "externalId", "300001")),
        Map.of("name", "B"));
    assertThat(out.get("name")).isEqualTo("D");
  }
}
