package dev.switchboard.app.connections;

import dev.switchboard.app.connectors.VendorException;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Connecting (and reconnecting) through the vendor's OAuth, where whoever installed Switchboard registered an app.
 * The console keeps the {@code state} (random, single use, 10 minutes, bound to the session, user, tenant and vendor):
 * this service builds the authorize URL around it and redeems the code the vendor sends back. PKCE is not sent: neither
 * HubSpot's nor Mailchimp's OAuth documents it (both are confidential-client flows with a client secret).
 */
@Service
public class OAuthConnect {
  private final OAuthApps apps;
  private final OAuthTokens tokens;
  private final ConnectionSetup setup;

  OAuthConnect(OAuthApps apps, OAuthTokens tokens, ConnectionSetup setup) {
    this.apps = apps;
    this.tokens = tokens;
    this.setup = setup;
  }

  /** How a vendor can be connected with OAuth here. */
  public enum Availability {
    /** An app is registered and the redirect URL can be reached. */
    OFFERED,
    /** Switchboard speaks the vendor's OAuth but nobody registered an app for this installation. */
    NOT_REGISTERED,
    /** An app is registered or could be, but the public base URL is plain http on a public host. */
    NEEDS_HTTPS,
    /** Switchboard does not speak this vendor's OAuth. */
    NONE
  }

  public Availability availability(String system) {
    if (!apps.speaks(system)) {
      return Availability.NONE;
    }
    if (!apps.redirectUsable()) {
      return Availability.NEEDS_HTTPS;
    }
    return apps.find(system).isPresent() ? Availability.OFFERED : Availability.NOT_REGISTERED;
  }

  /** The redirect URL to register with the vendor (from {@code SWITCHBOARD_PUBLIC_BASE_URL} only). */
  public String redirectUri(String system) {
    return apps.redirectUri(system);
  }

  /** The environment variable that holds the vendor's client id (the page explaining registration names it). */
  public static String clientIdVariable(String system) {
    return "SWITCHBOARD_OAUTH_" + system.toUpperCase(java.util.Locale.ROOT) + "_CLIENT_ID";
  }

  /**
   * Where to send the person to authorize the app, carrying {@code state}; empty when OAuth is not
   * {@link Availability#OFFERED} for the vendor.
   */
  public Optional<String> authorizeUrl(String system, String state) {
    if (availability(system) != Availability.OFFERED) {
      return Optional.empty();
    }
    OAuthApps.App app = apps.find(system).orElseThrow();
    UriComponentsBuilder b = UriComponentsBuilder.fromUriString(app.authorizeUrl())
        .queryParam("client_id", app.clientId())
        .queryParam("redirect_uri", apps.redirectUri(system))
        .queryParam("state", state);
    if (app.metadataUrl() != null) { // Mailchimp's authorize URL carries response_type=code
      b.queryParam("response_type", "code");
    }
    if (app.scopes() != null) {
      b.queryParam("scope", app.scopes());
    }
    return Optional.of(b.encode().build().toUriString());
  }

  /**
   * Redeems {@code code} and connects the account it was issued for, checked like an owner-made credential
   * ({@link ConnectionSetup#connectChecked}); with {@code reconnectId}, stores the new tokens on that connection
   * instead ({@link ConnectionSetup#update}: refused with {@code account_changed} when they are another account's),
   * keeping its links and cursors.
   *
   * @throws ConnectionRefused {@code oauth_not_offered} (400), {@code code_refused} (422: the vendor would not
   *                           exchange the code), {@code vendor_unavailable} (503), and those of connecting or updating
   */
  public Connection complete(String tenantId, String system, String code, String displayName,
      Map<String, String> settings, @Nullable String reconnectId, String actor) {
    OAuthApps.App app = apps.find(system).filter(a -> apps.redirectUsable()).orElseThrow(() -> new ConnectionRefused(
        400, "oauth_not_offered", "system", "OAuth is not set up for " + system + " on this installation"));
    OAuthTokens.Issued issued;
    try {
      issued = tokens.redeem(app, code, apps.redirectUri(system));
    } catch (OAuthTokens.Refused e) {
      throw new ConnectionRefused(422, "code_refused", "code", "the vendor did not accept the sign-in ("
          + e.code() + ")");
    } catch (VendorException e) {
      throw new ConnectionRefused(503, "vendor_unavailable", null, "the vendor could not be reached to finish the "
          + "sign-in; try again");
    }
    if (reconnectId != null) {
      Map<String, String> changes = new java.util.LinkedHashMap<>(issued.credentials());
      changes.putIfAbsent(OAuthTokens.REFRESH_TOKEN, "");
      changes.putIfAbsent(OAuthTokens.EXPIRES_AT, "");
      changes.putIfAbsent(OAuthTokens.REFRESH_EXPIRES_AT, ""); // the old grant's expiry is not the new one's
      changes.put("apiKey", ""); // an OAuth token replaces an owner-made key
      return setup.update(tenantId, reconnectId, new ConnectionSetup.Edit(null, null, changes), actor);
    }
    return setup.connectChecked(tenantId, system, displayName, settings, issued.credentials(), issued.account(),
        actor);
  }
}
