package dev.switchboard.app.canonical.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.CanonicalException;
import dev.switchboard.app.canonical.CleanContext;
import dev.switchboard.app.canonical.EmailValue;
import dev.switchboard.app.canonical.MatchForm;
import dev.switchboard.app.canonical.Value;
import dev.switchboard.app.canonical.ValueType;
import dev.switchboard.app.canonical.ValueType.EnumType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CanonicalTypesTests {
  static final CanonicalTypes TYPES = CanonicalTypes.standard();
  static final CleanContext US = CleanContext.of("US");

  @Test
  void declaresEveryTypeOfTheSpineOnce() {
    assertThat(TYPES.all()).extracting(CanonicalType::name).containsExactlyInAnyOrder("contact", "company", "deal",
        "line_item", "product", "activity", "invoice", "invoice_line", "payment", "payment_refund", "subscription",
        "subscription_item", "booking", "email_engagement");
    assertThat(TYPES.type("line_item").kind()).isEqualTo(CanonicalType.Kind.CHILD);
    assertThat(TYPES.type("email_engagement").appendOnly()).isTrue();
    assertThat(TYPES.type("contact").appendOnly()).isFalse();
    refused(() -> TYPES.type("lead"), CanonicalException.UNKNOWN_TYPE, null);
  }

  @Test
  void enumFieldsCarryTheirCanonicalSets() {
    assertThat(codes("subscription", "status")).containsExactly("incomplete", "incomplete_expired", "trialing",
        "active", "past_due", "canceled", "unpaid", "paused");
    assertThat(codes("booking", "status")).containsExactly("scheduled", "completed", "cancelled", "no_show");
    assertThat(codes("invoice", "status")).containsExactly("draft", "open", "paid", "void", "uncollectible");
    assertThat(codes("deal", "stage")).contains("closed_won", "closed_lost");
    assertThat(codes("activity", "kind")).containsExactly("email", "call", "meeting", "note", "task");
    assertThat(codes("contact", "marketingStatus"))
        .containsExactly("subscribed", "pending", "unsubscribed", "transactional", "cleaned", "archived");
    assertThat(TYPES.type("contact").consentField()).contains("marketingStatus");
  }

  @Test
  void lifecyclesDeclareTheirTerminalStates() {
    assertThat(TYPES.type("invoice").lifecycle().orElseThrow().terminal()).containsExactlyInAnyOrder("paid", "void");
    assertThat(TYPES.type("payment").lifecycle().orElseThrow().terminal())
        .containsExactlyInAnyOrder("failed", "canceled", "refunded");
    assertThat(TYPES.type("subscription").lifecycle().orElseThrow().terminal())
        .containsExactlyInAnyOrder("canceled", "incomplete_expired");
    for (String money : List.of("invoice", "payment", "subscription")) {
      assertThat(TYPES.type(money).lifecycle().orElseThrow().financial()).as(money).isTrue();
    }
    assertThat(TYPES.type("deal").lifecycle().orElseThrow().financial()).isFalse();
    assertThat(TYPES.type("booking").lifecycle().orElseThrow().states())
        .containsExactly("scheduled", "completed", "cancelled", "no_show");
  }

  @Test
  void piiFieldsAreDeclared() {
    assertThat(TYPES.type("contact").piiFields())
        .containsExactlyInAnyOrder("email", "phone", "firstName", "lastName", "address", "owner");
    assertThat(TYPES.type("contact").isPii("custom.loyalty_tier")).isTrue();
    assertThat(TYPES.type("contact").isPii("lifecycleStage")).isFalse();
    assertThat(TYPES.type("booking").piiFields())
        .containsExactlyInAnyOrder("clientEmail", "clientPhone", "clientName", "notes");
    assertThat(TYPES.type("email_engagement").piiFields()).containsExactly("email");
    assertThat(TYPES.type("invoice").piiFields()).isEmpty();
  }

  @Test
  void eventsPerType() {
    assertThat(TYPES.type("contact").events()).containsExactly("crm.synced", "consent.changed");
    assertThat(TYPES.type("booking").events()).containsExactly("booking.imported", "booking.updated");
    assertThat(TYPES.type("invoice").events()).containsExactly("crm.synced");
    assertThat(TYPES.type("email_engagement").events()).containsExactly("engagement.recorded");
  }

  @Test
  void contactsAreIdentifiedByEmailThenPhoneAndUnparsedPhonesIdentifyNothing() {
    TypedRecord ann = TYPES.clean("contact", Map.of("email", "Ann@Example.com", "phone", "(415) 555-0134"), US);
    assertThat(TYPES.identityKeys(ann)).extracting(IdentityKey::toString)
        .containsExactly("email:ann@example.com", "phone:+14155550134");
    TypedRecord typo = TYPES.clean("contact", Map.of("email", "ann@example.com", "phone", "ask reception"), US);
    assertThat(TYPES.identityKeys(typo)).extracting(IdentityKey::toString).containsExactly("email:ann@example.com");
    assertThat(TYPES.identityKeys(TYPES.clean("contact", Map.of("firstName", "Ann"), US))).isEmpty();
  }

  @Test
  void companiesAreIdentifiedByDomainThenNameWithCityPostcodeOrPhone() {
    TypedRecord acme = TYPES.clean("company", Map.of("name", "The Acme Company, Inc.",
        "website", "https://www.shop.acme.co.uk/about", "phone", "+44 20 7946 0958",
        "address", Map.of("city", "  LONDON ", "zip", "ec1a1bb", "country", "UK")), US);
    assertThat(TYPES.identityKeys(acme)).extracting(IdentityKey::toString).containsExactly("domain:acme.co.uk",
        "name_city:acme|london", "name_postcode:acme|GB:EC1A1BB", "name_phone:acme|+442079460958");
    TypedRecord same = TYPES.clean("company", Map.of("name", "ACME co.", "domain", "acme.co.uk",
        "address", Map.of("city", "London")), US);
    assertThat(TYPES.identityKeys(same)).extracting(IdentityKey::toString)
        .contains("domain:acme.co.uk", "name_city:acme|london");
    // A free-mail domain is not a company: a one-person business on gmail.com keeps only its name keys.
    TypedRecord soleTrader = TYPES.clean("company", Map.of("name", "Rivera Plumbing", "domain", "gmail.com",
        "address", Map.of("city", "Austin", "country", "US")), US);
    assertThat(TYPES.identityKeys(soleTrader)).extracting(IdentityKey::rule).containsExactly("name_city");
    assertThat(TYPES.identityKeys(TYPES.clean("company", Map.of("name", "Acme"), US))).isEmpty();
  }

  @Test
  void dataQualityFlagsAreReportedPerField() {
    TypedRecord company = TYPES.clean("company", Map.of("name", "Rivera Plumbing", "domain", "gmail.com",
        "phone", "ask for Ana", "address", Map.of("zip", "7870", "state", "Texas", "country", "US")), US);
    assertThat(TYPES.flags(company)).containsExactly(
        Map.entry("domain", Set.of("free_mail_domain")),
        Map.entry("phone", Set.of("invalid_phone")),
        Map.entry("address", Set.of("unrecognised_postal_code")));
    TypedRecord clean = TYPES.clean("company", Map.of("name", "Acme", "domain", "acme.com"), US);
    assertThat(TYPES.flags(clean)).isEmpty();
  }

  @Test
  void otherTypesAreLinkedOnlyAndFactsAreKeyedBySystemAndEventId() {
    for (String linkedOnly : List.of("deal", "product", "activity", "invoice", "payment", "subscription", "booking")) {
      assertThat(TYPES.type(linkedOnly).identity()).as(linkedOnly).isEmpty();
    }
    TypedRecord open = TYPES.clean("email_engagement", Map.of("system", "mailchimp", "eventId", "a|b\\c",
        "kind", "open", "occurredAt", "2025-01-01T00:00:00Z"), US);
    assertThat(TYPES.identityKeys(open)).extracting(IdentityKey::toString)
        .containsExactly("event:mailchimp|a\\|b\\\\c"); // separators inside a part are escaped
  }

  @Test
  void contactAndCompanyFieldsAnySystemMayChange() {
    CanonicalType contact = TYPES.type("contact");
    assertThat(contact.refusal("email", "mailchimp", "hubspot", "customer")).isEmpty();
    assertThat(contact.fields().values()).allMatch(f -> f.authority() == Authority.EVERY_SYSTEM);
    assertThat(TYPES.type("company").fields().values()).allMatch(f -> f.authority() == Authority.EVERY_SYSTEM);
    // Deals are not money records: a won deal is reopened by whoever reopens it.
    assertThat(TYPES.type("deal").refusal("stage", "salesforce", "hubspot", "closed_won")).isEmpty();
  }

  @Test
  void moneyRecordsBelongToTheSystemThatIssuedThem() {
    CanonicalType invoice = TYPES.type("invoice");
    for (String issued : List.of("total", "lines", "currency", "status", "dueOn", "amountPaid")) {
      assertThat(invoice.refusal(issued, "hubspot", "stripe", "open")).as(issued).contains("issuer_only");
      assertThat(invoice.refusal(issued, "stripe", "stripe", "open")).as(issued).isEmpty();
    }
    assertThat(invoice.refusal("memo", "hubspot", "stripe", "open")).isEmpty();
    assertThat(invoice.refusal("total", "hubspot", null, null)).isEmpty(); // being created: no issuer yet
    assertThat(TYPES.type("payment").refusal("amount", "quickbooks", "stripe", "pending")).contains("issuer_only");
    assertThat(TYPES.type("subscription").refusal("status", "hubspot", "stripe", "active")).contains("issuer_only");
  }

  @Test
  void aMoneyRecordInATerminalStateAcceptsOnlyItsIssuersStatusChanges() {
    CanonicalType invoice = TYPES.type("invoice");
    assertThat(invoice.refusal("memo", "hubspot", "stripe", "paid")).contains("terminal_state");
    assertThat(invoice.refusal("total", "stripe", "stripe", "paid")).contains("terminal_state");
    assertThat(invoice.refusal("status", "stripe", "stripe", "paid")).isEmpty();
    assertThat(invoice.refusal("status", "quickbooks", "stripe", "void")).contains("terminal_state");
    // A succeeded payment is not terminal: its issuer still records refunds.
    CanonicalType payment = TYPES.type("payment");
    assertThat(payment.refusal("refunds", "stripe", "stripe", "succeeded")).isEmpty();
    assertThat(payment.refusal("refunds", "stripe", "stripe", "refunded")).contains("terminal_state");
    assertThat(TYPES.type("subscription").refusal("items", "stripe", "stripe", "canceled")).contains("terminal_state");
    assertThat(TYPES.type("subscription").refusal("status", "stripe", "stripe", "incomplete_expired")).isEmpty();
  }

  @Test
  void cleaningKeepsAbsentAndClearedApart() {
    Map<String, Object> raw = new HashMap<>();
    raw.put("email", " Ann@Example.com ");
    raw.put("phone", null);
    raw.put("tags", List.of());
    raw.put("jobTitle", "  ");
    TypedRecord r = TYPES.clean("contact", raw, US);
    assertThat(r.get("email")).isEqualTo(new EmailValue("ann@example.com"));
    assertThat(r.isCleared("phone")).isTrue();
    assertThat(r.isCleared("tags")).isTrue();
    assertThat(r.isCleared("jobTitle")).isTrue();
    assertThat(r.isAbsent("firstName")).isTrue();
    assertThat(r.has("email")).isTrue();
    assertThat(r.value("email", EmailValue.class)).isPresent();
    assertThat(r.with("email", Value.EMPTY).isCleared("email")).isTrue();
    assertThat(r.without("email").isAbsent("email")).isTrue();
    assertThat(r.toString()).doesNotContain("ann@"); // no values in logs
  }

  @Test
  void cleaningRefusesWithTheFieldAtFault() {
    refused(() -> TYPES.clean("contact", Map.of("colour", "red"), US), CanonicalException.UNKNOWN_FIELD, "colour");
    refused(() -> TYPES.clean("product", Map.of("custom.x", "1"), US), CanonicalException.UNKNOWN_FIELD, "custom.x");
    refused(() -> TYPES.clean("contact", Map.of("email", "nope"), US), CanonicalException.INVALID_EMAIL, "email");
    refused(() -> TYPES.clean("subscription", Map.of("status", "cancelled"), US), // Stripe spells it "canceled"
        CanonicalException.INVALID_ENUM_VALUE, "status");
    refused(() -> TYPES.clean("deal", Map.of("lines", List.of(Map.of("name", "x", "quantity", "0.00001"))), US),
        CanonicalException.SCALE_EXCEEDED, "lines.0.quantity");
    refused(() -> TYPES.clean("invoice", Map.of("total", Map.of("amount", "1.5", "currency", "JPY")), US),
        CanonicalException.SCALE_EXCEEDED, "total");
  }

  @Test
  void completeRecordsMeetTheirTypesRules() {
    refused(() -> TYPES.validate(TYPES.clean("contact", Map.of("firstName", "Ann"), US)),
        CanonicalException.MISSING_FIELD, "email");
    TYPES.validate(TYPES.clean("contact", Map.of("phone", "+14155550134"), US)); // e-mail or phone
    refused(() -> TYPES.validate(TYPES.clean("activity", Map.of("kind", "meeting",
        "startAt", "2025-01-01T10:00:00Z"), US)), CanonicalException.MISSING_FIELD, "endAt");
    refused(() -> TYPES.validate(TYPES.clean("activity", Map.of("kind", "note", "body", "x",
        "dueAt", "2025-01-01T10:00:00Z"), US)), CanonicalException.UNKNOWN_FIELD, "dueAt");
    refused(() -> TYPES.validate(TYPES.clean("email_engagement", Map.of("system", "mailchimp", "eventId", "1",
        "kind", "click", "occurredAt", "2025-01-01T00:00:00Z"), US)), CanonicalException.MISSING_FIELD, "url");
    refused(() -> TYPES.validate(TYPES.clean("deal", Map.of("name", "D", "lines", List.of(Map.of("name", "x"))), US)),
        CanonicalException.MISSING_FIELD, "lines.0.quantity");
    refused(() -> TYPES.validate(TYPES.clean("booking", Map.of("externalId", "1", "startAt", "2025-01-01T10:00:00Z",
        "endAt", "2025-01-01T11:00:00Z"), US)), CanonicalException.MISSING_FIELD, "status");
  }

  @Test
  void oneRecordHoldsOneCurrencyAndTheFieldReportedNeverDependsOnMapOrder() {
    Map<String, Object> invoice = new LinkedHashMap<>();
    invoice.put("lines", List.of(Map.of("description", "x", "amount", Map.of("amount", "10", "currency", "EUR"))));
    invoice.put("customer", Map.of("type", "company", "id", "c1"));
    invoice.put("currency", "USD");
    invoice.put("status", "open");
    Map<String, Object> reversed = new LinkedHashMap<>();
    new ArrayList<>(invoice.keySet()).reversed().forEach(k -> reversed.put(k, invoice.get(k)));
    for (Map<String, Object> raw : List.of(invoice, reversed)) {
      refused(() -> TYPES.validate(TYPES.clean("invoice", raw, US)), CanonicalException.CURRENCY_MISMATCH,
          "lines.0.amount"); // the currency field is declared first, so the line is the odd one out
    }
    Map<String, Object> twoFaults = new LinkedHashMap<>();
    twoFaults.put("phone", "+14155550134");
    twoFaults.put("tags", List.of("x".repeat(1001)));
    twoFaults.put("email", "nope");
    refused(() -> TYPES.clean("contact", twoFaults, US), CanonicalException.INVALID_EMAIL, "email");
  }

  @Test
  void checkRefusesValuesThatDoNotFitTheirField() {
    TypedRecord wrongKind = new TypedRecord("contact", Map.of("email", new dev.switchboard.app.canonical.TextValue("x")));
    refused(() -> TYPES.check(wrongKind), CanonicalException.INVALID_VALUE, "email");
    refused(() -> TYPES.check(new TypedRecord("contact", Map.of("size", Value.EMPTY))),
        CanonicalException.UNKNOWN_FIELD, "size");
    refused(() -> TYPES.parse("{\"type\":\"contact\"}"), CanonicalException.INVALID_VALUE, null);
    refused(() -> TYPES.parse("{\"type\":\"contact\",\"fields\":{\"tags\":\"vip\"}}"),
        CanonicalException.INVALID_VALUE, "tags");
  }

  @Test
  void declarationsAreCheckedWhenBuilt() {
    assertThatThrownBy(() -> CanonicalType.golden("x").field("a", ValueType.text()).field("a", ValueType.text()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalType.golden("x").field("a", ValueType.text()).required("b").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalType.golden("x").field("a", ValueType.text()).lifecycle("a", Set.of(), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalType.golden("x").field("k", ValueType.enumOf("p", "q")).subtypes("k")
        .subtype("p", Set.of(), Set.of()).build()).isInstanceOf(IllegalArgumentException.class); // q has none
    assertThatThrownBy(() -> CanonicalType.fact("f").field("a", ValueType.text()).build())
        .isInstanceOf(IllegalArgumentException.class); // a fact needs its key
    CanonicalType dangling = CanonicalType.golden("x").field("owner", ValueType.ref("user")).build();
    assertThatThrownBy(() -> new CanonicalTypes(List.of(dangling))).isInstanceOf(IllegalArgumentException.class);
    CanonicalType ok = CanonicalType.golden("y").field("n", ValueType.text())
        .identity("n", "n", MatchForm.EXACT).build();
    assertThat(new CanonicalTypes(List.of(ok)).type("y").identity()).hasSize(1);
  }

  static List<String> codes(String type, String field) {
    return ((EnumType) TYPES.type(type).require(field).type()).codes();
  }

  static void refused(ThrowingCallable call, String code, String field) {
    assertThatThrownBy(call).isInstanceOf(CanonicalException.class)
        .satisfies(e -> {
          assertThat(((CanonicalException) e).code()).isEqualTo(code);
          assertThat(((CanonicalException) e).field()).isEqualTo(field);
        });
  }
}
