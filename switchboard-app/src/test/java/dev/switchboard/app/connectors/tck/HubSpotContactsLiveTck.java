package dev.switchboard.app.connectors.tck;

import org.junit.jupiter.api.BeforeAll;

/**
 * The HubSpot contract suite against a real portal: {@code TCK_HUBSPOT_TOKEN} (private app with contacts read and
 * write) and {@code TCK_HUBSPOT_PORTAL_ID}; optionally {@code TCK_HUBSPOT_TOKEN_2} (another portal, for isolation)
 * and {@code TCK_HUBSPOT_BASE_URL}. Contracts that need the sandbox (seeding, faults, counters, webhook capture) are
 * skipped; the others create objects named {@code tck-…@example.com} and leave them behind.
 */
class HubSpotContactsLiveTck extends HubSpotContactsTck {

  @BeforeAll
  static void requireAccount() {
    LiveTarget.require("HubSpot", "TCK_HUBSPOT_TOKEN", "TCK_HUBSPOT_PORTAL_ID");
  }

  @Override
  HubSpotBinding.Target target() {
    return HubSpotBinding.Target.live();
  }
}
