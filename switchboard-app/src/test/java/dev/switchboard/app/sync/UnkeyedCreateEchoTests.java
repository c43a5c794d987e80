package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.connectors.VendorType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A type no key identifies (a deal) has nothing but its link to tell our own create from a new object: the echo of a
 * create that is read before the create came back must wait for the write to settle, not become a second record.
 */
class UnkeyedCreateEchoTests {
  final SpineFixture f = new SpineFixture();

  @Test
  void theEchoOfACreateReadWhileTheCreateIsOnTheWireIsThatRecordNotASecondOne() {
    List<VendorType> types = List.of(VendorType.of("contact", "contact"), VendorType.of("company", "company"),
        VendorType.of("deal", "deal"));
    f.hubspot.types = types;
    f.erp.types = types;
    f.connectErp(Map.of());
    String erpDeal = f.erp.createAs("deal", Map.of("name", "Anvils"));
    f.webhook(f.erp, erpDeal);
    f.inbound();
    f.hubspot.duringWrite = () -> {
      // HubSpot's creation webhook is read before the create's answer is back and linked
      String made = f.hubspot.objects.keySet().stream().filter(id -> !id.equals(erpDeal)).findFirst().orElseThrow();
      f.webhook(f.hubspot, made);
      f.inbound();
    };
    f.settle();
    f.egress();
    f.settle();
    assertThat(f.db.sql("select count(*) from golden_record where object_type = 'deal' and merged_into is null")
        .query(Long.class).single()).as("one deal").isEqualTo(1);
    assertThat(f.hubspot.objects).hasSize(1);
  }

  @Test
  void anObjectCarryingOurCreateKeyIsTheRecordItWasMadeForEvenWhenItsCreateWasReportedRefused() {
    List<VendorType> types = List.of(VendorType.of("contact", "contact"), VendorType.of("company", "company"),
        VendorType.of("deal", "deal"));
    f.hubspot.types = types;
    f.erp.types = types;
    f.connectErp(Map.of());
    String erpDeal = f.erp.createAs("deal", Map.of("name", "Anvils"));
    f.webhook(f.erp, erpDeal);
    f.inbound();
    // HubSpot makes the deal and then refuses a part of it (its line items): the spine is told the create failed
    f.hubspot.madeThenRefusedType = "deal";
    f.settle();
    f.egress();
    f.settle();
    f.hubspot.madeThenRefusedType = null;
    assertThat(f.hubspot.objects).hasSize(1);
    String made = f.hubspot.objects.keySet().iterator().next();
    // its creation webhook is read after the refusal: the object carries the key it was created by
    f.webhook(f.hubspot, made);
    f.inbound();
    f.settle();
    f.egress();
    f.settle();
    assertThat(f.db.sql("select count(*) from golden_record where object_type = 'deal' and merged_into is null")
        .query(Long.class).single()).as("one deal").isEqualTo(1);
    assertThat(f.links.byExternal(SpineFixture.TENANT, f.hubspotConnection.id(), "deal", made))
        .as("the object is linked to the record it was made for")
        .hasValueSatisfying(l -> assertThat(l.canonicalId()).isEqualTo(f.links.byExternal(SpineFixture.TENANT,
            f.erpConnection.id(), "deal", erpDeal).orElseThrow().canonicalId()));
    assertThat(f.hubspot.objects).as("no second object either").hasSize(1);
  }
}
