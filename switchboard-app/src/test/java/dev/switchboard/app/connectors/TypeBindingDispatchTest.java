package dev.switchboard.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.connectors.hubspot.HubSpotConnector;
import dev.switchboard.app.connectors.hubspot.HubSpotProperties;
import dev.switchboard.app.connectors.mailchimp.MailchimpConnector;
import dev.switchboard.app.connectors.mailchimp.MailchimpProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A connector is its descriptor plus one {@link TypeBinding} per vendor type: its vendor types are its bindings', an
 * operation on a type it binds none of is refused with a message naming the type and the types it binds (before any
 * vendor call), and its per-type declarations are its bindings'.
 */
class TypeBindingDispatchTest {

  /** Fails any vendor call: nothing here may reach a vendor. */
  private static final VendorHttp NO_CALLS = (connection, policy, baseUrl) -> {
    throw new AssertionError("a vendor call for " + baseUrl);
  };
  private static final ConnectionContext CTX = new ConnectionContext("c1", "t1", "x", "a1", Map.of("listId", "l1"),
      Map.of("accessToken", "pat", "apiKey", "key-us21"));

  private final HubSpotConnector hubspot = new HubSpotConnector(NO_CALLS,
      new HubSpotProperties("https://api.hubapi.com", 100, 4));
  private final MailchimpConnector mailchimp = new MailchimpConnector(NO_CALLS,
      new MailchimpProperties(MailchimpProperties.DEFAULT_BASE_URL, 10));

  @Test
  void vendorTypesAreTheBindingsTypesInTheirOrder() {
    for (Connector c : List.of(hubspot, mailchimp)) {
      assertThat(c.vendorTypes()).as(c.system())
          .isEqualTo(c.bindings().stream().map(TypeBinding::vendorType).toList());
      assertThat(c.vendorTypes().stream().map(VendorType::name).distinct()).as(c.system() + ": unique names")
          .hasSameSizeAs(c.vendorTypes());
    }
    assertThat(hubspot.vendorTypes()).containsExactly(VendorType.of("company", "company"),
        VendorType.of("contact", "contact"), VendorType.of("product", "product"), VendorType.of("deal", "deal"),
        VendorType.of("meeting", "activity"), VendorType.of("call", "activity"), VendorType.of("email", "activity"),
        VendorType.of("note", "activity"), VendorType.of("task", "activity"));
    assertThat(mailchimp.vendorTypes()).containsExactly(VendorType.of("member", "contact"));
  }

  /** An activity not yet at HubSpot is created as the engagement of its kind: a call as a call, not as a meeting. */
  @Test
  void anActivityIsCreatedAsTheEngagementTypeOfItsKind() {
    for (String kind : List.of("meeting", "call", "email", "note", "task")) {
      assertThat(hubspot.vendorTypeFor("activity", java.util.Map.of("kind", kind))).as(kind).contains(kind);
    }
    assertThat(hubspot.vendorTypeFor("activity", java.util.Map.of())).as("no kind: the first activity type")
        .isEqualTo(hubspot.vendorTypeFor("activity"));
    assertThat(hubspot.vendorTypeFor("contact", java.util.Map.of("kind", "call"))).contains("contact");
  }

  @Test
  void anOperationOnATypeTheConnectorDoesNotBindIsRefusedNamingTheTypesItBinds() {
    assertRefused(hubspot, "ticket", "hubspot connector binds no vendor type 'ticket' (it binds [company, contact, "
        + "product, deal, meeting, call, email, note, task])");
    // a canonical type where the vendor type belongs
    assertRefused(mailchimp, "contact", "mailchimp connector binds no vendor type 'contact' (it binds [member])");
  }

  private static void assertRefused(Connector c, String type, String message) {
    List<Consumer<Connector>> calls = List.of(
        x -> x.fetch(CTX, type, "1"),
        x -> x.fetchMany(CTX, type, List.of("1")),
        x -> x.fetchAssociations(CTX, type, List.of("1")),
        x -> x.listModified(CTX, type, null, null),
        x -> x.write(CTX, type, List.of()),
        x -> x.delete(CTX, type, List.of("1")),
        x -> x.binding(type));
    for (Consumer<Connector> call : calls) {
      assertThatThrownBy(() -> call.accept(c)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
  }

  @Test
  void declarationsAboutABoundTypeAreItsBindings() {
    for (Connector c : List.of(hubspot, mailchimp)) {
      for (TypeBinding b : c.bindings()) {
        String t = b.vendorType().name();
        assertThat(c.timestamps(t)).isEqualTo(b.capabilities().timestamps());
        assertThat(c.deleteSemantics(t)).isEqualTo(b.capabilities().deleteSemantics());
        assertThat(c.associationKinds(t)).isEqualTo(b.capabilities().associationKinds());
        assertThat(c.maxBatchSize(t)).isEqualTo(b.maxBatchSize());
        assertThat(c.mergeableTypes().contains(t)).isEqualTo(b.capabilities().mergeable());
      }
    }
  }

  /** What HubSpot and Mailchimp answered before their bindings became the SPI. */
  @Test
  void hubSpotAndMailchimpDeclareWhatTheyDidBefore() {
    for (String t : List.of("contact", "company")) {
      assertThat(hubspot.timestamps(t)).isEqualTo(TimestampCapability.perField(Duration.ofMillis(1)));
      assertThat(hubspot.deleteSemantics(t)).contains(DeleteSemantics.ARCHIVE);
      assertThat(hubspot.maxBatchSize(t)).isEqualTo(100);
    }
    assertThat(hubspot.associationKinds("contact")).containsExactly(new AssociationKind("company", "company", false));
    assertThat(hubspot.associationKinds("company")).isEmpty();
    assertThat(hubspot.mergeableTypes()).isEqualTo(Set.of("contact", "company", "deal")); // products: HubSpot has none
    assertThat(hubspot.associationKinds("deal")).containsExactly(new AssociationKind("contact", "contact", false),
        new AssociationKind("company", "company", false));
    Map<String, Object> threeLines = Map.of("lines", List.of("1 Main St", "Floor 2", "Suite 3"), "city", "Springfield");
    assertThat(hubspot.heldAs("company", "address", threeLines)).isEqualTo(AddressLines.folded(threeLines, 2));

    assertThat(mailchimp.timestamps("member")).isEqualTo(TimestampCapability.perRecord(Duration.ofSeconds(1)));
    assertThat(mailchimp.deleteSemantics("member")).contains(DeleteSemantics.ARCHIVE);
    assertThat(mailchimp.associationKinds("member")).isEmpty();
    assertThat(mailchimp.mergeableTypes()).isEmpty();
    assertThat(mailchimp.maxBatchSize("member")).isEqualTo(500);
    assertThat(mailchimp.accepts("member", "address", Map.of("city", "Springfield"))).isFalse();
    assertThat(mailchimp.accepts("member", "firstName", "Ada")).isTrue();
    assertThat(mailchimp.heldAs("member", "address", threeLines)).isEqualTo(AddressLines.folded(threeLines, 2));
  }

  /** The spine asks every connector about every canonical type: a type bound by none gets the neutral answer. */
  @Test
  void declarationsAboutAnUnboundTypeAreNeutralAndCallNoVendor() {
    assertThat(mailchimp.timestamps("company")).isEqualTo(TimestampCapability.DEFAULT);
    assertThat(mailchimp.deleteSemantics("company")).isEmpty();
    assertThat(hubspot.associationKinds("ticket")).isEmpty();
    assertThat(hubspot.merge(CTX, "ticket", "1", "2")).isEmpty();
    assertThat(mailchimp.merge(CTX, "member", "1", "2")).as("not mergeable").isEmpty();
    assertThat(hubspot.accepts("ticket", "x", Map.of())).isTrue();
    assertThat(hubspot.associate(CTX, List.of(new EdgeWrite(7, "ticket", "1", "company", "company", "2", false))))
        .containsExactly(new EdgeWriteResult.Rejected(7, "unsupported", "hubspot cannot associate ticket company"));
  }

  /** A binding that declares no delete semantics is never asked to delete: each id is rejected as unsupported. */
  @Test
  void aTypeWithoutDeleteSemanticsRejectsDeletes() {
    TypeBinding readOnly = new TypeBinding() {
      @Override
      public VendorType vendorType() {
        return VendorType.of("note", "note");
      }

      @Override
      public BindingCapabilities capabilities() {
        return new BindingCapabilities(TimestampCapability.DEFAULT, null, List.of(), false,
            new BindingCapabilities.Detection(BindingCapabilities.Via.POLL, BindingCapabilities.Via.NOT_DETECTED,
                BindingCapabilities.Via.NOT_DETECTED),
            new BindingCapabilities.Keys(null, false), new BindingCapabilities.Listing(false, Duration.ZERO, 0));
      }

      @Override
      public Optional<SourceRecord> fetch(ConnectionContext connection, String externalId) {
        return Optional.empty();
      }

      @Override
      public RecordPage listModified(ConnectionContext connection, java.time.Instant since, String cursor) {
        throw new AssertionError();
      }

      @Override
      public List<WriteResult> write(ConnectionContext connection, List<WriteRequest> batch) {
        throw new AssertionError();
      }

      @Override
      public int maxBatchSize() {
        return 10;
      }

      @Override
      public List<DeleteResult> delete(ConnectionContext connection, List<String> externalIds) {
        throw new AssertionError("a binding without delete semantics is not asked to delete");
      }
    };
    Connector c = new Connector() {
      @Override
      public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("acme", "crm", "Acme", List.of("note"), List.of(), "", List.of());
      }

      @Override
      public List<TypeBinding> bindings() {
        return List.of(readOnly);
      }

      @Override
      public WebhookVerifier webhookVerifier() {
        throw new AssertionError();
      }

      @Override
      public List<InboundEvent> parseWebhook(WebhookRequest request) {
        throw new AssertionError();
      }

      @Override
      public String check(ConnectionContext connection) {
        throw new AssertionError();
      }

      @Override
      public RateLimitPolicy rateLimitPolicy() {
        throw new AssertionError();
      }
    };
    assertThat(c.vendorTypes()).containsExactly(VendorType.of("note", "note"));
    assertThat(c.delete(CTX, "note", List.of("n1"))).containsExactly(
        new DeleteResult.Rejected("n1", "unsupported", "acme cannot delete note"));
    assertThat(c.fetchMany(CTX, "note", List.of("n1"))).isEmpty();
    assertThat(c.maxBatchSize("other")).as("the smallest of any binding's").isEqualTo(10);
  }
}
