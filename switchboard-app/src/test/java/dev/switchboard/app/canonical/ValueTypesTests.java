package dev.switchboard.app.canonical;

import static dev.switchboard.app.canonical.MoneyTests.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ValueType.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Values, their clean-up from raw input, their one equality and their storage round trip. */
class ValueTypesTests {
  static final CleanContext US = CleanContext.of("US");
  static final StructType LINE = new StructType("line_item", linkedMap(
      "name", ValueType.text(), "quantity", ValueType.decimal(4), "unitPrice", ValueType.money(6),
      "position", ValueType.integer()));

  @Test
  void numbersAreOneValueWhateverJavaTypeTheyArriveAs() {
    // The echo-write bug this model removes: JSON gives back an Integer for the Long that was written.
    assertThat(Objects.equals(100, 100L)).isFalse();
    ValueType integer = ValueType.integer();
    Value expected = new IntegerValue(100);
    for (Object raw : new Object[] {100, 100L, (short) 100, 100.0, 100.0f, "100", "100.00", " 100 ", "1E+2",
        new BigDecimal("100.000"), BigInteger.valueOf(100)}) {
      assertThat(integer.clean(raw, US)).as("%s (%s)", raw, raw.getClass().getSimpleName()).isEqualTo(expected);
    }
    refused(() -> integer.clean(100.5, US), CanonicalException.NOT_AN_INTEGER);
    refused(() -> integer.clean("9223372036854775808", US), CanonicalException.NOT_AN_INTEGER);
    refused(() -> integer.clean("1,000", US), CanonicalException.INVALID_NUMBER);
    refused(() -> integer.clean(Double.NaN, US), CanonicalException.INVALID_NUMBER);
    refused(() -> integer.clean(true, US), CanonicalException.INVALID_NUMBER);
    refused(() -> integer.clean("1e999999999", US), CanonicalException.INVALID_NUMBER);
  }

  @Test
  void decimalsAreExactAndRefuseDigitsBeyondTheirDeclaredScale() {
    ValueType quantity = ValueType.decimal(4);
    assertThat(quantity.clean("2.50000", US)).isEqualTo(DecimalValue.of("2.5")).isEqualTo(quantity.clean(2.5, US));
    assertThat(quantity.clean(2, US)).isEqualTo(quantity.clean("2.0000", US)).hasToString("2");
    assertThat(quantity.clean(0.1, US)).hasToString("0.1"); // the double's shortest decimal, not 0.1000000000000000055
    assertThat(quantity.clean(1e6, US)).hasToString("1000000"); // never 1E+6
    refused(() -> quantity.clean("2.00001", US), CanonicalException.SCALE_EXCEEDED);
    refused(() -> quantity.clean(0.1 + 0.2, US), CanonicalException.SCALE_EXCEEDED); // 0.30000000000000004
  }

  @Test
  void moneyFieldsDeclareTheirPrecision() {
    Map<String, Object> raw = Map.of("amount", 12.5, "currency", "usd");
    assertThat(ValueType.money().clean(raw, US)).isEqualTo(Money.of("12.50", "USD"));
    refused(() -> ValueType.money().clean(Map.of("amount", "12.345", "currency", "USD"), US),
        CanonicalException.SCALE_EXCEEDED);
    refused(() -> ValueType.money().clean(Map.of("amount", "1.5", "currency", "JPY"), US),
        CanonicalException.SCALE_EXCEEDED);
    assertThat(ValueType.money(6).clean(Map.of("amount", "0.012345", "currency", "USD"), US))
        .isEqualTo(Money.of("0.012345", "USD"));
    refused(() -> ValueType.money().clean(Map.of("amount", "1"), US), CanonicalException.INVALID_VALUE);
    refused(() -> ValueType.money().clean(Map.of("amount", "1", "currency", "XYZ"), US),
        CanonicalException.INVALID_CURRENCY);
  }

  @Test
  void nullEmptyStringBlankAndEmptyListAreTheOneEmpty() {
    for (ValueType type : types().map(a -> (ValueType) a.get()[0]).toList()) {
      for (Object raw : Arrays.asList(null, "", "   ", "\u200B", List.of(), Map.of(), Value.EMPTY)) {
        assertThat(type.clean(raw, US)).as("%s of %s", type.name(), raw).isSameAs(Value.EMPTY);
      }
      assertThat(type.fromJson(ValueJson.tree("null"))).isSameAs(Value.EMPTY);
      assertThat(type.fromJson(null)).isSameAs(Value.EMPTY);
      assertThat(ValueJson.toJsonString(type, Value.EMPTY)).isEqualTo("null");
    }
    assertThat(ValueType.sortedSet(ValueType.text()).clean(List.of(" ", ""), US)).isSameAs(Value.EMPTY);
    refused(() -> new TextValue(""), CanonicalException.INVALID_VALUE);
    refused(() -> new ListValue(List.of()), CanonicalException.INVALID_VALUE);
  }

  @Test
  void instantsAreUtcAtMillisecondsWhateverOffsetTheyCameWith() {
    ValueType instant = ValueType.instant();
    Value expected = new InstantValue(Instant.parse("2024-05-01T12:00:00.123Z"));
    for (Object raw : new Object[] {"2024-05-01T14:00:00.123456+02:00", "2024-05-01T12:00:00.123Z",
        "2024-05-01T04:00:00.123-0800", "2024-05-01T04:00:00.123-08", "2024-05-01 12:00:00.123Z",
        "2024-05-01T14:00:00.123+02:00[Europe/Paris]", Instant.parse("2024-05-01T12:00:00.123999Z"),
        OffsetDateTime.parse("2024-05-01T21:00:00.123+09:00")}) {
      assertThat(instant.clean(raw, US)).as("%s", raw).isEqualTo(expected);
    }
    assertThat(expected).hasToString("2024-05-01T12:00:00.123Z");
    assertThat(new InstantValue(Instant.parse("2024-05-01T12:00:00Z"))).hasToString("2024-05-01T12:00:00.000Z");
    refused(() -> instant.clean("2024-05-01T12:00:00", US), CanonicalException.INVALID_INSTANT); // which zone?
    refused(() -> instant.clean(1714564800L, US), CanonicalException.INVALID_INSTANT); // seconds or millis?
    refused(() -> instant.clean("tomorrow", US), CanonicalException.INVALID_INSTANT);
    refused(() -> instant.clean("+10000-01-01T00:00:00Z", US), CanonicalException.INVALID_INSTANT);
  }

  @Test
  void datesAreTheDayAsWrittenNeverShiftedByAZone() {
    ValueType date = ValueType.date();
    Value mayFirst = new DateValue(LocalDate.of(2024, 5, 1));
    for (Object raw : new Object[] {"2024-05-01", "2024-05-01T23:30:00-07:00", "2024-05-01T00:30:00+14:00",
        "2024-05-01T23:59:59", "2024-05-01 08:00:00+0200", LocalDate.of(2024, 5, 1),
        OffsetDateTime.parse("2024-05-01T23:30:00-07:00"), Instant.parse("2024-05-01T00:00:00Z")}) {
      assertThat(date.clean(raw, US)).as("%s", raw).isEqualTo(mayFirst);
    }
    refused(() -> date.clean("2024-02-30", US), CanonicalException.INVALID_DATE);
    refused(() -> date.clean("01/05/2024", US), CanonicalException.INVALID_DATE); // day or month first?
    refused(() -> date.clean(20240501, US), CanonicalException.INVALID_DATE);
  }

  @Test
  void textIsNfcTrimmedAndCountedInCodePoints() {
    ValueType name = ValueType.personName();
    assertThat(name.clean("  Jose\u0301\u00A0 \t Ann\u200B  ", US)).isEqualTo(new TextValue("José Ann"));
    assertThat(ValueType.multiLineText().clean(" Hello\r\n\r\n  the   team \n", US))
        .isEqualTo(new TextValue("Hello\n\nthe team"));
    assertThat(ValueType.identifier().clean(" INV-  0042 ", US)).isEqualTo(new TextValue("INV-  0042"));
    String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 units
    assertThat(name.clean(emoji.repeat(255), US)).isInstanceOf(TextValue.class);
    refused(() -> name.clean(emoji.repeat(256), US), CanonicalException.TOO_LONG);
    refused(() -> name.clean("x".repeat(256), US), CanonicalException.TOO_LONG);
    refused(() -> name.clean(List.of("a"), US), CanonicalException.INVALID_VALUE);
    refused(() -> name.check(new TextValue("Ann  Lee")), CanonicalException.INVALID_VALUE); // not single-line clean
  }

  @Test
  void enumsAndBooleansHaveOneSpellingEach() {
    ValueType stage = ValueType.enumOf("closed_won", "closed_lost");
    assertThat(stage.clean(" Closed Won ", US)).isEqualTo(new EnumValue("closed_won"));
    assertThat(stage.clean("closed-lost", US)).isEqualTo(new EnumValue("closed_lost"));
    refused(() -> stage.clean("won", US), CanonicalException.INVALID_ENUM_VALUE);
    refused(() -> stage.fromJson(ValueJson.tree("\"open\"")), CanonicalException.INVALID_ENUM_VALUE);
    for (Object yes : new Object[] {true, "TRUE", "yes", 1, 1L, "1", 1.0}) {
      assertThat(ValueType.bool().clean(yes, US)).isEqualTo(BooleanValue.TRUE);
    }
    for (Object no : new Object[] {false, "false", "No", 0, "0"}) {
      assertThat(ValueType.bool().clean(no, US)).isEqualTo(BooleanValue.FALSE);
    }
    refused(() -> ValueType.bool().clean("maybe", US), CanonicalException.INVALID_BOOLEAN);
    refused(() -> ValueType.bool().clean(2, US), CanonicalException.INVALID_BOOLEAN);
  }

  @Test
  void listsHaveOneCanonicalOrder() {
    assertThat(ValueType.sortedSet(ValueType.text()).clean(List.of(" vip", "b2b", "vip ", ""), US))
        .isEqualTo(new ListValue(List.of(new TextValue("b2b"), new TextValue("vip"))));
    assertThat(ValueType.orderedList(ValueType.email()).clean(List.of("B@x.com", "a@x.com"), US))
        .isEqualTo(new ListValue(List.of(EmailCleaner.clean("b@x.com"), EmailCleaner.clean("a@x.com"))));
    Value lines = ValueType.positioned(LINE).clean(List.of(
        Map.of("name", "Third", "position", 30), Map.of("name", "Unplaced"), Map.of("name", "First", "position", 1)), US);
    assertThat(((ListValue) lines).items()).extracting(v -> ((StructValue) v).get("name").toString() + "@"
        + ((StructValue) v).get("position")).containsExactly("First@1", "Third@2", "Unplaced@3");
    // A sorted set given out of order is not canonical: equality would depend on arrival order.
    refused(() -> ValueType.sortedSet(ValueType.text()).check(new ListValue(List.of(new TextValue("vip"),
        new TextValue("b2b")))), CanonicalException.INVALID_VALUE);
  }

  @Test
  void errorsInsideListsAndChildrenNameTheirPath() {
    assertThatRefusedAt(() -> ValueType.orderedList(ValueType.email()).clean(List.of("a@x.com", "nope"), US),
        CanonicalException.INVALID_EMAIL, "1");
    assertThatRefusedAt(() -> ValueType.positioned(LINE).clean(List.of(Map.of("quantity", "1.00001")), US),
        CanonicalException.SCALE_EXCEEDED, "0.quantity");
    assertThatRefusedAt(() -> ValueType.positioned(LINE).clean(List.of(Map.of("colour", "red")), US),
        CanonicalException.UNKNOWN_FIELD, "0.colour");
  }

  @Test
  void referencesPointOnlyToDeclaredTypes() {
    ValueType customer = ValueType.ref("contact", "company");
    assertThat(customer.clean(Map.of("type", "company", "id", " cmp_1 "), US)).isEqualTo(new Ref("company", "cmp_1"));
    refused(() -> customer.clean(new Ref("deal", "d1"), US), CanonicalException.INVALID_REFERENCE);
    refused(() -> customer.clean(Map.of("type", "company"), US), CanonicalException.INVALID_REFERENCE);
    refused(() -> customer.clean("cmp_1", US), CanonicalException.INVALID_REFERENCE);
  }

  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of(ValueType.text(), new TextValue("Ünïcödé “quoted” 日本語 \uD83D\uDE00")),
        Arguments.of(ValueType.multiLineText(), new TextValue("Line one\n\nLine \"three\"")),
        Arguments.of(ValueType.email(), EmailCleaner.clean("Ann@Bücher.DE")),
        Arguments.of(ValueType.phone(), new PhoneValue("+14155550134")),
        Arguments.of(ValueType.phone(), new PhoneValue("call reception")),
        Arguments.of(ValueType.url(), UrlCleaner.clean("https://www.acme.com/a b?q=ü#top")),
        Arguments.of(ValueType.domain(), Domains.clean("shop.example.co.uk")),
        Arguments.of(ValueType.enumOf("past_due", "active"), new EnumValue("past_due")),
        Arguments.of(ValueType.bool(), BooleanValue.FALSE),
        Arguments.of(ValueType.integer(), new IntegerValue(Long.MIN_VALUE)),
        Arguments.of(ValueType.decimal(4), DecimalValue.of("-1234567890123.4567")),
        Arguments.of(ValueType.money(), Money.of("1.250", "KWD")),
        Arguments.of(ValueType.money(), Money.of("1200", "JPY")),
        Arguments.of(ValueType.money(6), Money.of("0.012345", "USD")),
        Arguments.of(ValueType.currency(), CurrencyValue.of("isk")),
        Arguments.of(ValueType.instant(), new InstantValue(Instant.parse("2024-05-01T12:00:00.123Z"))),
        Arguments.of(ValueType.date(), new DateValue(LocalDate.of(1, 1, 1))),
        Arguments.of(ValueType.sortedSet(ValueType.text()), new ListValue(List.of(new TextValue("a"), new TextValue("b")))),
        Arguments.of(ValueType.orderedList(ValueType.ref("contact")),
            new ListValue(List.of(new Ref("contact", "2"), new Ref("contact", "1")))),
        Arguments.of(ValueType.address(), new PostalAddress(List.of("1 Main St", "Apt 2"), "Springfield", "IL",
            "62701", "US")),
        Arguments.of(ValueType.address(), new PostalAddress(List.of(), null, null, null, "DE")),
        Arguments.of(ValueType.ref("company"), new Ref("company", "cmp 1/ü")),
        Arguments.of(ValueType.positioned(LINE), ValueType.positioned(LINE).clean(List.of(
            Map.of("name", "Widget", "quantity", "2", "unitPrice", Map.of("amount", "9.99", "currency", "USD"))), US)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("types")
  void everyValueSurvivesTheDatabaseRoundTrip(ValueType type, Value value) {
    String stored = ValueJson.toJsonString(type, value);
    Value back = ValueJson.parse(type, stored);
    assertThat(back).isEqualTo(value).hasSameHashCodeAs(value);
    assertThat(ValueJson.toJsonString(type, back)).isEqualTo(stored); // one serialised form
    assertThat(type.clean(back, US)).isEqualTo(value); // cleaning a clean value changes nothing
  }

  @Test
  void theSerialisedFormsAreTheDocumentedOnes() {
    assertThat(ValueJson.toJsonString(ValueType.integer(), new IntegerValue(100))).isEqualTo("100");
    assertThat(ValueJson.toJsonString(ValueType.decimal(4), DecimalValue.of("2.50"))).isEqualTo("\"2.5\"");
    assertThat(ValueJson.toJsonString(ValueType.money(), Money.of("12.5", "usd")))
        .isEqualTo("{\"amount\":\"12.50\",\"currency\":\"USD\"}");
    assertThat(ValueJson.toJsonString(ValueType.address(), new PostalAddress(List.of("1 Main St"), null, null,
        "94105", "US"))).isEqualTo("{\"lines\":[\"1 Main St\"],\"postalCode\":\"94105\",\"country\":\"US\"}");
    assertThat(ValueJson.toJsonString(ValueType.ref("deal"), new Ref("deal", "d1")))
        .isEqualTo("{\"type\":\"deal\",\"id\":\"d1\"}");
  }

  @Test
  void readingStorageIsStrictAboutKindsAndCanonicalForms() {
    refused(() -> ValueJson.parse(ValueType.email(), "\"Ann@Example.com\""), CanonicalException.INVALID_EMAIL);
    refused(() -> ValueJson.parse(ValueType.integer(), "\"100\""), CanonicalException.INVALID_VALUE);
    refused(() -> ValueJson.parse(ValueType.integer(), "100.5"), CanonicalException.INVALID_VALUE);
    refused(() -> ValueJson.parse(ValueType.decimal(2), "1.5"), CanonicalException.INVALID_VALUE);
    refused(() -> ValueJson.parse(ValueType.decimal(2), "\"1.555\""), CanonicalException.SCALE_EXCEEDED);
    refused(() -> ValueJson.parse(ValueType.text(), "\" padded \""), CanonicalException.INVALID_VALUE);
    refused(() -> ValueJson.parse(ValueType.money(), "{\"amount\":12.5,\"currency\":\"USD\"}"),
        CanonicalException.INVALID_VALUE);
    refused(() -> ValueJson.parse(ValueType.date(), "\"2024-05-01T00:00:00Z\""), CanonicalException.INVALID_DATE);
    refused(() -> ValueJson.parse(ValueType.address(), "{\"street\":\"1 Main St\"}"), CanonicalException.INVALID_VALUE);
    refused(() -> ValueJson.parse(ValueType.text(), "{\"a\":1,\"a\":2}"), CanonicalException.INVALID_JSON);
    refused(() -> ValueJson.parse(ValueType.text(), "not json"), CanonicalException.INVALID_JSON);
    // A stored sorted set is put back in order rather than refused: the order rule may evolve, data must stay readable.
    JsonNode unordered = ValueJson.tree("[\"vip\",\"b2b\"]");
    assertThat(ValueType.sortedSet(ValueType.text()).fromJson(unordered))
        .isEqualTo(new ListValue(List.of(new TextValue("b2b"), new TextValue("vip"))));
  }

  static void assertThatRefusedAt(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code,
      String field) {
    refused(call, code);
    try {
      call.call();
    } catch (Throwable e) {
      assertThat(((CanonicalException) e).field()).isEqualTo(field);
    }
  }

  static Map<String, ValueType> linkedMap(Object... keysAndTypes) {
    Map<String, ValueType> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndTypes.length; i += 2) {
      m.put((String) keysAndTypes[i], (ValueType) keysAndTypes[i + 1]);
    }
    return m;
  }
}
