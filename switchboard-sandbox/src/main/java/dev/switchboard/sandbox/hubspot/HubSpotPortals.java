package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.AccountRegistry;
import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The instance's portals ({@code sandbox.hubspot.portals}, default 2), numbered from 1: portal N has the
 * ids and token {@link HubSpotSettings#portalId(int)} / {@link HubSpotSettings#accessToken(int)} give. Record
 * ids are per portal like HubSpot's, but each portal counts from its own base (portal N from
 * {@code (N-1) * 1,000,000}, contacts from there + 101, other types from their own block, see {@link CrmData})
 * so that an id copied from one portal into another is a plain 404 instead of silently naming some other record.
 */
@Component
class HubSpotPortals extends AccountRegistry<HubSpotPortal> {

  static final long ID_SPACING = 1_000_000;

  HubSpotPortals(HubSpotSettings settings, ChangeClock clock, HubSpotEventPublisher events,
      @Value("${sandbox.hubspot.oauth-token-ttl-seconds:1800}") long oauthTtlSeconds) {
    super(settings.portals, n -> portal(n, settings, clock, events, Duration.ofSeconds(oauthTtlSeconds)));
  }

  private static HubSpotPortal portal(int n, HubSpotSettings settings, ChangeClock clock, HubSpotEventPublisher events,
      Duration oauthTtl) {
    long portalId = settings.portalId(n);
    CrmData crm = new CrmData(portalId, (n - 1) * ID_SPACING, clock, events);
    // portal 1 keeps the token prefix it always had; the others name their portal
    OAuthGrants grants = new OAuthGrants(n == 1 ? "hs" : "hs-" + portalId, oauthTtl, clock);
    return new HubSpotPortal(n, portalId, settings.accessToken(n), crm, grants);
  }

  /** The portal with this id, or null. */
  HubSpotPortal byPortalId(long portalId) {
    return find(p -> p.portalId == portalId);
  }

  /**
   * The portal a {@code /_sandbox} request or the sandbox-only {@code portalId} OAuth parameter names: portal 1
   * when absent, null when it names no portal (or is not a number).
   */
  HubSpotPortal forControl(Object portalId) {
    if (portalId == null || portalId.toString().isBlank()) {
      return first();
    }
    Long id = ObjectStore.parseId(portalId.toString());
    return id == null ? null : byPortalId(id);
  }

  /** The portal whose private-app token this is or which issued this OAuth access token (valid or expired); null if none. */
  HubSpotPortal byToken(String token) {
    return token == null ? null : find(p -> p.issued(token));
  }

  /** The portal that issued this refresh token, or null. */
  HubSpotPortal byRefreshToken(String token) {
    return find(p -> p.grants.knowsRefreshToken(token));
  }

  /**
   * Redeems an authorization code: the portal it was issued for, or null if no portal issued it or it was
   * issued for another redirect URI (the code is consumed either way, as single-use codes are).
   */
  HubSpotPortal redeemCode(String code, String redirectUri) {
    return find(p -> p.grants.redeemCode(code, redirectUri));
  }

  void reset() {
    all().forEach(HubSpotPortal::reset);
  }
}
