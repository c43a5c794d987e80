package dev.switchboard.sandbox.hubspot;

import java.util.Map;

/**
 * What an object type checks and computes on write beyond its property definitions: a deal's stage must belong
 * to its pipeline ({@link DealStageRule}), a line item's amount is price × quantity ({@link LineItemRule}).
 */
interface WriteRule {

  WriteRule NONE = new WriteRule() {};

  /**
   * Refuses a write (throws a {@link HubSpotException}); {@code before} is null on create, {@code changes} are the
   * normalized values written.
   */
  default void check(CrmObject before, Map<String, String> changes) {}

  /**
   * Values HubSpot computes from {@code values} (the record's properties after the write); merged into the write.
   * {@code before} is null on create.
   */
  default Map<String, String> derive(CrmObject before, Map<String, String> values) {
    return Map.of();
  }
}
