package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Record filters: how each operator judges a record, why a record does not pass (without its value), the API's
 * validation, the connection setting that carries a tenant's filter, and how it is layered over the mapping file's.
 */
class RecordFilterTests {
  private static final MappingFile MAILCHIMP = MappingCatalog.defaults().file("mailchimp", "member");

  private static RecordFilter filter(String field, RecordFilter.Operator op, String... values) {
    return new RecordFilter(field, op, List.of(values));
  }

  private static RecordFilters.Spec spec(String field, String operator, String... values) {
    return new RecordFilters.Spec(field, operator, values.length == 0 ? null : Arrays.asList(values));
  }

  private static void refused(RecordFilters.Spec spec, String code, String field) {
    assertThatThrownBy(() -> RecordFilters.parse("contact", spec))
        .isInstanceOfSatisfying(MappingOverride.Refused.class, r -> {
          assertThat(r.code()).as(r.getMessage()).isEqualTo(code);
          assertThat(r.field()).isEqualTo(field);
        });
  }

  @Test
  void inLetsThroughOnlyTheListedValues() {
    RecordFilter customers = filter("lifecycleStage", RecordFilter.Operator.IN, "customer", "evangelist");
    assertThat(customers.matches(Map.of("lifecycleStage", "customer"))).isTrue();
    assertThat(customers.matches(Map.of("lifecycleStage", " evangelist "))).isTrue();
    assertThat(customers.matches(Map.of("lifecycleStage", "lead"))).isFalse();
    assertThat(customers.matches(Map.of("lifecycleStage", ""))).isFalse();
    assertThat(customers.matches(Map.of("email", "a@example.com"))).isFalse();
  }

  @Test
  void notInLetsThroughAnythingElseIncludingNoValue() {
    RecordFilter notOther = filter("lifecycleStage", RecordFilter.Operator.NOT_IN, "other");
    assertThat(notOther.matches(Map.of("lifecycleStage", "lead"))).isTrue();
    assertThat(notOther.matches(Map.of())).isTrue();
    assertThat(notOther.matches(Map.of("lifecycleStage", "other"))).isFalse();
  }

  @Test
  void presentNeedsANonEmptyValueAndAllLetsEverythingThrough() {
    RecordFilter present = filter("phone", RecordFilter.Operator.PRESENT);
    assertThat(present.matches(Map.of("phone", "+14155550100"))).isTrue();
    assertThat(present.matches(Map.of("phone", " "))).isFalse();
    assertThat(present.matches(Map.of("tags", List.of()))).isFalse();
    assertThat(RecordFilter.ALL.matches(Map.of())).isTrue();
  }

  @Test
  void aMultiValuedFieldIsInWhenAnyOfItsValuesIsAndOutsideWhenNoneIs() {
    RecordFilter vip = filter("tags", RecordFilter.Operator.IN, "vip");
    assertThat(vip.matches(Map.of("tags", List.of("newsletter", "vip")))).isTrue();
    assertThat(vip.matches(Map.of("tags", List.of("newsletter")))).isFalse();
    RecordFilter noVip = filter("tags", RecordFilter.Operator.NOT_IN, "vip");
    assertThat(noVip.matches(Map.of("tags", List.of("newsletter", "vip")))).isFalse();
    assertThat(noVip.matches(Map.of("tags", List.of("newsletter")))).isTrue();
  }

  @Test
  void theReasonNamesTheFieldAndTheFilterButNotTheRecordsValue() {
    RecordFilter byEmail = filter("email", RecordFilter.Operator.NOT_IN, "ann@example.com");
    assertThat(byEmail.refusal(Map.of("email", "ann@example.com"))).hasValue("email is one of [ann@example.com]");
    RecordFilter customers = filter("lifecycleStage", RecordFilter.Operator.IN, "customer");
    assertThat(customers.refusal(Map.of("lifecycleStage", "lead"))).hasValueSatisfying(r -> {
      assertThat(r).isEqualTo("lifecycleStage is not one of [customer]");
      assertThat(r).doesNotContain("lead");
    });
    assertThat(customers.refusal(Map.of())).hasValue("lifecycleStage has no value, and must be one of [customer]");
    assertThat(customers.refusal(Map.of("lifecycleStage", "customer"))).isEmpty();
  }

  @Test
  void theApiTakesEachOperatorWithWhatItNeeds() {
    assertThat(RecordFilters.parse("contact", spec("lifecycleStage", "in", " customer ")))
        .isEqualTo(filter("lifecycleStage", RecordFilter.Operator.IN, "customer"));
    assertThat(RecordFilters.parse("contact", spec("custom.tier", "not_in", "gold")))
        .isEqualTo(filter("custom.tier", RecordFilter.Operator.NOT_IN, "gold"));
    assertThat(RecordFilters.parse("contact", spec("phone", "present"))).isEqualTo(filter("phone",
        RecordFilter.Operator.PRESENT));
    assertThat(RecordFilters.parse("contact", spec(null, "all"))).isEqualTo(RecordFilter.ALL);
  }

  @Test
  void theApiRefusesUnknownFieldsBadOperatorsAndBadValuesNamingTheKey() {
    refused(spec("shoeSize", "in", "42"), "unknown_field", "filter.field");
    refused(spec(null, "in", "customer"), "missing_field", "filter.field");
    refused(spec("lifecycleStage", "equals", "customer"), "invalid_filter", "filter.operator");
    refused(spec("lifecycleStage", null, "customer"), "invalid_filter", "filter.operator");
    refused(spec("lifecycleStage", "in"), "invalid_filter", "filter.values");
    refused(spec("lifecycleStage", "present", "customer"), "invalid_filter", "filter.values");
    refused(spec("lifecycleStage", "in", "customer", "buyer"), "invalid_filter", "filter.values[1]");
    refused(spec("lifecycleStage", "in", " "), "invalid_filter", "filter.values[0]");
    refused(spec("lifecycleStage", "all"), "invalid_filter", "filter.field");
  }

  @Test
  void aTenantsFilterTravelsInItsSettingAndReplacesTheFilesWhileNoSettingLeavesTheFiles() {
    RecordFilter customers = filter("lifecycleStage", RecordFilter.Operator.IN, "customer");
    String key = RecordFilters.settingKey("member");
    assertThat(key).isEqualTo("filter.member");
    assertThat(RecordFilters.fromSetting(RecordFilters.toSetting(customers))).hasValue(customers);
    assertThat(RecordFilters.fromSetting(RecordFilters.toSetting(RecordFilter.ALL))).hasValue(RecordFilter.ALL);

    MappingFile filtered = new MappingFile(MAILCHIMP.resource(), "mailchimp", "member", "contact", MAILCHIMP.rules(),
        MAILCHIMP.alsoRead(), MAILCHIMP.modifiedAt(), filter("phone", RecordFilter.Operator.PRESENT));
    assertThat(RecordFilters.effective(filtered, Map.of())).isEqualTo(filtered.filter());
    assertThat(RecordFilters.effective(filtered, Map.of(key, RecordFilters.toSetting(customers)))).isEqualTo(customers);
    assertThat(RecordFilters.effective(filtered, Map.of(key, RecordFilters.toSetting(RecordFilter.ALL))))
        .isEqualTo(RecordFilter.ALL);
    // a value set by hand that cannot be read leaves the file's filter in force, as a malformed override pair is ignored
    assertThat(RecordFilters.effective(filtered, Map.of(key, "{\"operator\":\"in\",\"field\":\"phone\"}")))
        .isEqualTo(filtered.filter());
    assertThat(RecordFilters.effective(MAILCHIMP, Map.of())).isEqualTo(RecordFilter.ALL);
  }

  @Test
  void fieldMappingsGiveTheFilterOfTheVendorTypeAndTheFieldsThatCanChangeItsOutcome() {
    FieldMappings mappings = new FieldMappings();
    Map<String, String> settings = Map.of("filter.member", RecordFilters.toSetting(filter("lifecycleStage",
        RecordFilter.Operator.IN, "customer")));
    assertThat(mappings.filterFor("mailchimp", "contact", "member", settings).field()).isEqualTo("lifecycleStage");
    assertThat(mappings.filterFor("mailchimp", "contact", null, settings).field()).isEqualTo("lifecycleStage");
    assertThat(mappings.filterFields("mailchimp", "contact", settings)).containsExactly("lifecycleStage");
    assertThat(mappings.filterFor("mailchimp", "contact", null, Map.of())).isEqualTo(RecordFilter.ALL);
    assertThat(mappings.filterFields("mailchimp", "contact", Map.of())).isEmpty();
    assertThat(mappings.filterFor("hubspot", "contact", "contact", settings)).as("another vendor type's setting")
        .isEqualTo(RecordFilter.ALL);
  }
}
