package dev.switchboard.app.connections;

import dev.switchboard.app.connectors.VendorException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token endpoints of the vendors' OAuth: redeeming a code (and, for Mailchimp, asking the metadata endpoint for
 * the account's data center) and refreshing an access token. Only the registered app's URLs are called
 * ({@link OAuthApps}); nothing here is logged but error codes.
 */
@Component
class OAuthTokens {
  /** Credential keys an OAuth connection keeps (encrypted with the others). */
  static final String ACCESS_TOKEN = "accessToken";
  static final String REFRESH_TOKEN = "refreshToken";
  /** When the access token expires, epoch milliseconds. */
  static final String EXPIRES_AT = "accessTokenExpiresAt";
  /**
   * When the refresh token itself stops working, epoch milliseconds, where the vendor says so (Intuit's
   * {@code x_refresh_token_expires_in}, or {@code refresh_token_expires_in}): a hard expiry the dashboard warns of.
   */
  static final String REFRESH_EXPIRES_AT = "refreshTokenExpiresAt";
  /** Mailchimp's data center of an OAuth connection (its API keys carry it as a suffix instead). */
  static final String DATA_CENTER = "dataCenter";

  /**
   * What a vendor issued.
   *
   * @param credentials the connection's credentials to store (access token, refresh token, expiry, data center)
   * @param account     the account the vendor says it issued them for (HubSpot's {@code hub_id}), or null
   */
  record Issued(Map<String, String> credentials, @Nullable String account) {}

  /** The vendor refused the code or refresh token ({@code invalid_grant}, HubSpot's {@code BAD_REFRESH_TOKEN}, …). */
  static final class Refused extends RuntimeException {
    private final String code;

    Refused(String code) {
      super("the vendor refused the grant: " + code);
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  /**
   * The vendor refused a refresh for another reason than the grant ({@code invalid_client}, HubSpot's
   * {@code BAD_CLIENT_ID}, any other 4xx): the registered app is wrong, which is the installer's to fix, not the
   * owner's; signing in again would not help.
   */
  static final class AppRefused extends RuntimeException {
    private final String code;

    AppRefused(String code) {
      super("the vendor refused the app: " + code);
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  /** The refusals that mean the grant itself is gone (consent withdrawn, app uninstalled, token revoked). */
  private static final java.util.Set<String> GRANT_GONE = java.util.Set.of("invalid_grant", "bad_refresh_token");

  private final RestClient http;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  OAuthTokens(Clock clock) {
    this.clock = clock;
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
    factory.setReadTimeout(Duration.ofSeconds(20));
    this.http = RestClient.builder().requestFactory(factory).build();
  }

  /** Redeems an authorization code at the app's token URL. */
  Issued redeem(OAuthApps.App app, String code, String redirectUri) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", "authorization_code");
    form.add("client_id", app.clientId());
    form.add("client_secret", app.clientSecret());
    form.add("redirect_uri", redirectUri);
    form.add("code", code);
    JsonNode token = post(app, form);
    Map<String, String> creds = tokens(token, null);
    String account = null;
    if (token.hasNonNull("hub_id")) {
      account = token.get("hub_id").asString();
    }
    if (app.metadataUrl() != null) {
      JsonNode meta = metadata(app, creds.get(ACCESS_TOKEN));
      creds.put(DATA_CENTER, meta.path("dc").asString(""));
    }
    return new Issued(creds, account);
  }

  /**
   * A new access token for {@code refreshToken}; the refresh token it answers (the same, or a new one where the vendor
   * rotates them) is in the credentials returned.
   *
   * The credentials answered hold {@link #EXPIRES_AT} only when the vendor said when the new token expires.
   *
   * @throws Refused         the vendor refused the refresh token ({@code invalid_grant}, {@code BAD_REFRESH_TOKEN}:
   *                         revoked, app uninstalled, consent withdrawn)
   * @throws AppRefused      the vendor refused anything else (the app's client id or secret, the request)
   * @throws VendorException the vendor could not be asked (retryable)
   */
  Map<String, String> refresh(OAuthApps.App app, String refreshToken) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", "refresh_token");
    form.add("client_id", app.clientId());
    form.add("client_secret", app.clientSecret());
    form.add("refresh_token", refreshToken);
    try {
      return tokens(post(app, form), refreshToken);
    } catch (Refused e) {
      if (GRANT_GONE.contains(e.code())) {
        throw e;
      }
      throw new AppRefused(e.code());
    }
  }

  private Map<String, String> tokens(JsonNode token, @Nullable String previousRefresh) {
    String access = token.path("access_token").asString("");
    if (access.isEmpty()) {
      throw new Refused("no_access_token");
    }
    Map<String, String> creds = new LinkedHashMap<>();
    creds.put(ACCESS_TOKEN, access);
    String refresh = token.path("refresh_token").asString("");
    if (!refresh.isEmpty()) {
      creds.put(REFRESH_TOKEN, refresh);
    } else if (previousRefresh != null) {
      creds.put(REFRESH_TOKEN, previousRefresh);
    }
    long expiresIn = token.path("expires_in").asLong(0);
    if (expiresIn > 0) { // Mailchimp answers 0: its tokens do not expire
      creds.put(EXPIRES_AT, String.valueOf(clock.millis() + expiresIn * 1000));
    }
    long refreshExpiresIn = token.path("x_refresh_token_expires_in").asLong(
        token.path("refresh_token_expires_in").asLong(0));
    if (refreshExpiresIn > 0) { // HubSpot and Mailchimp say nothing: their grants last until withdrawn
      creds.put(REFRESH_EXPIRES_AT, String.valueOf(clock.millis() + refreshExpiresIn * 1000));
    }
    return creds;
  }

  private JsonNode post(OAuthApps.App app, MultiValueMap<String, String> form) {
    try {
      return http.post().uri(app.tokenUrl()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .accept(MediaType.APPLICATION_JSON).body(form)
          .exchange((req, res) -> {
            String body = new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return answer(res.getStatusCode(), body);
          });
    } catch (ResourceAccessException e) {
      throw new VendorException(0, true, null, "vendor_unreachable", app.system() + " token endpoint unreachable");
    }
  }

  private JsonNode metadata(OAuthApps.App app, String accessToken) {
    try {
      return http.get().uri(app.metadataUrl()).header("Authorization", "OAuth " + accessToken)
          .accept(MediaType.APPLICATION_JSON)
          .exchange((req, res) -> answer(res.getStatusCode(),
              new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
    } catch (ResourceAccessException e) {
      throw new VendorException(0, true, null, "vendor_unreachable", app.system() + " metadata endpoint unreachable");
    }
  }

  /**
   * 2xx is the answer; 5xx and 429 are retryable; any other 4xx is a refusal, named by the OAuth {@code error}
   * (Mailchimp: {@code invalid_grant}) or HubSpot's legacy {@code status} ({@code BAD_AUTH_CODE},
   * {@code BAD_REFRESH_TOKEN}).
   */
  private JsonNode answer(HttpStatusCode status, String body) {
    JsonNode node;
    try {
      node = body.isBlank() ? json.createObjectNode() : json.readTree(body);
    } catch (RuntimeException e) {
      node = json.createObjectNode();
    }
    if (status.is2xxSuccessful()) {
      return node;
    }
    if (status.is5xxServerError() || status.value() == 429) {
      throw new VendorException(status.value(), true, null, "vendor_unavailable", "token endpoint answered "
          + status.value());
    }
    String code = node.path("error").asString(node.path("status").asString("http_" + status.value()));
    throw new Refused(code.replaceAll("[^A-Za-z0-9_.-]", "").toLowerCase(java.util.Locale.ROOT));
  }
}
