package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connectors.VendorType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A part of another object (HubSpot's line item of a deal) that is deleted has no owner the vendor can name any more:
 * its deletion is a change of the object whose lines held it when the spine last knew them.
 */
class PartDeletionTests {
  final SpineFixture f = new SpineFixture();

  private static Map<String, Object> line(String id, String name, long position) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("id", id);
    l.put("name", name);
    l.put("quantity", "1");
    l.put("position", position);
    return l;
  }

  @Test
  void aDeletedPartTheVendorNoLongerPlacesIsAChangeOfTheObjectWhoseLinesHeldIt() {
    f.hubspot.types = List.of(VendorType.of("contact", "contact"), VendorType.of("company", "company"),
        VendorType.of("deal", "deal"));
    f.hubspot.partOwnerType.put("line_item", "deal");
    String deal = f.hubspot.createAs("deal", Map.of("name", "Anvils",
        "lines", List.of(line("li-1", "Anvil", 1), line("li-2", "Setup", 2))));
    f.webhook(f.hubspot, deal);
    f.settle();
    String record = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "deal", deal).orElseThrow()
        .canonicalId();
    assertThat((List<?>) f.golden.find(SpineFixture.TENANT, record).orElseThrow().fields().get("lines").value())
        .hasSize(2);

    // li-2 is deleted in the vendor: its deal holds one line now, and the vendor names no deal for the gone line item;
    // only the line item's own deletion event arrives
    f.hubspot.edit(deal, Map.of("lines", List.of(line("li-1", "Anvil", 1))));
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        f.hubspot.partDeleted("line_item", "li-2"), "corr-part"));
    f.settle();
    assertThat((List<?>) f.golden.find(SpineFixture.TENANT, record).orElseThrow().fields().get("lines").value())
        .as("the deal was read again: its removed line is gone from the golden record").hasSize(1);
  }

  /**
   * A change event of a part the vendor places nowhere that was not deleted (a loose line item) does not send the
   * spine scanning the lines it last knew: only a deletion leaves no other trace (a detached part's owner has its own
   * association event).
   */
  @Test
  void aChangedPartTheVendorPlacesNowhereIsNotLookedForInTheLinesLastKnown() {
    f.hubspot.types = List.of(VendorType.of("contact", "contact"), VendorType.of("company", "company"),
        VendorType.of("deal", "deal"));
    f.hubspot.partOwnerType.put("line_item", "deal");
    String deal = f.hubspot.createAs("deal", Map.of("name", "Anvils",
        "lines", List.of(line("li-1", "Anvil", 1), line("li-2", "Setup", 2))));
    f.webhook(f.hubspot, deal);
    f.settle();
    String record = f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "deal", deal).orElseThrow()
        .canonicalId();

    f.hubspot.edit(deal, Map.of("lines", List.of(line("li-1", "Anvil", 1))));
    f.tx.executeWithoutResult(s -> f.jobs.enqueue(SpineFixture.TENANT, f.hubspotConnection.id(),
        new dev.switchboard.app.connectors.InboundEvent("evt-chg-li-2", "line_item", "li-2",
            dev.switchboard.app.connectors.InboundEvent.Kind.CHANGED, null, f.clock.instant()), "corr-part"));
    f.settle();
    assertThat((List<?>) f.golden.find(SpineFixture.TENANT, record).orElseThrow().fields().get("lines").value())
        .as("no deal was found for it by the lines last known: the deal was not read").hasSize(2);
  }
}
