package dev.switchboard.app.connections;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The OAuth apps whoever installed Switchboard registered with the vendors: instance settings, never a console form.
 * {@code switchboard.oauth.<system>.client-id} / {@code .client-secret} ({@code SWITCHBOARD_OAUTH_HUBSPOT_CLIENT_ID},
 * …); the vendor's authorize, token and (Mailchimp) metadata URLs default to the vendor's own and may be moved by the
 * same installation settings ({@code .authorize-url}, {@code .token-url}, {@code .metadata-url}: the sandbox).
 *
 * <p>OAuth is offered only where the vendor has an app registered here and the redirect URL, built from
 * {@code SWITCHBOARD_PUBLIC_BASE_URL} alone, is https (a loopback host excepted, for a trial on one machine).
 */
@Component
class OAuthApps {
  /** Vendors whose OAuth Switchboard speaks, with their documented endpoints. */
  private static final Map<String, Endpoints> VENDORS = Map.of(
      // https://developers.hubspot.com/docs/api/oauth-quickstart-guide; the token endpoint is the date-versioned one
      // (https://developers.hubspot.com/changelog/v1-oauth-api-deprecation: /oauth/v1/token is sunset 2027-02-16)
      "hubspot", new Endpoints("https://app.hubspot.com/oauth/authorize", "https://api.hubapi.com/oauth/2026-03/token", null,
          "oauth crm.objects.contacts.read crm.objects.contacts.write crm.schemas.contacts.write "
              + "crm.objects.companies.read crm.objects.companies.write crm.schemas.companies.write "
              + "crm.objects.deals.read crm.objects.deals.write crm.schemas.deals.write crm.objects.line_items.read "
              + "crm.objects.line_items.write e-commerce crm.objects.owners.read"),
      // https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/
      "mailchimp", new Endpoints("https://login.mailchimp.com/oauth2/authorize",
          "https://login.mailchimp.com/oauth2/token", "https://login.mailchimp.com/oauth2/metadata", null));

  record Endpoints(String authorize, String token, @Nullable String metadata, @Nullable String scopes) {}

  /** One registered app; {@link #toString()} never prints the secret. */
  record App(String system, String clientId, String clientSecret, String authorizeUrl, String tokenUrl,
      @Nullable String metadataUrl, @Nullable String scopes) {
    @Override
    public String toString() {
      return "App[" + system + ", clientId=" + clientId + "]";
    }
  }

  private final Environment env;
  private final String publicBaseUrl;

  OAuthApps(Environment env, @Value("${switchboard.public-base-url}") String publicBaseUrl) {
    this.env = env;
    this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
        : publicBaseUrl;
  }

  /** Whether Switchboard speaks this vendor's OAuth at all (registered here or not). */
  boolean speaks(String system) {
    return VENDORS.containsKey(system);
  }

  /** The vendor's app, when whoever installed Switchboard registered one (client id and secret both set). */
  Optional<App> find(String system) {
    Endpoints e = VENDORS.get(system);
    String id = setting(system, "client-id");
    String secret = setting(system, "client-secret");
    if (e == null || id == null || secret == null) {
      return Optional.empty();
    }
    return Optional.of(new App(system, id, secret, or(setting(system, "authorize-url"), e.authorize()),
        or(setting(system, "token-url"), e.token()),
        e.metadata() == null ? null : or(setting(system, "metadata-url"), e.metadata()), e.scopes()));
  }

  /** Where the vendor sends the person back: built from the public base URL only. */
  String redirectUri(String system) {
    return publicBaseUrl + "/console/connect/" + system + "/callback";
  }

  /** Whether the public base URL can receive an OAuth redirect: https, or http on a loopback host. */
  boolean redirectUsable() {
    try {
      URI uri = URI.create(publicBaseUrl);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      return "https".equalsIgnoreCase(uri.getScheme()) || ("http".equalsIgnoreCase(uri.getScheme())
          && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private @Nullable String setting(String system, String key) {
    String v = env.getProperty("switchboard.oauth." + system + "." + key);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static String or(@Nullable String v, String fallback) {
    return v == null ? fallback : v;
  }
}
