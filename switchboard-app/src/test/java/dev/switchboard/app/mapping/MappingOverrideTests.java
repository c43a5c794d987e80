package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Overrides layered over the default files: validation, the setting they are carried by, what changed, the view. */
class MappingOverrideTests {
  private static final MappingFile HUBSPOT = MappingCatalog.defaults().file("hubspot", "contact");
  private static final MappingFile MAILCHIMP = MappingCatalog.defaults().file("mailchimp", "member");

  private static MappingOverride.Entry entry(String canonical, String vendor) {
    return new MappingOverride.Entry(canonical, vendor, "both");
  }

  @Test
  void theShorthandIsTheSettingTheBindingsRead() {
    assertThat(MappingOverride.shorthand("hubspot", List.of(entry("custom.tier", "loyalty_tier"),
        entry("custom.vip", "hs_vip")))).isEqualTo("tier=loyalty_tier,vip=hs_vip");
    assertThat(MappingOverride.shorthand("mailchimp", List.of(entry("phone", "merge_fields.MOBILE"))))
        .isEqualTo("phone=MOBILE");
    assertThat(MappingOverride.settingKey("mailchimp")).isEqualTo("mergeFields");
  }

  @Test
  void anAddressGoesOnlyToAnAddressMergeFieldNotToAText() {
    // a custom merge field is created as text; the address is a structure only ADDRESS (type address) takes
    assertThatThrownBy(() -> MappingOverride.validate(MAILCHIMP, List.of(entry("address", "merge_fields.HOME"))))
        .isInstanceOfSatisfying(MappingOverride.Refused.class, r -> {
          assertThat(r.code()).isEqualTo("incompatible_types");
          assertThat(r.field()).isEqualTo("fields[0].vendor");
        });
  }

  @Test
  void changedFieldsAreTheAddedRemovedAndRemappedOnes() {
    assertThat(MappingOverride.changedFields(
        List.of(entry("custom.a", "a"), entry("custom.b", "b"), entry("custom.c", "c")),
        List.of(entry("custom.a", "a"), entry("custom.b", "b2"), entry("custom.d", "d"))))
        .containsExactlyInAnyOrder("custom.b", "custom.c", "custom.d");
  }

  @Test
  void refusalsNameTheEntryAndKey() {
    assertThatThrownBy(() -> MappingOverride.validate(HUBSPOT, List.of(entry("custom.a", "a"),
        entry("firstName", "first_name"))))
        .isInstanceOfSatisfying(MappingOverride.Refused.class, r -> {
          assertThat(r.code()).isEqualTo("unsupported_override");
          assertThat(r.field()).isEqualTo("fields[1].canonical");
        });
    assertThatThrownBy(() -> MappingOverride.validate(MAILCHIMP, List.of(entry("custom.a", "merge_fields.A"),
        entry("custom.b", "merge_fields.A"))))
        .isInstanceOfSatisfying(MappingOverride.Refused.class, r -> assertThat(r.code()).isEqualTo("duplicate_field"));
    assertThatThrownBy(() -> MappingOverride.validate(MAILCHIMP, List.of(entry("custom.a", "merge_fields.FNAME"))))
        .isInstanceOfSatisfying(MappingOverride.Refused.class, r -> assertThat(r.getMessage())
            .contains("already mapped to firstName"));
    // an entry cannot smuggle keys into the file it is checked as
    assertThatThrownBy(() -> MappingOverride.validate(HUBSPOT, List.of(
        new MappingOverride.Entry("custom.a\n    transform: {constant: x}", "a", "both"))))
        .isInstanceOfSatisfying(MappingOverride.Refused.class, r -> assertThat(r.code()).isEqualTo("unknown_field"));
  }

  @Test
  void vendorValuesGoThroughTheFilesTransformsAndTheOverride() {
    Map<String, Object> desired = new java.util.LinkedHashMap<>();
    desired.put("firstName", "Ada");
    desired.put("phone", "+14155550100");
    desired.put("address", Map.of("lines", List.of("1 Main St"), "city", "Springfield", "region", "IL",
        "postalCode", "62701"));
    assertThat(MappingOverride.vendorValues(MAILCHIMP, List.of(entry("phone", "merge_fields.MOBILE")), desired))
        .containsEntry("merge_fields.FNAME", "Ada")
        .containsEntry("merge_fields.MOBILE", "+14155550100")
        .doesNotContainKey("merge_fields.PHONE")
        .containsEntry("merge_fields.ADDRESS", Map.of("addr1", "1 Main St", "addr2", "", "city", "Springfield",
            "state", "IL", "zip", "62701", "country", ""));
  }
}
