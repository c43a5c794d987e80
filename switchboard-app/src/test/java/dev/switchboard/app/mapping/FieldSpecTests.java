package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The kind of a vendor field a mapping creates: derived from the canonical model, or as an entry's create says. */
class FieldSpecTests {
  private static final MappingFile MAILCHIMP = MappingCatalog.defaults().file("mailchimp", "member");
  private static final MappingFile HUBSPOT = MappingCatalog.defaults().file("hubspot", "contact");

  @Test
  void aDeclaredFieldsTypeSaysWhatItsVendorFieldIs() {
    FieldSpec stage = FieldSpec.forCanonical("contact", "lifecycleStage").orElseThrow();
    assertThat(stage.kind()).isEqualTo(FieldSpec.ENUMERATION);
    assertThat(stage.choices()).extracting(FieldSpec.Option::value).containsExactly("subscriber", "lead",
        "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other");
    assertThat(FieldSpec.forCanonical("deal", "amount").map(FieldSpec::kind)).contains(FieldSpec.NUMBER);
    assertThat(FieldSpec.forCanonical("deal", "closeDate").map(FieldSpec::kind)).contains(FieldSpec.DATE);
  }

  /** A field an override writes through an enum table holds the table's values, not the canonical codes. */
  @Test
  void aFieldWrittenThroughAnEnumTableTakesTheTablesValuesAndOtherTransformsMakeText() {
    FieldSpec stage = FieldSpec.forCanonical("contact", "lifecycleStage").orElseThrow();
    java.util.Map<String, Object> table = java.util.Map.of("enum", java.util.Map.of("map",
        java.util.Map.of("Client", "customer", "Prospect", "lead"), "unmapped", "absent"));
    FieldSpec through = FieldSpec.throughTransform(HUBSPOT,
        new MappingOverride.Entry("lifecycleStage", "client_stage", "both", table), stage);
    assertThat(through.kind()).isEqualTo(FieldSpec.ENUMERATION);
    assertThat(through.choices()).extracting(FieldSpec.Option::value).containsExactlyInAnyOrder("Client", "Prospect");
    assertThat(FieldSpec.throughTransform(HUBSPOT, new MappingOverride.Entry("lifecycleStage", "client_stage", "both"),
        stage)).isEqualTo(stage);
    assertThat(FieldSpec.throughTransform(HUBSPOT, new MappingOverride.Entry("lifecycleStage", "client_stage", "both",
        "default: lead"), stage).kind()).isEqualTo(FieldSpec.TEXT);
  }

  @Test
  void everyScalarValueTypeHasItsKindAndTextsAndCustomFieldsHaveNone() {
    assertThat(FieldSpec.forValueType(dev.switchboard.app.canonical.ValueType.integer()).map(FieldSpec::kind))
        .contains(FieldSpec.NUMBER);
    assertThat(FieldSpec.forValueType(dev.switchboard.app.canonical.ValueType.decimal(2)).map(FieldSpec::kind))
        .contains(FieldSpec.NUMBER);
    assertThat(FieldSpec.forValueType(dev.switchboard.app.canonical.ValueType.money()).map(FieldSpec::kind))
        .contains(FieldSpec.NUMBER);
    assertThat(FieldSpec.forValueType(dev.switchboard.app.canonical.ValueType.instant()).map(FieldSpec::kind))
        .contains(FieldSpec.DATETIME);
    assertThat(FieldSpec.forValueType(dev.switchboard.app.canonical.ValueType.bool()).map(FieldSpec::kind))
        .contains(FieldSpec.BOOL);
    assertThat(FieldSpec.forCanonical("contact", "jobTitle")).isEmpty();
    assertThat(FieldSpec.forCanonical("contact", "phone")).isEmpty();
    assertThat(FieldSpec.forCanonical("contact", "custom.tier")).isEmpty();
    assertThat(FieldSpec.forCanonical("contact", "noSuchField")).isEmpty();
  }

  @Test
  void anEntrysCreateIsReadFromJsonAndAnEntryWithoutOneStillReads() {
    JsonMapper json = JsonMapper.builder().build();
    MappingOverride.Entry e = json.readValue("{\"canonical\":\"custom.tier\",\"vendor\":\"tier\",\"direction\":\"both\","
        + "\"create\":{\"type\":\"enumeration\",\"options\":[{\"value\":\"gold\",\"label\":\"Gold\"},{\"value\":\"silver\"}]}}",
        MappingOverride.Entry.class);
    assertThat(e.create()).isNotNull();
    assertThat(e.create().choices()).containsExactly(new FieldSpec.Option("gold", "Gold"),
        new FieldSpec.Option("silver", "silver"));
    MappingOverride.validate(HUBSPOT, List.of(e), java.util.Map.of());
    MappingOverride.Entry old = json.readValue("{\"canonical\":\"custom.tier\",\"vendor\":\"tier\",\"direction\":\"both\"}",
        MappingOverride.Entry.class);
    assertThat(old.create()).isNull();
    assertThat(old.transform()).isNull();
  }

  @Test
  void aBadCreateIsRefusedAtItsPath() {
    refused(new FieldSpec(null, null), "fields[0].create.type");
    refused(new FieldSpec("colour", null), "fields[0].create.type");
    refused(new FieldSpec("enumeration", List.of()), "fields[0].create.options");
    refused(new FieldSpec("number", List.of(new FieldSpec.Option("1", "one"))), "fields[0].create.options");
    refused(FieldSpec.enumeration(List.of(new FieldSpec.Option("gold", null), new FieldSpec.Option(" ", "x"))),
        "fields[0].create.options[1].value");
    refused(FieldSpec.enumeration(List.of(new FieldSpec.Option("gold", null), new FieldSpec.Option("gold ", "x"))),
        "fields[0].create.options[1].value");
    MappingOverride.validate(MAILCHIMP, List.of(new MappingOverride.Entry("custom.since", "merge_fields.SINCE", "both",
        null, new FieldSpec(" Date ", null))), java.util.Map.of());
  }

  private static void refused(FieldSpec spec, String field) {
    assertThatThrownBy(() -> MappingOverride.validate(MAILCHIMP, List.of(new MappingOverride.Entry("custom.x",
        "merge_fields.X", "both", null, spec)), java.util.Map.of()))
        .isInstanceOfSatisfying(MappingOverride.Refused.class, r -> {
          assertThat(r.code()).isEqualTo("invalid_value");
          assertThat(r.field()).isEqualTo(field);
        });
  }
}
