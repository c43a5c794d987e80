package dev.switchboard.app.canonical.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CleanContext;
import dev.switchboard.app.canonical.ValueJson;
import dev.switchboard.app.canonical.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every type's shape proven by an example: each fixture under {@code src/test/resources/canonical/} is parsed through
 * the registry, validated as a complete record, written back to exactly its own text, and read again to an equal
 * record.
 */
class FixtureTests {
  static final CanonicalTypes TYPES = CanonicalTypes.standard();
  static final List<String> FIXTURES = List.of("contact", "company", "deal", "product", "activity-email",
      "activity-call", "activity-meeting", "activity-note", "activity-task", "invoice", "payment", "subscription",
      "booking", "email_engagement");

  static Stream<String> fixtures() {
    return FIXTURES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void eachFixtureIsAValidRecordThatRoundTripsToItsOwnText(String name) throws IOException {
    String text = resource("/canonical/" + name + ".json");
    TypedRecord record = TYPES.validate(TYPES.parse(text));
    assertThat(record.type()).isEqualTo(name.split("-")[0]);
    String written = TYPES.toJsonString(record);
    assertThat(written).isEqualTo(ValueJson.text(ValueJson.tree(text))); // same keys, same order, same forms
    assertThat(TYPES.parse(written)).isEqualTo(record);
  }

  @Test
  void everyDeclaredTypeAndSubtypeHasAFixture() {
    Set<String> covered = FIXTURES.stream().map(f -> f.split("-")[0]).collect(Collectors.toSet());
    for (CanonicalType type : TYPES.all()) {
      if (type.kind() != CanonicalType.Kind.CHILD) {
        assertThat(covered).as("fixture for %s", type.name()).contains(type.name());
      }
      type.subtypes().keySet().forEach(sub -> {
        if (type.kind() == CanonicalType.Kind.GOLDEN) {
          assertThat(FIXTURES).as("fixture for %s %s", type.name(), sub).contains(type.name() + "-" + sub);
        }
      });
    }
  }

  @Test
  void everyChildTypeAppearsInAFixture() throws IOException {
    Set<String> covered = new java.util.HashSet<>();
    for (String f : FIXTURES) {
      TypedRecord record = TYPES.parse(resource("/canonical/" + f + ".json"));
      CanonicalType type = TYPES.type(record.type());
      record.fields().forEach((field, value) -> {
        if (type.require(field).type() instanceof ValueType.ListType list
            && list.element() instanceof ValueType.StructType child && !value.isEmpty()) {
          covered.add(child.typeName());
        }
      });
    }
    assertThat(covered).containsExactlyInAnyOrderElementsOf(TYPES.all().stream()
        .filter(t -> t.kind() == CanonicalType.Kind.CHILD).map(CanonicalType::name).toList());
  }

  @Test
  void absentAndClearedSurviveStorage() throws IOException {
    TypedRecord contact = TYPES.parse(resource("/canonical/contact.json"));
    assertThat(contact.isCleared("jobTitle")).isTrue();
    assertThat(contact.isAbsent("owner")).isTrue();
    TypedRecord back = TYPES.parse(TYPES.toJsonString(contact));
    assertThat(back.isCleared("jobTitle")).isTrue();
    assertThat(back.isAbsent("owner")).isTrue();
    assertThat(TYPES.toJsonString(contact)).contains("\"jobTitle\":null").doesNotContain("owner");
  }

  @ParameterizedTest(name = "raw {0}")
  @MethodSource("rawFixtures")
  void rawVendorShapedInputCleansToTheCanonicalFixture(String name) throws IOException {
    // A vendor's JSON as a mapper would see it: doubles, integers, strings, as Jackson reads them by default.
    JsonNode raw = JsonMapper.builder().build().readTree(resource("/canonical/raw/" + name + ".json"));
    Map<String, Object> fields = JsonMapper.builder().build().convertValue(raw.get("fields"),
        new TypeReference<Map<String, Object>>() {});
    TypedRecord cleaned = TYPES.validate(TYPES.clean(raw.get("type").stringValue(), fields, CleanContext.of("US")));
    TypedRecord canonical = TYPES.parse(resource("/canonical/" + name + ".json"));
    assertThat(cleaned).isEqualTo(canonical);
    assertThat(TYPES.toJsonString(cleaned)).isEqualTo(TYPES.toJsonString(canonical));
  }

  static Stream<String> rawFixtures() {
    return Stream.of("contact", "deal", "subscription");
  }

  static String resource(String path) throws IOException {
    try (InputStream in = FixtureTests.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
