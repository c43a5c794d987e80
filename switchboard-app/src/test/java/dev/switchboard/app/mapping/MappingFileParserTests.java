package dev.switchboard.app.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.model.CanonicalTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of mapping files: every refusal names the file, the line of the entry at fault and the reason. */
class MappingFileParserTests {
  private final MappingFileParser parser = new MappingFileParser(CanonicalTypes.standard());

  private MappingFile parse(String yaml) {
    return parser.parse("mappings/test/thing.yaml", "test", "thing", yaml);
  }

  private void refused(String yaml, int line, String reason) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(MappingFileException.class, e -> {
          assertThat(e.file()).isEqualTo("mappings/test/thing.yaml");
          assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
          assertThat(e.reason()).contains(reason);
          assertThat(e.getMessage()).startsWith("mappings/test/thing.yaml:" + line + ": ");
        });
  }

  @Test
  void readsRulesDirectionsTransformsFilterAndExtraReads() {
    MappingFile f = parse("""
        canonicalType: contact
        read: [updated_at]
        filter: {field: lifecycleStage, in: [lead, customer]}
        fields:
          - {canonical: email, vendor: email, direction: both}
          - canonical: [firstName, lastName]
            vendor: full_name
            direction: both
            transform: {name: split}
          - {canonical: marketingStatus, vendor: opt_out, direction: read, transform: {enum: {map: {"true": unsubscribed}, unmapped: absent}}}
          - {vendor: lead_source, direction: write, transform: {constant: switchboard}}
          - {canonical: custom.tier, vendor: tier, direction: write}
        """);
    assertThat(f.canonicalType()).isEqualTo("contact");
    assertThat(f.rules()).hasSize(5);
    assertThat(f.rules().get(1).line()).isEqualTo(6);
    assertThat(f.readVendorFields()).containsExactly("email", "full_name", "opt_out", "updated_at");
    assertThat(f.writtenFields()).containsExactly("email", "firstName", "lastName", "custom.tier");
    assertThat(f.filter()).isEqualTo(new RecordFilter("lifecycleStage", List.of("lead", "customer")));
    assertThat(f.filter().matches(Map.of("lifecycleStage", "lead"))).isTrue();
    assertThat(f.filter().matches(Map.of("lifecycleStage", "subscriber"))).isFalse();
    assertThat(f.filter().matches(Map.of("email", "a@b.c"))).isFalse();
  }

  @Test
  void aFilterWithoutValuesNeedsOnlyAValue() {
    RecordFilter filter = parse("""
        canonicalType: contact
        filter: {field: lifecycleStage}
        fields:
          - {canonical: email, vendor: email, direction: both}
        """).filter();
    assertThat(filter.matches(Map.of("lifecycleStage", "other"))).isTrue();
    assertThat(filter.matches(Map.of("lifecycleStage", " "))).isFalse();
  }

  @Test
  void aFilterMayKeepOutListedValuesButNotBothListThemAndKeepThemOut() {
    RecordFilter filter = parse("""
        canonicalType: contact
        filter: {field: lifecycleStage, not_in: [other]}
        fields:
          - {canonical: email, vendor: email, direction: both}
        """).filter();
    assertThat(filter.operator()).isEqualTo(RecordFilter.Operator.NOT_IN);
    assertThat(filter.matches(Map.of("lifecycleStage", "lead"))).isTrue();
    assertThat(filter.matches(Map.of("lifecycleStage", "other"))).isFalse();
    refused("canonicalType: contact\nfilter: {field: lifecycleStage, in: [lead], not_in: [other]}\nfields:\n"
        + "  - {canonical: email, vendor: email, direction: both}\n", 2, "either in or not_in");
    refused("canonicalType: contact\nfilter: {field: lifecycleStage, not_in: [hot]}\nfields:\n"
        + "  - {canonical: email, vendor: email, direction: both}\n", 2, "not a code of lifecycleStage");
  }

  @Test
  void refusesBrokenYamlAtItsLine() {
    refused("canonicalType: contact\nfields:\n  - {canonical: email, vendor: email\n  - x: [\n", 4, "not valid YAML");
  }

  @Test
  void refusesUnknownKeysAndRepeatedKeys() {
    refused("canonicalType: contact\nfields:\n  - canonical: email\n    vendor: email\n    direction: both\n"
        + "    colour: red\n", 6, "unknown key colour");
    refused("canonicalType: contact\ncanonicalType: company\nfields: []\n", 2, "key canonicalType given twice");
  }

  @Test
  void refusesAnUnknownTypeOrField() {
    refused("canonicalType: customer\nfields:\n  - {canonical: email, vendor: email, direction: both}\n", 1,
        "no canonical type customer");
    refused("canonicalType: contact\nfields:\n  - {canonical: email, vendor: email, direction: both}\n"
        + "  - canonical: shoeSize\n    vendor: shoe_size\n    direction: both\n", 4, "unknown canonical field shoeSize");
  }

  @Test
  void refusesAMissingOrUnknownDirection() {
    refused("canonicalType: contact\nfields:\n  - canonical: email\n    vendor: email\n", 3, "missing direction");
    refused("canonicalType: contact\nfields:\n  - canonical: email\n    vendor: email\n    direction: sideways\n", 5,
        "direction is read, write or both, not sideways");
  }

  @Test
  void refusesATransformThatCannotApply() {
    refused("canonicalType: contact\nfields:\n  - canonical: email\n    vendor: email\n    direction: both\n"
        + "    transform: {money: {units: minor, currency: USD}}\n", 6, "money maps onto a money field, not email");
    refused("canonicalType: contact\nfields:\n  - canonical: lifecycleStage\n    vendor: stage\n    direction: both\n"
        + "    transform: {enum: {map: {hot: burning}}}\n", 6, "'burning', which the field does not declare");
    refused("canonicalType: contact\nfields:\n  - canonical: firstName\n    vendor: name\n    direction: both\n"
        + "    transform: {name: split}\n", 6, "name: split maps one vendor field to two canonical fields");
    refused("canonicalType: contact\nfields:\n  - canonical: company\n    vendor: [a, b]\n    direction: both\n"
        + "    transform: concat\n", 6, "concat goes one way");
    refused("canonicalType: contact\nfields:\n  - canonical: email\n    vendor: email\n    direction: both\n"
        + "    transform: {rot13: true}\n", 6, "unknown transform rot13");
    refused("canonicalType: invoice\nissuer: true\nfields:\n  - canonical: dueOn\n    vendor: due\n    direction: both\n"
        + "    transform: {datetime: {format: epoch-millis, zone: Mars/Olympus}}\n", 7, "no time zone Mars/Olympus");
  }

  @Test
  void readsTheTransformsWhoseTablesAreTheConnectionsOrTheBindings() {
    MappingFile deal = parser.parse("mappings/test/deal.yaml", "test", "deal", """
        canonicalType: deal
        fields:
          - {canonical: amount, vendor: [amount, currency], direction: both,
             transform: {money: {units: decimal, currency: portal}}}
          - {canonical: [stage, pipeline], vendor: [stage, pipeline], direction: both,
             transform: {pipelineStage: {defaultPipeline: default}}}
          - {canonical: lines, vendor: items, direction: both, transform: {children: item}}
          - {canonical: closeDate, vendor: closes, direction: both, transform: {datetime: {format: iso-instant}}}
        """);
    assertThat(deal.rules().get(0).transform()).isEqualTo(new PortalMoneyTransform(false,
        dev.switchboard.app.canonical.MinorUnits.ISO_4217, null));
    assertThat(deal.rules().get(1).transform()).isEqualTo(new PipelineStageTransform("default", null));
    assertThat(deal.readVendorFields()).as("child objects are not fields of the record")
        .containsExactly("amount", "currency", "stage", "pipeline", "closes");
    assertThat(deal.writtenFields()).containsExactly("amount", "stage", "pipeline", "lines", "closeDate");
    MappingFile line = parser.parse("mappings/test/line.yaml", "test", "line", """
        canonicalType: line_item
        fields:
          - {canonical: product, vendor: product_id, direction: both, transform: {ref: product}}
          - {canonical: position, vendor: pos, direction: both, transform: {offset: 1}}
          - {canonical: discount, vendor: [total, unit], direction: read, transform: {computed: totalDiscount}}
        """);
    assertThat(line.rules()).extracting(FieldRule::transform).containsExactly(new RefTransform("product"),
        new OffsetTransform(1), new ComputedTransform("totalDiscount", null));
    MappingFile product = parser.parse("mappings/test/product.yaml", "test", "product", """
        canonicalType: product
        fields:
          - canonical: [billingInterval, billingIntervalCount]
            vendor: frequency
            direction: both
            transform: {interval: {map: {monthly: [month, 1], Quarterly: [month, 3]}, none: one_time}}
        """);
    assertThat(((IntervalTransform) product.rules().get(0).transform()).codes()).containsOnlyKeys("monthly",
        "quarterly");
  }

  @Test
  void refusesTheNewTransformsWhereTheyCannotApply() {
    String deal = "canonicalType: deal\nfields:\n";
    refused(deal + "  - canonical: stage\n    vendor: stage\n    direction: both\n"
        + "    transform: {pipelineStage: {defaultPipeline: default}}\n", 6,
        "pipelineStage maps two canonical fields (stage, pipeline) to two vendor fields");
    refused(deal + "  - canonical: [name, pipeline]\n    vendor: [stage, pipeline]\n    direction: both\n"
        + "    transform: {pipelineStage: {defaultPipeline: default}}\n", 6,
        "pipelineStage maps a stage onto an enum field, not text");
    refused(deal + "  - canonical: [stage, pipeline]\n    vendor: [stage, pipeline]\n    direction: both\n"
        + "    transform: {pipelineStage: {default: x}}\n", 6, "unknown key default");
    refused(deal + "  - canonical: name\n    vendor: amount\n    direction: both\n"
        + "    transform: {money: {units: decimal, currency: portal}}\n", 6, "money maps onto a money field, not text");
    refused(deal + "  - canonical: amount\n    vendor: [a, b, c]\n    direction: both\n"
        + "    transform: {money: {units: decimal, currency: portal}}\n", 6, "the amount and, optionally");
    refused(deal + "  - canonical: name\n    vendor: items\n    direction: both\n"
        + "    transform: {children: line_item}\n", 6, "children maps onto a list of child records, not text");
    refused(deal + "  - canonical: name\n    vendor: x\n    direction: both\n"
        + "    transform: {computed: 'two words'}\n", 6, "computed names the binding's computation");
    String product = "canonicalType: product\nfields:\n"
        + "  - canonical: [billingInterval, billingIntervalCount]\n    vendor: f\n    direction: both\n";
    refused(product + "    transform: {interval: {map: {daily: [day, 1], fortnightly: [fortnight, 1]}, none: one_time}}\n", 6,
        "interval maps onto 'fortnight', which the field does not declare");
    refused(product + "    transform: {interval: {map: {monthly: [month, 1], mensual: [month, 1]}, none: one_time}}\n", 6,
        "every 1 month is mapped twice");
    refused(product + "    transform: {interval: {map: {monthly: [month, 0]}, none: one_time}}\n", 6,
        "the count of monthly is at least 1");
    refused(product + "    transform: {interval: {map: {monthly: month}, none: one_time}}\n", 6,
        "interval map gives monthly as [interval, count]");
    refused(product + "    transform: {interval: {map: {monthly: [month, 1]}}}\n", 6, "missing none");
    refused("canonicalType: product\nfields:\n  - canonical: billingInterval\n    vendor: f\n    direction: both\n"
        + "    transform: {interval: {map: {monthly: [month, 1]}, none: one_time}}\n", 6,
        "interval maps two canonical fields (interval, count) to one vendor field");
    String line = "canonicalType: line_item\nfields:\n";
    refused(line + "  - canonical: product\n    vendor: p\n    direction: both\n    transform: {ref: invoice}\n", 6,
        "ref maps onto a reference to a invoice");
    refused(line + "  - canonical: product\n    vendor: p\n    direction: both\n    transform: {ref: widget}\n", 6,
        "ref names no canonical type widget");
    refused(line + "  - canonical: position\n    vendor: p\n    direction: both\n    transform: {offset: one}\n", 6,
        "offset is a whole number, not one");
    refused(line + "  - canonical: name\n    vendor: p\n    direction: both\n    transform: {offset: 1}\n", 6,
        "offset maps onto an integer field, not text");
  }

  @Test
  void refusesADirectionThatBreaksAuthority() {
    // an invoice's total is the issuer's alone: a system that is not its issuer cannot read changes into it
    refused("canonicalType: invoice\nfields:\n  - canonical: total\n    vendor: amount\n    direction: both\n"
        + "    transform: {money: {units: minor, currency: USD}}\n", 5, "which only the issuer of a invoice may change");
    MappingFile issuer = parse("canonicalType: invoice\nissuer: true\nfields:\n  - canonical: total\n"
        + "    vendor: amount\n    direction: both\n    transform: {money: {units: minor, currency: USD}}\n");
    assertThat(issuer.rules()).hasSize(1);
  }

  @Test
  void refusesTwoRulesReadingOneFieldOrWritingOneVendorField() {
    refused("canonicalType: contact\nfields:\n  - {canonical: email, vendor: email, direction: both}\n"
        + "  - {canonical: email, vendor: email2, direction: read}\n", 4, "canonical field email is already read at line 3");
    refused("canonicalType: contact\nfields:\n  - {canonical: email, vendor: email, direction: both}\n"
        + "  - {canonical: phone, vendor: email, direction: write}\n", 4, "vendor field email is already written at line 3");
  }

  @Test
  void refusesALookupOfAnUnknownFieldAndAFilterOnOne() {
    refused("canonicalType: contact\nfields:\n  - canonical: company\n    vendor: COMPANY\n    direction: both\n"
        + "    lookup: {edge: company, type: company, field: motto}\n", 6, "unknown canonical field motto of company");
    refused("canonicalType: contact\nfilter: {field: lifecycleStage, in: [hot]}\nfields:\n"
        + "  - {canonical: email, vendor: email, direction: both}\n", 2, "hot is not a code of lifecycleStage");
  }

  @Test
  void readsALookup() {
    FieldRule rule = parse("canonicalType: contact\nfields:\n  - canonical: address\n    vendor: ADDRESS\n"
        + "    direction: both\n    transform: {address: {parts: [a1, a2, c, s, z, k]}}\n"
        + "    lookup: {edge: company, type: company, field: address, fallback: true}\n").rules().get(0);
    assertThat(rule.lookup()).isEqualTo(new Lookup("company", "company", "address", true));
    assertThat(rule.transform()).isInstanceOf(AddressTransform.class);
  }

  /** The engagement files' forms: a start and duration, enum tables that drop unknown codes, what a create needs. */
  @Test
  void readsADurationAnEnumsEmptyCodeAndWhatACreateRequires() {
    MappingFile f = parse("""
        canonicalType: activity
        requiredAtCreate: hs_timestamp
        fields:
          - {canonical: kind, direction: read, transform: {constant: call}}
          - canonical: [startAt, endAt]
            vendor: [hs_timestamp, hs_call_duration]
            direction: both
            transform: {duration: {unit: millis}}
          - canonical: priority
            vendor: hs_task_priority
            direction: both
            transform: {enum: {map: {LOW: low, HIGH: high}, empty: NONE, unmapped: drop}}
        """);
    assertThat(f.requiredAtCreate()).containsExactly("hs_timestamp");
    assertThat(f.vendorFields()).contains("hs_timestamp");
    assertThat(f.rules().get(1).transform()).isEqualTo(new DurationTransform(
        DateTimeTransform.of("iso", java.time.ZoneOffset.UTC, false), java.time.Duration.ofMillis(1)));
    assertThat(f.rules().get(2).transform()).isEqualTo(new EnumTransform(Map.of("LOW", "low", "HIGH", "high"),
        EnumTransform.Unmapped.DROP, "NONE"));
    assertThat(f.readVendorFields()).containsExactly("hs_timestamp", "hs_call_duration", "hs_task_priority");
    assertThat(f.writtenFields()).containsExactly("startAt", "endAt", "priority");
  }

  @Test
  void refusesADurationOfOtherUnitsOrFieldsAndAnEmptyCodeThatIsMapped() {
    refused("canonicalType: activity\nfields:\n  - canonical: [startAt, endAt]\n    vendor: [s, d]\n"
        + "    direction: both\n    transform: {duration: {unit: hours}}\n", 6, "unit is millis or seconds, not hours");
    refused("canonicalType: activity\nfields:\n  - canonical: startAt\n    vendor: [s, d]\n"
        + "    direction: both\n    transform: {duration: {unit: millis}}\n", 6,
        "duration maps two canonical fields (start, end) to two vendor fields (start, duration)");
    refused("canonicalType: activity\nfields:\n  - canonical: [subject, body]\n    vendor: [s, d]\n"
        + "    direction: both\n    transform: {duration: {unit: millis}}\n", 6, "duration maps onto instant fields");
    refused("canonicalType: activity\nfields:\n  - canonical: priority\n    vendor: p\n    direction: both\n"
        + "    transform: {enum: {map: {LOW: low, NONE: low}, empty: none}}\n", 6, "the empty code none is also mapped");
    refused("canonicalType: activity\nfields:\n  - canonical: priority\n    vendor: p\n    direction: both\n"
        + "    transform: {enum: {map: {LOW: low}, unmapped: guess}}\n", 6, "unmapped is refuse, keep, absent or drop");
    refused("canonicalType: activity\nrequiredAtCreate: 'hs timestamp'\nfields:\n"
        + "  - {canonical: body, vendor: b, direction: both}\n", 2, "not a vendor field name");
  }
}
