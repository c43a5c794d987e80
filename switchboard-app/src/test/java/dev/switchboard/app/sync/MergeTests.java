package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeTests {
  static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-01-01T11:00:00Z");
  static final List<String> PRIORITY = List.of("api", "hubspot", "mailchimp");

  @Test
  void aNumberIsOneValueWhateverClassJsonGaveItSoNoFalseDifferenceMakesAnEchoWrite() {
    assertThat(Merge.sameValue(100, 100L)).isTrue();
    assertThat(Merge.sameValue(100L, 100.0)).isTrue();
    assertThat(Merge.sameValue(new java.math.BigDecimal("100.00"), 100)).isTrue();
    assertThat(Merge.sameValue(List.of(1, Map.of("n", 2)), List.of(1L, Map.of("n", 2.0)))).isTrue();
    assertThat(Merge.sameValue(100, 101L)).isFalse();
    assertThat(Merge.sameValue(Double.NaN, Double.NaN)).isTrue();
    assertThat(Merge.sameValue(Double.NaN, 1)).isFalse();
    assertThat(Merge.sameValue("100", 100)).isFalse(); // a text is not a number
  }

  @Test
  void newerSourceValueWinsFieldByField() {
    Map<String, FieldValue> golden = Map.of(
        "phone", new FieldValue("+15550001", "hubspot", T1),
        "firstName", new FieldValue("Ann", "hubspot", T2));
    Merge.Result r = Merge.apply(golden, Map.of("phone", "+15550002", "firstName", "Anne"), "mailchimp",
        Instant.parse("2026-01-01T10:30:00Z"), PRIORITY);
    assertThat(r.fields().get("phone").value()).isEqualTo("+15550002");
    assertThat(r.fields().get("phone").system()).isEqualTo("mailchimp");
    assertThat(r.fields().get("firstName").value()).isEqualTo("Ann"); // golden is newer: kept
    assertThat(r.changes()).extracting(Merge.Change::field).containsExactly("phone");
  }

  @Test
  void equalValueIsNeverAChangeEvenWhenNewer() {
    Map<String, FieldValue> golden = Map.of("email", new FieldValue("a@x.io", "hubspot", T1));
    Merge.Result r = Merge.apply(golden, Map.of("email", "a@x.io"), "mailchimp", T2, PRIORITY);
    assertThat(r.changed()).isFalse();
    assertThat(r.fields().get("email").system()).isEqualTo("hubspot");
  }

  @Test
  void tiesAreBrokenBySystemPriority() {
    Map<String, FieldValue> golden = Map.of("company", new FieldValue("Acme", "mailchimp", T1));
    assertThat(Merge.apply(golden, Map.of("company", "ACME Inc"), "hubspot", T1, PRIORITY).changed()).isTrue();
    Map<String, FieldValue> golden2 = Map.of("company", new FieldValue("Acme", "hubspot", T1));
    assertThat(Merge.apply(golden2, Map.of("company", "ACME Inc"), "mailchimp", T1, PRIORITY).changed()).isFalse();
  }

  @Test
  void absentGoldenFieldIsTakenWhateverItsAge() {
    Merge.Result r = Merge.apply(Map.of(), Map.of("tags", List.of("vip")), "mailchimp", Instant.EPOCH, PRIORITY);
    assertThat(r.fields().get("tags").value()).isEqualTo(List.of("vip"));
    assertThat(r.changes()).hasSize(1);
  }

  @Test
  void aSystemsNewerReportOfTheSameInstantReplacesItsOwnEarlierValue() {
    Map<String, FieldValue> golden = Map.of("firstName", new FieldValue("Gus", "hubspot", T1));
    assertThat(Merge.apply(golden, Map.of("firstName", "Gustav"), "hubspot", T1, PRIORITY).fields().get("firstName")
        .value()).isEqualTo("Gustav");
    // another system at the same instant still loses to the higher-priority one
    assertThat(Merge.apply(golden, Map.of("firstName", "G"), "mailchimp", T1, PRIORITY).changed()).isFalse();
  }
}
