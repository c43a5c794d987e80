package dev.switchboard.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** The {@code repeatMerges} connection setting: off unless said, {@code true} or {@code false}, only where it can merge. */
class RepeatMergesSettingTests {
  private static Connector merging(Set<String> types) {
    Connector c = Mockito.mock(Connector.class, Mockito.CALLS_REAL_METHODS);
    Mockito.doReturn("acme").when(c).system();
    Mockito.doReturn(types).when(c).mergeableTypes();
    return c;
  }

  @Test
  void offUnlessTurnedOn() {
    assertThat(RepeatMergesSetting.enabled(Map.of())).isFalse();
    assertThat(RepeatMergesSetting.enabled(Map.of("repeatMerges", "false"))).isFalse();
    assertThat(RepeatMergesSetting.enabled(Map.of("repeatMerges", "true"))).isTrue();
    assertThat(RepeatMergesSetting.enabled(Map.of("repeatMerges", " TRUE "))).isTrue();
  }

  @Test
  void onlyTrueOrFalseAndOnlyForAConnectorThatCanMerge() {
    Connector hub = merging(Set.of("contact"));
    assertThat(RepeatMergesSetting.refusal(hub, Map.of())).isEmpty();
    assertThat(RepeatMergesSetting.refusal(hub, Map.of("repeatMerges", "true"))).isEmpty();
    assertThat(RepeatMergesSetting.refusal(hub, Map.of("repeatMerges", "false"))).isEmpty();
    assertThat(RepeatMergesSetting.refusal(hub, Map.of("repeatMerges", "yes"))).get().asString()
        .contains("true or false");
    assertThat(RepeatMergesSetting.refusal(merging(Set.of()), Map.of("repeatMerges", "true"))).get().asString()
        .contains("cannot merge");
    assertThat(RepeatMergesSetting.refusal(merging(Set.of()), Map.of("repeatMerges", "false"))).isEmpty();
  }
}
