package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.MinorUnits;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each transform, both ways, with its empty, absent and refused values. */
class TransformTests {

  private static List<Object> values(Object... v) {
    return new ArrayList<>(Arrays.asList(v));
  }

  @Test
  void enumMapsCodesBothWaysCaseInsensitivelyAndRefusesWhatItHasNoEntryFor() {
    EnumTransform t = new EnumTransform(Map.of("closedwon", "won", "closedlost", "lost"),
        EnumTransform.Unmapped.REFUSE);
    assertThat(t.read(values("ClosedWon"))).containsExactly("won");
    assertThat(t.write(values("lost"))).containsExactly("closedlost");
    assertThat(t.read(values(""))).containsExactly("");
    assertThat(t.read(values((Object) null))).containsExactly((Object) null);
    assertThatThrownBy(() -> t.read(values("appointmentscheduled")))
        .isInstanceOfSatisfying(MappingValueException.class,
            e -> assertThat(e.code()).isEqualTo(MappingValueException.UNMAPPED_VALUE));
  }

  @Test
  void enumUnmappedKeepOrAbsent() {
    assertThat(new EnumTransform(Map.of("true", "unsubscribed"), EnumTransform.Unmapped.ABSENT)
        .read(values("false"))).containsExactly((Object) null);
    assertThat(new EnumTransform(Map.of("a", "b"), EnumTransform.Unmapped.KEEP).read(values("c"))).containsExactly("c");
  }

  /** {@code drop}: a code without an entry is left out both ways, while an empty value still clears. */
  @Test
  void enumUnmappedDropLeavesOutUnknownCodesButClearsEmpty() {
    java.util.LinkedHashMap<String, String> table = new java.util.LinkedHashMap<>();
    table.put("NOT_STARTED", "planned");
    table.put("COMPLETED", "completed");
    EnumTransform t = new EnumTransform(table, EnumTransform.Unmapped.DROP);
    assertThat(t.read(values("SOMETHING_NEW"))).containsExactly((Object) null);
    assertThat(t.write(values("cancelled"))).as("a state the vendor has no code for is not written")
        .containsExactly((Object) null);
    assertThat(t.read(values(""))).containsExactly("");
    assertThat(t.write(values(""))).containsExactly("");
    assertThat(t.read(values("completed"))).containsExactly("completed");
    assertThat(t.write(values("planned"))).containsExactly("NOT_STARTED");
  }

  /** {@code empty: NONE}: the vendor's code for no value is read as empty and written for an empty value. */
  @Test
  void enumEmptyCodeStandsForNoValue() {
    EnumTransform t = new EnumTransform(Map.of("LOW", "low", "HIGH", "high"), EnumTransform.Unmapped.DROP, "NONE");
    assertThat(t.read(values("NONE"))).containsExactly("");
    assertThat(t.read(values("none"))).containsExactly("");
    assertThat(t.read(values(""))).containsExactly("");
    assertThat(t.write(values(""))).containsExactly("NONE");
    assertThat(t.write(values("high"))).containsExactly("HIGH");
    assertThat(t.read(values((Object) null))).containsExactly((Object) null);
    assertThat(t.write(values((Object) null))).containsExactly((Object) null);
  }

  @Test
  void durationReadsTheEndAsStartPlusDurationAndWritesTheTimeBetween() {
    DurationTransform t = new DurationTransform(DateTimeTransform.of("iso", ZoneOffset.UTC, false),
        java.time.Duration.ofMillis(1));
    assertThat(t.read(values("2025-03-04T10:00:00.000Z", "754000")))
        .containsExactly("2025-03-04T10:00:00Z", "2025-03-04T10:12:34Z");
    assertThat(t.write(values("2025-03-04T10:00:00Z", "2025-03-04T10:12:34Z")))
        .containsExactly("2025-03-04T10:00:00Z", "754000");
    // each field is absent when its vendor field is
    assertThat(t.read(values("2025-03-04T10:00:00Z", null))).containsExactly("2025-03-04T10:00:00Z", null);
    assertThat(t.read(values(null, "1000"))).as("no start: the end cannot be computed").containsExactly(null, "");
    assertThat(t.write(values(null, "2025-03-04T10:12:34Z"))).containsExactly(null, "");
    // an end that cannot be computed is empty, never guessed
    assertThat(t.read(values("2025-03-04T10:00:00Z", "12.5"))).containsExactly("2025-03-04T10:00:00Z", "");
    assertThat(t.read(values("", "754000"))).containsExactly("", "");
    assertThat(t.write(values("2025-03-04T10:00:00Z", "2025-03-04T09:00:00Z"))).containsExactly("2025-03-04T10:00:00Z",
        "");
    assertThat(t.write(values("", ""))).containsExactly("", "");
    assertThat(t.readFrom(0, 2)).containsExactly(0);
    assertThat(t.readFrom(1, 2)).containsExactly(0, 1);

    DurationTransform seconds = new DurationTransform(DateTimeTransform.of("epoch-millis", ZoneOffset.UTC, false),
        java.time.Duration.ofSeconds(1));
    assertThat(seconds.read(values("1772357400000", "90"))).containsExactly("2026-03-01T09:30:00Z",
        "2026-03-01T09:31:30Z");
    assertThat(seconds.write(values("2026-03-01T09:30:00Z", "2026-03-01T09:31:30Z")))
        .containsExactly("1772357400000", "90");
    assertThatThrownBy(() -> seconds.write(values("2026-03-01T09:30:00Z", "2026-03-01T09:31:30.500Z")))
        .as("a duration finer than the unit is refused, not rounded").isInstanceOf(MappingValueException.class);
    assertThat(t.incompatibility(java.util.Collections.nCopies(2, dev.switchboard.app.canonical.ValueType.instant()),
        2, Direction.BOTH)).isNull();
    assertThat(t.incompatibility(List.of(dev.switchboard.app.canonical.ValueType.instant()), 2, Direction.BOTH))
        .contains("two canonical fields");
  }

  @Test
  void enumWritesTheFirstVendorCodeOfACanonicalCode() {
    java.util.LinkedHashMap<String, String> table = new java.util.LinkedHashMap<>();
    table.put("customer", "customer");
    table.put("client", "customer");
    assertThat(new EnumTransform(table, EnumTransform.Unmapped.REFUSE).write(values("customer")))
        .containsExactly("customer");
  }

  @Test
  void moneyToAndFromMinorUnitsWithAFixedCurrency() {
    MoneyTransform t = new MoneyTransform(true, MinorUnits.ISO_4217, "USD");
    assertThat(t.read(values("1250"))).containsExactly(Map.of("amount", "12.50", "currency", "USD"));
    assertThat(t.write(values(Map.of("amount", "12.5", "currency", "usd")))).containsExactly(1250L);
    MoneyTransform jpy = new MoneyTransform(true, MinorUnits.ISO_4217, "JPY");
    assertThat(jpy.write(values(Map.of("amount", "500", "currency", "JPY")))).containsExactly(500L);
    assertThat(t.read(values(""))).containsExactly("");
  }

  @Test
  void moneyRefusesRatherThanRoundsOrRelabels() {
    MoneyTransform t = new MoneyTransform(true, MinorUnits.ISO_4217, "USD");
    assertThatThrownBy(() -> t.write(values(Map.of("amount", "12.505", "currency", "USD"))))
        .isInstanceOf(MappingValueException.class);
    assertThatThrownBy(() -> t.write(values(Map.of("amount", "12.50", "currency", "EUR"))))
        .isInstanceOf(MappingValueException.class).hasMessageContaining("EUR where the vendor holds USD");
    assertThatThrownBy(() -> t.read(values("12.5"))).isInstanceOf(MappingValueException.class);
  }

  @Test
  void moneyAsADecimalStringWithTheCurrencyInASecondField() {
    MoneyTransform t = new MoneyTransform(false, MinorUnits.ISO_4217, null);
    assertThat(t.read(values("19.9", "eur"))).containsExactly(Map.of("amount", "19.90", "currency", "EUR"));
    assertThat(t.write(values(Map.of("amount", "19.90", "currency", "EUR")))).containsExactly("19.90", "EUR");
    assertThat(t.write(values(""))).containsExactly("", "");
  }

  @Test
  void moneyByStripesTable() {
    // Stripe counts ISK in hundredths although ISO 4217 gives it no minor unit
    MoneyTransform t = new MoneyTransform(true, MinorUnits.STRIPE, "ISK");
    assertThat(t.write(values(Map.of("amount", "5", "currency", "ISK")))).containsExactly(500L);
  }

  @Test
  void datetimeEpochMillisIsoAndPatternsInAZone() {
    DateTimeTransform millis = DateTimeTransform.of("epoch-millis", ZoneOffset.UTC, false);
    assertThat(millis.read(values("1772357400000"))).containsExactly("2026-03-01T09:30:00Z");
    assertThat(millis.write(values("2026-03-01T09:30:00Z"))).containsExactly("1772357400000");

    DateTimeTransform dateMillis = DateTimeTransform.of("epoch-millis", ZoneOffset.UTC, true);
    assertThat(dateMillis.write(values("2026-03-01"))).containsExactly("1772323200000");
    assertThat(dateMillis.read(values("1772323200000"))).containsExactly("2026-03-01");

    ZoneId berlin = ZoneId.of("Europe/Berlin");
    DateTimeTransform local = DateTimeTransform.of("dd.MM.yyyy HH:mm", berlin, false);
    assertThat(local.read(values("01.03.2026 10:30"))).containsExactly("2026-03-01T09:30:00Z");
    assertThat(local.write(values("2026-07-01T09:30:00Z"))).containsExactly("01.07.2026 11:30");

    DateTimeTransform iso = DateTimeTransform.of("iso", berlin, false);
    assertThat(iso.read(values("2026-03-01T10:30:00+01:00"))).containsExactly("2026-03-01T09:30:00Z");
    assertThat(iso.read(values("2026-03-01T10:30:00"))).containsExactly("2026-03-01T09:30:00Z");

    DateTimeTransform usDate = DateTimeTransform.of("MM/dd/yyyy", ZoneId.of("America/New_York"), true);
    assertThat(usDate.read(values("03/01/2026"))).containsExactly("2026-03-01");
    assertThat(usDate.write(values("2026-03-01"))).containsExactly("03/01/2026");
    assertThat(usDate.read(values(""))).containsExactly("");
    assertThatThrownBy(() -> usDate.read(values("2026-03-01"))).isInstanceOf(MappingValueException.class);
  }

  @Test
  void nameSplitAndJoin() {
    NameTransform split = new NameTransform(true);
    assertThat(split.read(values("Mary Ann  Smith"))).containsExactly("Mary Ann", "Smith");
    assertThat(split.read(values("Cher"))).containsExactly("Cher", "");
    assertThat(split.write(values("Mary", ""))).containsExactly("Mary");
    assertThat(split.write(values("Mary", "Smith"))).containsExactly("Mary Smith");
    assertThat(split.write(values(null, null))).containsExactly((Object) null);

    NameTransform join = new NameTransform(false);
    assertThat(join.read(values("Ada", "Lovelace"))).containsExactly("Ada Lovelace");
    assertThat(join.write(values("Ada King Lovelace"))).containsExactly("Ada King", "Lovelace");
  }

  @Test
  void defaultFillsEmptyButNotAbsent() {
    DefaultTransform t = new DefaultTransform("subscriber");
    assertThat(t.read(values(""))).containsExactly("subscriber");
    assertThat(t.read(values("lead"))).containsExactly("lead");
    assertThat(t.read(values((Object) null))).containsExactly((Object) null);
    assertThat(t.write(values(" "))).containsExactly("subscriber");
  }

  @Test
  void constantIsTheValueWhateverTheOtherSideHolds() {
    ConstantTransform t = new ConstantTransform("switchboard");
    assertThat(t.write(values())).containsExactly("switchboard");
    assertThat(t.read(values("anything"))).containsExactly("switchboard");
    assertThat(t.incompatibility(List.of(), 1, Direction.WRITE)).isNull();
    assertThat(t.incompatibility(List.of(), 1, Direction.BOTH)).contains("one way");
  }

  @Test
  void concatJoinsTheNonEmptyParts() {
    ConcatTransform t = new ConcatTransform(" · ");
    assertThat(t.write(values("Acme", "", "Berlin"))).containsExactly("Acme · Berlin");
    assertThat(t.read(values(null, null))).containsExactly((Object) null);
  }

  @Test
  void addressFromSixFlatFieldsAndBack() {
    AddressTransform t = new AddressTransform(List.of());
    assertThat(t.read(values("1 Main St", "", "Springfield", "IL", "62701", "US")))
        .containsExactly(Map.of("lines", List.of("1 Main St"), "city", "Springfield", "region", "IL",
            "postalCode", "62701", "country", "US"));
    assertThat(t.read(values("", "", "", "", "", ""))).containsExactly("");
    assertThat(t.read(values(null, null, null, null, null, null))).containsExactly((Object) null);
    assertThat(t.write(values(Map.of("lines", List.of("1 Main St", "Floor 2", "Suite 5"), "city", "Springfield"))))
        .containsExactly("1 Main St", "Floor 2, Suite 5", "Springfield", "", "", "");
  }

  @Test
  void addressAsOneObjectField() {
    AddressTransform t = new AddressTransform(List.of("addr1", "addr2", "city", "state", "zip", "country"));
    assertThat(t.read(values(Map.of("addr1", "1 Main St", "city", "Springfield", "state", "IL", "zip", "62701"))))
        .containsExactly(Map.of("lines", List.of("1 Main St"), "city", "Springfield", "region", "IL",
            "postalCode", "62701"));
    assertThat(t.write(values(Map.of("lines", List.of("1 Main St"), "city", "Springfield", "region", "IL",
        "postalCode", "62701", "country", "US"))))
        .containsExactly(Map.of("addr1", "1 Main St", "addr2", "", "city", "Springfield", "state", "IL",
            "zip", "62701", "country", "US"));
  }
}
