package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.OAuthGrants;

/**
 * One HubSpot portal (account, "hub"): its id, its private-app token, its CRM ({@link CrmData}: records of every
 * object type, properties, associations, pipelines, owners), and the OAuth codes and tokens issued when the app
 * was installed into it. Nothing is shared between
 * portals: a credential of this portal reaches only this portal's data. Thread-safe (the parts are).
 */
final class HubSpotPortal {

  /** Position in the instance, from 1; portal 1 is the one clients that know a single portal talk to. */
  final int number;
  final long portalId;
  final String accessToken;
  final CrmData crm;
  /** Authorization codes, refresh and access tokens of the (shared) OAuth app installed into this portal. */
  final OAuthGrants grants;
  private int seeded;

  HubSpotPortal(int number, long portalId, String accessToken, CrmData crm, OAuthGrants grants) {
    this.number = number;
    this.portalId = portalId;
    this.accessToken = accessToken;
    this.crm = crm;
    this.grants = grants;
  }

  boolean isPrivateAppToken(String token) {
    return accessToken.equals(token);
  }

  /** Whether {@code token} is this portal's private-app token or an OAuth access token it issued (even expired). */
  boolean issued(String token) {
    return isPrivateAppToken(token) || grants.check(token) != OAuthGrants.Status.UNKNOWN;
  }

  /** The portal's running number for generated seed people, so repeated seeds do not collide. */
  synchronized int nextSeed() {
    return ++seeded;
  }

  synchronized void reset() {
    crm.reset();
    grants.reset();
    seeded = 0;
  }
}
