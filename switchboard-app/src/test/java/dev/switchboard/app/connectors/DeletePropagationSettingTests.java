package dev.switchboard.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code deletePropagation.<type>} connection setting: off unless said, only what the connector can honour. */
class DeletePropagationSettingTests {
  /**
   * A connector that archives contacts (its vendor type {@code person}) and can delete nothing else: the setting names
   * the canonical type, the connector's semantics are per vendor type.
   */
  private static Connector archivingContacts() {
    Connector c = org.mockito.Mockito.mock(Connector.class, org.mockito.Mockito.CALLS_REAL_METHODS);
    org.mockito.Mockito.doReturn("acme").when(c).system();
    org.mockito.Mockito.doReturn(java.util.List.of(VendorType.of("person", "contact"), VendorType.of("org", "company")))
        .when(c).vendorTypes();
    org.mockito.Mockito.doAnswer(i -> "person".equals(i.getArgument(0)) ? Optional.of(DeleteSemantics.ARCHIVE)
        : Optional.empty()).when(c).deleteSemantics(org.mockito.ArgumentMatchers.anyString());
    return c;
  }

  @Test
  void offUnlessTurnedOnForThatType() {
    assertThat(DeletePropagationSetting.enabled(Map.of(), "contact")).isFalse();
    assertThat(DeletePropagationSetting.enabled(Map.of("deletePropagation.contact", "off"), "contact")).isFalse();
    assertThat(DeletePropagationSetting.enabled(Map.of("deletePropagation.contact", "archive"), "contact")).isTrue();
    assertThat(DeletePropagationSetting.enabled(Map.of("deletePropagation.contact", " On "), "contact")).isTrue();
    assertThat(DeletePropagationSetting.enabled(Map.of("deletePropagation.contact", "on"), "company")).isFalse();
  }

  @Test
  void onOffOrTheDeclaredSemanticsAreAccepted() {
    for (String value : List.of("on", "off", "archive", "ARCHIVE")) {
      assertThat(DeletePropagationSetting.refusal(archivingContacts(), Map.of("deletePropagation.contact", value)))
          .as(value).isEmpty();
    }
    assertThat(DeletePropagationSetting.refusal(archivingContacts(), Map.of("listId", "x"))).isEmpty();
  }

  @Test
  void anotherSemanticsATypeItCannotDeleteOrAnyFinancialTypeIsRefused() {
    assertThat(DeletePropagationSetting.refusal(archivingContacts(), Map.of("deletePropagation.contact", "hard_delete")))
        .get().asString().contains("off, on or archive");
    assertThat(DeletePropagationSetting.refusal(archivingContacts(), Map.of("deletePropagation.company", "on")))
        .get().asString().contains("acme cannot delete company");
    for (String type : List.of("invoice", "payment", "subscription")) {
      assertThat(DeletePropagationSetting.refusal(archivingContacts(), Map.of("deletePropagation." + type, "on")))
          .as(type).get().asString().contains("never propagated");
      assertThat(DeletePropagationSetting.enabled(Map.of("deletePropagation." + type, "on"), type)).isFalse();
      assertThat(DeletePropagationSetting.refusal(archivingContacts(), Map.of("deletePropagation." + type, "off")))
          .isEmpty();
    }
  }
}
