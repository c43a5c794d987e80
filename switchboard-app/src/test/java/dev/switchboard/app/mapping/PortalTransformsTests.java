package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.MinorUnits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The transforms whose table is the connection's or the binding's (a portal's pipeline stages, its currency, a
 * computation), and the others deals, line items and products need (a recurrence code, a reference, an offset, child
 * objects): both ways, with empty, absent and refused values, unbound and bound.
 */
class PortalTransformsTests {

  private static List<@Nullable Object> values(@Nullable Object... v) {
    return new ArrayList<>(Arrays.asList(v));
  }

  /** Two pipelines: {@code default} by HubSpot's ids, {@code p2} with its own ids, one of them mapped to nothing. */
  private static final PipelineStageTransform.Stages STAGES = new PipelineStageTransform.Stages() {
    private final Map<String, Map<String, String>> table = Map.of(
        "default", Map.of("closedwon", "closed_won", "qualifiedtobuy", "qualified_to_buy"),
        "p2", Map.of("s-won", "closed_won", "s-odd", ""));

    @Override
    public @Nullable String canonical(String pipeline, String stage) {
      String c = table.getOrDefault(pipeline, Map.of()).get(stage);
      return c == null || c.isEmpty() ? null : c;
    }

    @Override
    public Optional<String> stage(String pipeline, String canonical) {
      return table.getOrDefault(pipeline, Map.of()).entrySet().stream().filter(e -> e.getValue().equals(canonical))
          .map(Map.Entry::getKey).findFirst();
    }
  };

  @Test
  void aStageMapsByTheStagesOfItsPipelineTheDefaultOneWhenItNamesNone() {
    PipelineStageTransform t = new PipelineStageTransform("default", null).bind(STAGES);
    assertThat(t.read(values("closedwon", ""))).containsExactly("closed_won", "");
    assertThat(t.read(values("s-won", "p2"))).containsExactly("closed_won", "p2");
    assertThat(t.read(values("s-odd", "p2"))).as("no canonical stage: left out, never guessed")
        .containsExactly(null, "p2");
    assertThat(t.read(values("", "p2"))).containsExactly("", "p2");
    assertThat(t.read(values(null, "p2"))).containsExactly(null, "p2");
    assertThat(t.write(values("closed_won", "p2"))).containsExactly("s-won", "p2");
    assertThat(t.write(values("qualified_to_buy", null))).as("the pipeline goes with the stage")
        .containsExactly("qualifiedtobuy", "default");
    assertThat(t.write(values(null, "p2"))).containsExactly(null, "p2");
    assertThat(t.write(values("", ""))).containsExactly("", "default");
    assertThatThrownBy(() -> t.write(values("qualified_to_buy", "p2")))
        .isInstanceOfSatisfying(MappingValueException.class,
            e -> assertThat(e.code()).isEqualTo(MappingValueException.UNMAPPED_VALUE));
  }

  @Test
  void anUnboundPipelineStageMapsNothing() {
    PipelineStageTransform t = new PipelineStageTransform("default", null);
    assertThatThrownBy(() -> t.read(values("closedwon", "default"))).isInstanceOf(IllegalStateException.class);
    assertThat(t.pipelineOf("")).isEqualTo("default");
  }

  @Test
  void moneyInTheAccountsCurrencyPrefersTheRecordsOwnAndNeverWritesIt() {
    PortalMoneyTransform unbound = new PortalMoneyTransform(false, MinorUnits.ISO_4217, null);
    assertThat(unbound.read(values("12.50", ""))).as("no currency known: left out").containsExactly((Object) null);
    assertThat(unbound.read(values("12.50", "EUR"))).containsExactly(Map.of("amount", "12.50", "currency", "EUR"));
    PortalMoneyTransform usd = unbound.bind("USD");
    assertThat(usd.read(values("12.50", ""))).containsExactly(Map.of("amount", "12.50", "currency", "USD"));
    assertThat(usd.read(values("12.50"))).containsExactly(Map.of("amount", "12.50", "currency", "USD"));
    assertThat(usd.read(values("12.50", "EUR"))).as("a deal in a portal of several currencies: its own")
        .containsExactly(Map.of("amount", "12.50", "currency", "EUR"));
    assertThat(usd.read(values("", null))).containsExactly("");
    assertThat(usd.read(values(null, "USD"))).containsExactly((Object) null);
    assertThat(usd.write(values(Map.of("amount", "12.5", "currency", "usd")))).containsExactly("12.5", null);
    assertThat(usd.write(values(""))).containsExactly("", null);
    assertThatThrownBy(() -> usd.write(values(Map.of("amount", "1", "currency", "EUR"))))
        .isInstanceOf(MappingValueException.class).hasMessageContaining("EUR where the account holds USD");
    PortalMoneyTransform minor = new PortalMoneyTransform(true, MinorUnits.ISO_4217, "USD");
    assertThat(minor.read(values("1250"))).containsExactly(Map.of("amount", "12.50", "currency", "USD"));
    assertThat(minor.write(values(Map.of("amount", "12.5", "currency", "USD")))).containsExactly("1250", null);
  }

  @Test
  void aRecurrenceCodeIsAnIntervalAndACount() {
    Map<String, IntervalTransform.Interval> codes = new LinkedHashMap<>();
    codes.put("monthly", new IntervalTransform.Interval("month", 1));
    codes.put("quarterly", new IntervalTransform.Interval("month", 3));
    IntervalTransform t = new IntervalTransform(codes, "one_time");
    assertThat(t.read(values("Quarterly"))).containsExactly("month", 3L);
    assertThat(t.read(values(""))).containsExactly("one_time", "");
    assertThat(t.read(values("weekly"))).as("no entry: left out").containsExactly(null, null);
    assertThat(t.write(values("month", "3"))).containsExactly("quarterly");
    assertThat(t.write(values("month", ""))).as("no count is one").containsExactly("monthly");
    assertThat(t.write(values("one_time", null))).containsExactly("");
    assertThat(t.write(values(null, 3))).as("a count alone says nothing").containsExactly((Object) null);
    assertThatThrownBy(() -> t.write(values("month", 2))).isInstanceOfSatisfying(MappingValueException.class,
        e -> assertThat(e.code()).isEqualTo(MappingValueException.UNMAPPED_VALUE));
    assertThatThrownBy(() -> t.write(values("month", "1.5"))).isInstanceOf(MappingValueException.class);
  }

  @Test
  void aReferenceAnOffsetAndChildren() {
    RefTransform ref = new RefTransform("product");
    assertThat(ref.read(values("300001"))).containsExactly(Map.of("type", "product", "externalId", "300001"));
    assertThat(ref.read(values(""))).containsExactly((Object) null);
    assertThat(ref.write(values(Map.of("type", "product", "id", "rec-1", "externalId", "300001"))))
        .containsExactly("300001");
    assertThat(ref.write(values(Map.of("type", "product", "id", "rec-1")))).as("not at this vendor yet")
        .containsExactly((Object) null);

    OffsetTransform offset = new OffsetTransform(1);
    assertThat(offset.read(values("0"))).containsExactly(1L);
    assertThat(offset.write(values(3L))).containsExactly(2L);
    assertThat(offset.read(values(""))).containsExactly("");
    assertThatThrownBy(() -> offset.write(values("first"))).isInstanceOf(MappingValueException.class);

    ChildrenTransform children = new ChildrenTransform("line_item");
    assertThat(children.read(values("x"))).containsExactly((Object) null);
    assertThat(children.write(values(List.of(Map.of("name", "a"))))).containsExactly((Object) null);
  }

  @Test
  void aComputationIsTheBindingsOnceBound() {
    ComputedTransform t = new ComputedTransform("double", null);
    assertThatThrownBy(() -> t.read(values("2"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("double");
    ComputedTransform bound = t.bind(new ComputedTransform.Computation() {
      @Override
      public List<@Nullable Object> read(List<@Nullable Object> vendor) {
        return values(Long.parseLong(String.valueOf(vendor.get(0))) * 2);
      }

      @Override
      public List<@Nullable Object> write(List<@Nullable Object> canonical) {
        return values(Long.parseLong(String.valueOf(canonical.get(0))) / 2);
      }
    });
    assertThat(bound.read(values("2"))).containsExactly(4L);
    assertThat(bound.write(values(4L))).containsExactly(2L);
  }

  @Test
  void isoInstantReadsEitherFormOfAVendorsDateTimeAndWritesTheInstant() {
    DateTimeTransform t = DateTimeTransform.of(DateTimeTransform.ISO_INSTANT, java.time.ZoneOffset.UTC, true);
    assertThat(t.read(values("2025-03-31T00:00:00.000Z", "1743379200000", "2025-03-31", "")))
        .containsExactly("2025-03-31", "2025-03-31", "2025-03-31", "");
    assertThat(t.write(values("2025-03-31"))).containsExactly("2025-03-31T00:00:00Z");
    assertThatThrownBy(() -> t.read(values("31.03.2025"))).isInstanceOf(MappingValueException.class);
  }
}
