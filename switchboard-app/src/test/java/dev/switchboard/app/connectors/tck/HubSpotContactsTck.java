package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.ContactField;
import java.util.List;
import java.util.Map;

/** HubSpot contacts join the TCK: against the sandbox here, against a real portal in {@link HubSpotContactsLiveTck}. */
class HubSpotContactsTck implements DeclarationContract, ReconciliationContract, WriteContract, FailureContract,
    WebhookContract, DeleteContract, MergeContract, AssociationContract {

  /** Test-only knobs; the rest is what {@code HubSpotObjectType#capabilities()} declares. */
  static final Capabilities CAPABILITIES = new Capabilities(
      200, // CRM search's largest page
      List.of(ContactField.EMAIL, ContactField.FIRST_NAME, ContactField.LAST_NAME, ContactField.PHONE,
          ContactField.COMPANY),
      Map.of(ContactField.LAST_NAME, 65_536, ContactField.FIRST_NAME, 65_536, ContactField.COMPANY, 65_536),
      Capabilities.Deletes.VANISH, true);

  private TckBinding binding;

  @Override
  public TckBinding binding() {
    if (binding == null) {
      binding = HubSpotBinding.bind(target(), HubSpotFixture.CONTACTS, ContactSamples.INSTANCE, CAPABILITIES);
    }
    return binding;
  }

  HubSpotBinding.Target target() {
    return HubSpotBinding.Target.sandbox();
  }

  @Override
  public AssociationFixture associations() {
    return new HubSpotAssociationFixture(target());
  }
}
