package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.VendorType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Vendor objects are keyed by the vendor's type, and a vendor type may hold records of several canonical types: the
 * binding routes each object, and an object already linked keeps the type of its record (see {@link TypeRouting}).
 * The fake HubSpot here has one vendor type, {@code party}, whose objects are contacts or companies.
 */
class TypeRoutingTests {
  private final SpineFixture f = new SpineFixture(false);

  TypeRoutingTests() {
    f.hubspot.types = List.of(new VendorType("party", List.of("contact", "company")));
  }

  private void changed(String id) {
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        new InboundEvent("evt-" + id + "-" + System.nanoTime(), "party", id, InboundEvent.Kind.CHANGED, null,
            f.clock.instant()), "corr"));
    f.inbound();
  }

  private Links.Link link(String id) {
    return f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "party", id).orElseThrow();
  }

  private long records() {
    return f.db.sql("select count(*) from golden_record").query(Long.class).single();
  }

  @Test
  void aLinkIsKeyedByTheVendorTypeAndHoldsTheCanonicalTypeTheRuleChose() {
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, "ann@example.com"));
    changed(id);

    Links.Link l = link(id);
    assertThat(l.vendorType()).isEqualTo("party");
    assertThat(l.objectType()).isEqualTo("contact");
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "contact", id)).isEmpty();
  }

  @Test
  void aLinkedObjectTheRuleNowRoutesElsewhereStaysWithItsRecordWhenTheBindingCanReadItSo() {
    f.hubspot.mapsAs = true;
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, "bo@example.com", ContactField.FIRST_NAME, "Bo"));
    changed(id);
    String record = link(id).canonicalId();

    f.clock.advance(java.time.Duration.ofMinutes(1));
    f.hubspot.route(id, "company");
    f.hubspot.edit(id, Map.of(ContactField.FIRST_NAME, "Bob"));
    changed(id);

    assertThat(link(id).canonicalId()).isEqualTo(record);
    assertThat(records()).isEqualTo(1);
    assertThat(f.golden.find(SpineFixture.TENANT, record).orElseThrow().fields().get(ContactField.FIRST_NAME).value())
        .isEqualTo("Bob");
  }

  @Test
  void whenTheBindingCannotReadItAsItsRecordsTypeTheChangeIsRefusedWithAReasonAndNothingMoves() {
    String id = f.hubspot.create(Map.of(ContactField.EMAIL, "cy@example.com", ContactField.FIRST_NAME, "Cy"));
    changed(id);
    String record = link(id).canonicalId();

    f.clock.advance(java.time.Duration.ofMinutes(1));
    f.hubspot.route(id, "company");
    f.hubspot.edit(id, Map.of(ContactField.FIRST_NAME, "Cyd"));
    changed(id);

    var job = f.db.sql("select status, last_error from sync_job where vendor_type = 'party'").query().singleRow();
    assertThat(job.get("status")).isEqualTo("DEAD");
    assertThat((String) job.get("last_error")).startsWith("routing:").contains("linked to a contact record")
        .contains("routes it to company").doesNotContain("cy@example.com");
    assertThat(link(id).canonicalId()).isEqualTo(record);
    assertThat(records()).isEqualTo(1);
    assertThat(f.golden.find(SpineFixture.TENANT, record).orElseThrow().fields().get(ContactField.FIRST_NAME).value())
        .isEqualTo("Cy");
  }

  @Test
  void aRecordOfATypeTheVendorTypeDoesNotDeclareIsRefused() {
    SourceRecord deal = new SourceRecord("deal", "d-1", f.clock.instant(), new CanonicalRecord("deal", Map.of()));
    assertThatThrownBy(() -> f.engine.routed(SpineFixture.TENANT, f.hubspotConnection, "party", deal))
        .isInstanceOf(TypeRouting.RoutingRefused.class).hasMessageContaining("does not declare");
    assertThatThrownBy(() -> f.engine.routed(SpineFixture.TENANT, f.hubspotConnection, "ticket", deal))
        .isInstanceOf(TypeRouting.RoutingRefused.class).hasMessageContaining("binds no vendor type ticket");
  }
}
