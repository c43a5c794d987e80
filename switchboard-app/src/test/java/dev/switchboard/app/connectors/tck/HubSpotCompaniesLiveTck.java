package dev.switchboard.app.connectors.tck;

import org.junit.jupiter.api.BeforeAll;

/**
 * The HubSpot company contracts against a real portal, through the same variables as {@link HubSpotContactsLiveTck}
 * (the private app also needs the companies read and write scopes, and schema write for the switchboard_id
 * property). Skipped when they are absent; the contracts that run create companies named {@code tck-…} and leave them
 * behind.
 */
class HubSpotCompaniesLiveTck extends HubSpotCompaniesTck {

  @BeforeAll
  static void requireAccount() {
    LiveTarget.require("HubSpot", "TCK_HUBSPOT_TOKEN", "TCK_HUBSPOT_PORTAL_ID");
  }

  @Override
  HubSpotBinding.Target target() {
    return HubSpotBinding.Target.live();
  }
}
