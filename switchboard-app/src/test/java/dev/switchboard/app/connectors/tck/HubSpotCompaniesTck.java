package dev.switchboard.app.connectors.tck;

import java.time.Duration;
import java.util.Map;

/**
 * HubSpot companies join the TCK: against the sandbox here, against a real portal in {@link HubSpotCompaniesLiveTck}.
 * Companies have no natural key (a domain is not unique in HubSpot): every create carries a create key, and the
 * natural-key contracts are skipped.
 */
class HubSpotCompaniesTck implements ReconciliationContract, WriteContract, FailureContract, WebhookContract,
    DeleteContract {

  static final Capabilities CAPABILITIES = new Capabilities(true, Duration.ofMillis(1), Duration.ZERO,
      200, // CRM search's largest page
      10_000, // search reaches the first 10,000 results of a query
      CompanySamples.WRITABLE,
      Map.of(CompanySamples.DESCRIPTION, 65_536), // HubSpot keeps 65,536 characters of a text property
      Capabilities.Deletes.VANISH, null, true, true);

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
