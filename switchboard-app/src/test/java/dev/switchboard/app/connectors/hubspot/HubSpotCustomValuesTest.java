package dev.switchboard.app.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.mapping.FieldSpec;
import org.junit.jupiter.api.Test;

/** A custom field's text in the form a typed HubSpot property takes. */
class HubSpotCustomValuesTest {

  @Test
  void aBoolTakesTrueOrFalseFromTheWaysPeopleSayYesAndNo() {
    for (String yes : new String[] {"true", "TRUE", "Yes", "y", "1", "on", " checked "}) {
      assertThat(HubSpotCustomValues.value(FieldSpec.BOOL, yes)).as(yes).isEqualTo("true");
    }
    for (String no : new String[] {"false", "No", "n", "0", "OFF", "unchecked"}) {
      assertThat(HubSpotCustomValues.value(FieldSpec.BOOL, no)).as(no).isEqualTo("false");
    }
    assertThat(HubSpotCustomValues.value(FieldSpec.BOOL, "perhaps")).as("HubSpot refuses it, visibly")
        .isEqualTo("perhaps");
  }

  @Test
  void aDateTakesTheCalendarDateOfAnInstantInUtc() {
    assertThat(HubSpotCustomValues.value(FieldSpec.DATE, "2024-01-15")).isEqualTo("2024-01-15");
    assertThat(HubSpotCustomValues.value(FieldSpec.DATE, "2024-01-15T23:30:00-02:00")).isEqualTo("2024-01-16");
    assertThat(HubSpotCustomValues.value(FieldSpec.DATE, "2024-01-15T00:00:00Z")).isEqualTo("2024-01-15");
    assertThat(HubSpotCustomValues.value(FieldSpec.DATE, "1705276800000")).isEqualTo("2024-01-15");
    assertThat(HubSpotCustomValues.value(FieldSpec.DATE, "15/01/2024")).as("day or month first: not guessed")
        .isEqualTo("15/01/2024");
  }

  @Test
  void otherPropertiesGetTheTextAsItIs() {
    assertThat(HubSpotCustomValues.value(FieldSpec.TEXT, "Yes")).isEqualTo("Yes");
    assertThat(HubSpotCustomValues.value(FieldSpec.NUMBER, " 42 ")).isEqualTo(" 42 ");
    assertThat(HubSpotCustomValues.value(FieldSpec.ENUMERATION, "1")).isEqualTo("1");
  }
}
