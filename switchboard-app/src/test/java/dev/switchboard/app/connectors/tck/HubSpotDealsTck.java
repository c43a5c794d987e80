package dev.switchboard.app.connectors.tck;

import java.util.Map;

/**
 * HubSpot deals join the TCK against the sandbox, with their lines (line items) and their primary company. Deals have
 * no natural key: every create carries a create key, and the natural-key contracts are skipped.
 */
class HubSpotDealsTck implements DeclarationContract, ReconciliationContract, WriteContract, FailureContract,
    WebhookContract, DeleteContract, MergeContract, AssociationContract {

  /** Test-only knobs; the rest is what {@code HubSpotDealType} declares. */
  static final Capabilities CAPABILITIES = new Capabilities(
      200, // CRM search's largest page
      DealSamples.WRITABLE,
      Map.of(DealSamples.DESCRIPTION, 65_536), // HubSpot keeps 65,536 characters of a text property
      Capabilities.Deletes.VANISH, true);

  private TckBinding binding;

  @Override
  public TckBinding binding() {
    if (binding == null) {
      binding = HubSpotBinding.bind(target(), HubSpotFixture.DEALS, DealSamples.INSTANCE, CAPABILITIES);
    }
    return binding;
  }

  HubSpotBinding.Target target() {
    return HubSpotBinding.Target.sandbox();
  }

  /** A deal's primary company: HubSpot-defined type 5. */
  @Override
  public AssociationFixture associations() {
    return new HubSpotAssociationFixture(target(), "deals", "dealname", 5);
  }
}
