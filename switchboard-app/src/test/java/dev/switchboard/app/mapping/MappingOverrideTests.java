package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Overrides layered over the default files: validation, the setting they are carried by, what changed, the view. */
class MappingOverrideTests {
  private static final MappingFile HUBSPOT = MappingCatalog.defaults().file("hubspot", "contact");
  private static final MappingFile COMPANY = MappingCatalog.defaults().file("hubspot", "company");
  private static final MappingFile MAILCHIMP = MappingCatalog.defaults().file("mailchimp", "member");
  /** HubSpot's lifecycle stages ⇄ a portal's own labels, as a tenant would map them to a custom property. */
  private static final Map<String, Object> STAGES = Map.of("enum", Map.of(
      "map", Map.of("Prospect", "lead", "Client", "customer"), "unmapped", "absent"));

  private static MappingOverride.Entry entry(String canonical, String vendor) {
    return new MappingOverride.Entry(canonical, vendor, "both");
  }

  private static void validate(MappingFile f, List<MappingOverride.Entry> entries) {
    MappingOverride.validate(f, entries, Map.of());
  }

  private static void refused(Runnable r, String code, String field) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(MappingOverride.Refused.class, x -> {
      assertThat(x.code()).isEqualTo(code);
      assertThat(x.field()).isEqualTo(field);
    });
  }

  @Test
  void theEntriesAreCarriedAsJsonAndTheConnectTimeSettingsStillApply() {
    List<MappingOverride.Entry> entries = List.of(
        new MappingOverride.Entry("lifecycleStage", "client_stage", "both", STAGES), entry("custom.tier", "tier"));
    String json = MappingOverride.toSetting(entries);
    assertThat(MappingOverride.settingKey("contact")).isEqualTo("mapping.contact");
    assertThat(MappingOverride.applied(HUBSPOT, Map.of("mapping.contact", json))).isEqualTo(entries);
    assertThat(MappingOverride.toSetting(List.of())).isNull();
    // the setting typed at connect time applies while there is no mapping.<type>; the new one wins over it
    assertThat(MappingOverride.applied(HUBSPOT, Map.of("customProperties", "tier=Loyalty_Tier")))
        .containsExactly(entry("custom.tier", "loyalty_tier"));
    assertThat(MappingOverride.applied(HUBSPOT, Map.of("customProperties", "tier=x", "mapping.contact", json)))
        .isEqualTo(entries);
    assertThat(MappingOverride.applied(MAILCHIMP, Map.of("mergeFields", "phone=mobile,email=X")))
        .containsExactly(entry("phone", "merge_fields.MOBILE"));
    assertThat(MappingOverride.applied(COMPANY, Map.of("customProperties", "tier=tier"))).isEmpty();
  }

  @Test
  void anEntryReplacesTheDefaultRulesOfItsFieldAndOfItsVendorField() {
    MappingFile effective = EffectiveMapping.of(HUBSPOT, List.of(
        new MappingOverride.Entry("lifecycleStage", "client_stage", "both", STAGES),
        new MappingOverride.Entry("custom.first", "firstname", "read")));
    assertThat(effective.ruleForVendor("lifecyclestage")).isEmpty();
    assertThat(effective.rule("firstName")).isEmpty();
    assertThat(effective.rule("lifecycleStage").orElseThrow().vendor()).containsExactly("client_stage");
    assertThat(effective.writtenFields()).contains("lifecycleStage").doesNotContain("firstName", "custom.first");
    assertThat(effective.readVendorFields()).contains("client_stage", "firstname").doesNotContain("lifecyclestage");
    assertThat(MappingOverride.vendorValues(effective, Map.of("lifecycleStage", "customer", "firstName", "Ada")))
        .containsEntry("client_stage", "Client").doesNotContainKeys("lifecyclestage", "firstname");
    // the bindings' view: cached by setting value, the file itself without an override
    Map<String, String> settings = Map.of("mapping.contact", MappingOverride.toSetting(List.of(
        new MappingOverride.Entry("lifecycleStage", "client_stage", "both", STAGES))));
    assertThat(EffectiveMapping.of(HUBSPOT, settings)).isSameAs(EffectiveMapping.of(HUBSPOT, Map.copyOf(settings)));
    assertThat(EffectiveMapping.of(HUBSPOT, Map.of("filter.contact", "{}"))).isSameAs(HUBSPOT);
    assertThat(EffectiveMapping.of(HUBSPOT, settings).rule("lifecycleStage").orElseThrow().transform()
        .read(new java.util.ArrayList<>(List.of("Prospect")))).containsExactly("lead");
  }

  @Test
  void aTransformTakesTheFilesShapesIncludingTheOneParameterScalar() {
    validate(COMPANY, List.of(new MappingOverride.Entry("employeeCount", "employees", "both", "default: 1")));
    MappingFile f = EffectiveMapping.of(COMPANY, List.of(
        new MappingOverride.Entry("employeeCount", "employees", "write", "default: 1")));
    assertThat(f.rule("employeeCount").orElseThrow().transform()).isEqualTo(new DefaultTransform("1"));
    assertThat(f.readRules()).noneMatch(r -> r.canonical().contains("employeeCount"));
  }

  @Test
  void anAddressGoesOnlyToAnAddressMergeFieldNotToAText() {
    // a custom merge field is created as text; the address is a structure only ADDRESS (type address) takes
    refused(() -> validate(MAILCHIMP, List.of(entry("address", "merge_fields.HOME"))), "incompatible_types",
        "fields[0].vendor");
  }

  @Test
  void aTransformForOtherValueTypesIsIncompatible() {
    // an enum table maps onto an enum field; a company's employee count is an integer
    refused(() -> validate(COMPANY, List.of(entry("industry", "industry"),
        new MappingOverride.Entry("employeeCount", "numberofemployees", "both", STAGES))), "incompatible_types",
        "fields[1].transform");
    // a table naming a stage the canonical field does not declare
    refused(() -> validate(HUBSPOT, List.of(new MappingOverride.Entry("lifecycleStage", "stage", "both",
        Map.of("enum", Map.of("map", Map.of("Prospect", "prospect")))))), "incompatible_types", "fields[0].transform");
  }

  @Test
  void aTransformThatCannotApplyIsRefused() {
    // a name split maps one vendor field to two canonical fields
    refused(() -> validate(HUBSPOT, List.of(new MappingOverride.Entry("custom.name", "full_name", "both",
        "name: split"))), "transform_not_applicable", "fields[0].transform");
    refused(() -> validate(HUBSPOT, List.of(new MappingOverride.Entry("custom.a", "a", "both", "rot13"))),
        "transform_not_applicable", "fields[0].transform");
  }

  @Test
  void aReadOnlyMappingOfAFieldTheSystemMayNotChangeBreaksAuthority() {
    Map<String, Set<String>> authority = Map.of("lifecycleStage", Set.of("mailchimp", "api"));
    refused(() -> MappingOverride.validate(HUBSPOT, List.of(new MappingOverride.Entry("lifecycleStage", "stage",
        "read")), authority), "direction_breaks_authority", "fields[0].direction");
    // written to HubSpot, the field still does something; without a tenant rule every system may change it
    MappingOverride.validate(HUBSPOT, List.of(new MappingOverride.Entry("lifecycleStage", "stage", "write")),
        authority);
    MappingOverride.validate(HUBSPOT, List.of(new MappingOverride.Entry("lifecycleStage", "stage", "read")),
        Map.of());
  }

  @Test
  void changedFieldsCountAnotherVendorFieldDirectionOrTransform() {
    assertThat(MappingOverride.changedFields(HUBSPOT,
        List.of(entry("custom.a", "a"), entry("custom.b", "b"), entry("custom.c", "c")),
        List.of(entry("custom.a", "a"), entry("custom.b", "b2"), entry("custom.d", "d"))))
        .containsExactlyInAnyOrder("custom.b", "custom.c", "custom.d");
    assertThat(MappingOverride.changedFields(HUBSPOT, List.of(entry("custom.a", "a")),
        List.of(new MappingOverride.Entry("custom.a", "a", "read")))).containsExactly("custom.a");
    assertThat(MappingOverride.changedFields(HUBSPOT, List.of(),
        List.of(new MappingOverride.Entry("lifecycleStage", "lifecyclestage", "both", STAGES))))
        .containsExactly("lifecycleStage");
    assertThat(MappingOverride.changedFields(HUBSPOT, List.of(),
        List.of(entry("lifecycleStage", "lifecyclestage")))).isEmpty();
    // taking over firstname unmaps firstName
    assertThat(MappingOverride.changedFields(HUBSPOT, List.of(), List.of(entry("custom.first", "firstname"))))
        .containsExactlyInAnyOrder("firstName", "custom.first");
  }

  @Test
  void refusalsNameTheEntryAndKey() {
    refused(() -> validate(HUBSPOT, List.of(entry("custom.a", "a"), entry("nickname", "nick"))), "unknown_field",
        "fields[1].canonical");
    refused(() -> validate(HUBSPOT, List.of(entry("custom.a", "a b"))), "invalid_value", "fields[0].vendor");
    refused(() -> validate(MAILCHIMP, List.of(entry("custom.a", "merge_fields.A"), entry("custom.b",
        "merge_fields.A"))), "duplicate_field", "fields[1].vendor");
    refused(() -> validate(MAILCHIMP, List.of(entry("marketingStatus", "merge_fields.CONSENT"))),
        "unsupported_override", "fields[0].canonical");
    refused(() -> validate(MAILCHIMP, List.of(entry("custom.a", "vip"))), "unsupported_override", "fields[0].vendor");
    refused(() -> validate(MAILCHIMP, List.of(new MappingOverride.Entry("tags", "tags", "read"))),
        "unsupported_override", "fields[0].vendor");
    validate(MAILCHIMP, List.of(entry("tags", "tags"), entry("custom.a", "merge_fields.FNAME")));
    MappingFile deals = new MappingFile("mappings/hubspot/deal.yaml", "hubspot", "deal", "contact", HUBSPOT.rules(),
        List.of(), null, null);
    refused(() -> validate(deals, List.of(entry("custom.a", "a"))), "unsupported_override", "fields[0]");
    // an entry cannot smuggle keys into the file it is checked as
    refused(() -> validate(HUBSPOT, List.of(new MappingOverride.Entry("custom.a\n    transform: {constant: x}", "a",
        "both"))), "unknown_field", "fields[0].canonical");
    refused(() -> validate(HUBSPOT, List.of(new MappingOverride.Entry("custom.a", "a", "both",
        Map.of("constant\"}\n    lookup: {edge: x", "x")))), "transform_not_applicable", "fields[0].transform");
  }

  @Test
  void vendorValuesGoThroughTheFilesTransformsAndTheOverride() {
    Map<String, Object> desired = new java.util.LinkedHashMap<>();
    desired.put("firstName", "Ada");
    desired.put("phone", "+14155550100");
    desired.put("address", Map.of("lines", List.of("1 Main St"), "city", "Springfield", "region", "IL",
        "postalCode", "62701"));
    assertThat(MappingOverride.vendorValues(EffectiveMapping.of(MAILCHIMP, List.of(entry("phone",
        "merge_fields.MOBILE"))), desired))
        .containsEntry("merge_fields.FNAME", "Ada")
        .containsEntry("merge_fields.MOBILE", "+14155550100")
        .doesNotContainKey("merge_fields.PHONE")
        .containsEntry("merge_fields.ADDRESS", Map.of("addr1", "1 Main St", "addr2", "", "city", "Springfield",
            "state", "IL", "zip", "62701", "country", ""));
  }

  /**
   * The consent and the identity are no tenant's to map, on any system: a property anyone can type into would become
   * an opt-in, and the default's opt-out would stop being read. Nor may a tenant use a transform only a connector fills
   * in. A setting set by hand, past the save's checks, is layered without such an entry.
   */
  @Test
  void theConsentTheIdentityAndTheConnectorsOwnTransformsAreNoTenantsToMap() {
    refused(() -> validate(HUBSPOT, List.of(new MappingOverride.Entry("marketingStatus", "my_optin", "read"))),
        "unsupported_override", "fields[0].canonical");
    refused(() -> validate(HUBSPOT, List.of(entry("custom.x", "hs_email_optout"))), "unsupported_override",
        "fields[0].vendor");
    refused(() -> validate(HUBSPOT, List.of(entry("email", "work_email"))), "unsupported_override",
        "fields[0].canonical");
    refused(() -> validate(HUBSPOT, List.of(entry("custom.x", "lastmodifieddate"))), "unsupported_override",
        "fields[0].vendor");
    validate(HUBSPOT, List.of(entry("email", "email")));
    refused(() -> validate(HUBSPOT, List.of(new MappingOverride.Entry("custom.x", "x", "both",
        Map.of("computed", "totalDiscount")))), "transform_not_applicable", "fields[0].transform");

    MappingFile byHand = EffectiveMapping.of(HUBSPOT, Map.of(MappingOverride.settingKey("contact"),
        "[{\"canonical\":\"marketingStatus\",\"vendor\":\"my_optin\",\"direction\":\"read\"},"
            + "{\"canonical\":\"custom.tier\",\"vendor\":\"tier\",\"direction\":\"both\"}]"));
    assertThat(byHand.rule("marketingStatus").orElseThrow().vendor()).containsExactly("hs_email_optout");
    assertThat(byHand.rule("custom.tier")).isPresent();
  }

  /** Mailchimp's merge tags are upper case: a tag typed in lower case maps the member's upper-case key. */
  @Test
  void aMergeTagTypedInLowerCaseMapsTheUpperCaseKey() {
    MappingFile lower = EffectiveMapping.of(MAILCHIMP, List.of(entry("custom.tier", "merge_fields.tier")));
    assertThat(lower.rule("custom.tier").orElseThrow().vendor()).containsExactly("merge_fields.TIER");
    MappingFile fname = EffectiveMapping.of(MAILCHIMP, List.of(entry("custom.nick", "merge_fields.fname")));
    assertThat(fname.rule("firstName")).as("the default rule of FNAME gives way").isEmpty();
  }

  /** A field the connect-time setting unmapped ({@code phone=}) stays unmapped once the tenant saves entries. */
  @Test
  void aFieldTheConnectTimeSettingUnmappedStaysUnmappedAfterASave() {
    MappingFile saved = EffectiveMapping.of(MAILCHIMP, Map.of("mergeFields", "phone=",
        MappingOverride.settingKey("member"), MappingOverride.toSetting(List.of(entry("custom.tier", "merge_fields.TIER")))));
    assertThat(saved.rule("phone")).isEmpty();
    assertThat(saved.rule("custom.tier")).isPresent();
  }
}
