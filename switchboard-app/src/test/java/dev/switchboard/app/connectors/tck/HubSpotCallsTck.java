package dev.switchboard.app.connectors.tck;

import java.util.Map;

/**
 * HubSpot calls (an engagement: canonical activities of kind {@code call}) join the TCK against the sandbox. They
 * have no natural key (every create carries a create key) and cannot be merged; their webhooks are the generic
 * {@code object.*} events naming their object type id.
 */
class HubSpotCallsTck implements DeclarationContract, ReconciliationContract, WriteContract, FailureContract,
    WebhookContract, DeleteContract, AssociationContract {

  /** Test-only knobs; the rest is what {@code HubSpotEngagementType} declares. */
  static final Capabilities CAPABILITIES = new Capabilities(
      200, // CRM search's largest page
      ActivitySamples.CALL.writable,
      Map.of("body", 65_536), // HubSpot keeps 65,536 characters of a text property
      Capabilities.Deletes.VANISH, true);

  private TckBinding binding;

  @Override
  public TckBinding binding() {
    if (binding == null) {
      binding = HubSpotBinding.bind(target(), HubSpotEngagementFixtures.CALLS, ActivitySamples.CALL, CAPABILITIES,
          "call");
    }
    return binding;
  }

  HubSpotBinding.Target target() {
    return HubSpotBinding.Target.sandbox();
  }

  @Override
  public AssociationFixture associations() {
    return new HubSpotEngagementFixtures.ContactAssociation(target(), HubSpotEngagementFixtures.CALLS, "subject");
  }
}
