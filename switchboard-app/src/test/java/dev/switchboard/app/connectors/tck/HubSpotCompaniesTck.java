package dev.switchboard.app.connectors.tck;

import java.util.Map;

/**
 * HubSpot companies join the TCK: against the sandbox here, against a real portal in {@link HubSpotCompaniesLiveTck}.
 * Companies have no natural key (a domain is not unique in HubSpot): every create carries a create key, and the
 * natural-key contracts are skipped.
 */
class HubSpotCompaniesTck implements DeclarationContract, ReconciliationContract, WriteContract, FailureContract,
    WebhookContract, DeleteContract, MergeContract {

  /** Test-only knobs; the rest is what {@code HubSpotObjectType#capabilities()} declares. */
  static final Capabilities CAPABILITIES = new Capabilities(
      200, // CRM search's largest page
      CompanySamples.WRITABLE,
      Map.of(CompanySamples.DESCRIPTION, 65_536), // HubSpot keeps 65,536 characters of a text property
      Capabilities.Deletes.VANISH, true);

  private TckBinding binding;

  @Override
  public TckBinding binding() {
    if (binding == null) {
      binding = HubSpotBinding.bind(target(), HubSpotFixture.COMPANIES, CompanySamples.INSTANCE, CAPABILITIES);
    }
    return binding;
  }

  HubSpotBinding.Target target() {
    return HubSpotBinding.Target.sandbox();
  }
}
