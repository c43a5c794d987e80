package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import dev.switchboard.sandbox.support.OAuthGrants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The instance's portals ({@code sandbox.hubspot.portals}, default 2), numbered from 1: portal N has the
 * ids and token {@link HubSpotSettings#portalId(int)} / {@link HubSpotSettings#accessToken(int)} give. Contact
 * ids are per portal like HubSpot's, but each portal counts from its own base (portal 1 from 101, portal N from
 * {@code (N-1) * 1,000,000 + 101}) so that an id copied from one portal into another is a plain 404 instead
 * of silently naming some other record.
 */
@Component
class HubSpotPortals {

  static final long ID_SPACING = 1_000_000;

  private final List<HubSpotPortal> portals = new ArrayList<>();

  HubSpotPortals(HubSpotSettings settings, ChangeClock clock, HubSpotEventPublisher events,
      @Value("${sandbox.hubspot.oauth-token-ttl-seconds:1800}") long oauthTtlSeconds) {
    for (int n = 1; n <= settings.portals; n++) {
      long portalId = settings.portalId(n);
      PropertyCatalog properties = new PropertyCatalog();
      ContactStore contacts = new ContactStore(portalId, (n - 1) * ID_SPACING + 101, clock, properties, events);
      // portal 1 keeps the token prefix it always had; the others name their portal
      OAuthGrants grants = new OAuthGrants(n == 1 ? "hs" : "hs-" + portalId, Duration.ofSeconds(oauthTtlSeconds), clock);
      portals.add(new HubSpotPortal(n, portalId, settings.accessToken(n), properties, contacts, grants));
    }
  }

  List<HubSpotPortal> all() {
    return portals;
  }

  HubSpotPortal first() {
    return portals.getFirst();
  }

  /** The portal with this id, or null. */
  HubSpotPortal byPortalId(long portalId) {
    return portals.stream().filter(p -> p.portalId == portalId).findFirst().orElse(null);
  }

  /**
   * The portal a {@code /_sandbox} request or the sandbox-only {@code portalId} OAuth parameter names: portal 1
   * when absent, null when it names no portal (or is not a number).
   */
  HubSpotPortal forControl(Object portalId) {
    if (portalId == null || portalId.toString().isBlank()) {
      return first();
    }
    Long id = ContactStore.parseId(portalId.toString());
    return id == null ? null : byPortalId(id);
  }

  /** The portal whose private-app token this is or which issued this OAuth access token (valid or expired); null if none. */
  HubSpotPortal byToken(String token) {
    return token == null ? null : portals.stream().filter(p -> p.issued(token)).findFirst().orElse(null);
  }

  /** The portal that issued this refresh token, or null. */
  HubSpotPortal byRefreshToken(String token) {
    return portals.stream().filter(p -> p.grants.knowsRefreshToken(token)).findFirst().orElse(null);
  }

  /**
   * Redeems an authorization code: the portal it was issued for, or null if no portal issued it or it was
   * issued for another redirect URI (the code is consumed either way, as single-use codes are).
   */
  HubSpotPortal redeemCode(String code, String redirectUri) {
    for (HubSpotPortal p : portals) {
      if (p.grants.redeemCode(code, redirectUri)) {
        return p;
      }
    }
    return null;
  }

  void reset() {
    portals.forEach(HubSpotPortal::reset);
  }
}
