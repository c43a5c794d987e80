package dev.switchboard.app.connectors.tck;

import java.util.Map;

/**
 * HubSpot products join the TCK against the sandbox. Products have no natural key (every create carries a create
 * key) and cannot be merged (HubSpot has no merge for them): those contracts are skipped by what the binding declares.
 */
class HubSpotProductsTck implements DeclarationContract, ReconciliationContract, WriteContract, FailureContract,
    WebhookContract, DeleteContract, MergeContract {

  /** Test-only knobs; the rest is what {@code HubSpotProductType} declares. */
  static final Capabilities CAPABILITIES = new Capabilities(
      200, // CRM search's largest page
      ProductSamples.WRITABLE,
      Map.of(ProductSamples.DESCRIPTION, 65_536),
      Capabilities.Deletes.VANISH, true);

  private TckBinding binding;

  @Override
  public TckBinding binding() {
    if (binding == null) {
      binding = HubSpotBinding.bind(target(), HubSpotFixture.PRODUCTS, ProductSamples.INSTANCE, CAPABILITIES);
    }
    return binding;
  }

  HubSpotBinding.Target target() {
    return HubSpotBinding.Target.sandbox();
  }
}
