package dev.switchboard.app.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.support.TestDatabases;
import dev.switchboard.sandbox.SandboxServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Connecting where the vendor cannot reach our public URL: Mailchimp refuses the webhook (its validating GET
 * fails), but the credentials are good, so the connection stays ACTIVE and only the webhook status says so.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConnectionSetupTests {
  static SandboxServer sandbox;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    sandbox = SandboxServer.start(0, Map.of());
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
    r.add("switchboard.master-key", () -> "c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=");
    r.add("switchboard.admin.password", () -> "x-admin-password");
    r.add("switchboard.workers.enabled", () -> false);
    r.add("switchboard.public-base-url", () -> "http://127.0.0.1:1"); // nothing listens there
    r.add("switchboard.connectors.mailchimp.base-url", () -> sandbox.baseUrl() + "/mailchimp/3.0");
    r.add("switchboard.connectors.hubspot.base-url", () -> sandbox.baseUrl() + "/hubspot");
    r.add("switchboard.oauth.hubspot.client-id", () -> "sandbox-hubspot-client-id");
    r.add("switchboard.oauth.hubspot.client-secret", () -> "sandbox-hubspot-client-secret");
    r.add("switchboard.oauth.hubspot.token-url", () -> sandbox.baseUrl() + "/hubspot/oauth/2026-03/token");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Autowired ConnectionSetup setup;
  @Autowired Connections connections;

  @Test
  @SuppressWarnings("unchecked")
  void anEditWhoseCheckRefreshedTheTokenKeepsTheRefreshedToken() throws Exception {
    // a HubSpot OAuth grant from the sandbox's install flow
    java.net.http.HttpResponse<Void> install = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create(sandbox.baseUrl() + "/hubspot/oauth/authorize?client_id=sandbox-hubspot-client-id"
            + "&redirect_uri=http://127.0.0.1:1/cb&scope=oauth&state=s1")).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
    String code = org.springframework.web.util.UriComponentsBuilder.fromUriString(install.headers()
        .firstValue("Location").orElseThrow()).build().getQueryParams().getFirst("code");
    org.springframework.util.LinkedMultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
    form.add("grant_type", "authorization_code");
    form.add("client_id", "sandbox-hubspot-client-id");
    form.add("client_secret", "sandbox-hubspot-client-secret");
    form.add("redirect_uri", "http://127.0.0.1:1/cb");
    form.add("code", code);
    Map<String, Object> tokens = RestClient.create(sandbox.baseUrl()).post().uri("/hubspot/oauth/2026-03/token")
        .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve()
        .body(Map.class);
    Connection c = setup.connect("default", "hubspot", "HubSpot", Map.of(), Map.of("accessToken",
        String.valueOf(tokens.get("access_token")), "refreshToken", String.valueOf(tokens.get("refresh_token")),
        "accessTokenExpiresAt", String.valueOf(System.currentTimeMillis() + 3_600_000)));
    assertThat(c.status()).isEqualTo(Connection.ACTIVE);
    // its access token has expired: the edit's check refreshes it, and stores the new one
    Map<String, String> expired = new java.util.LinkedHashMap<>(connections.context(c).credentials());
    expired.put("accessTokenExpiresAt", "1");
    connections.updateCredentials("default", c.id(), expired);

    setup.update("default", c.id(), new ConnectionSetup.Edit(null, null, Map.of("clientSecret", "app-secret")), "test");

    Map<String, String> stored = connections.context(connections.find("default", c.id()).orElseThrow()).credentials();
    assertThat(stored.get("accessToken")).as("the refreshed token, not the expired one the edit started from")
        .isNotEqualTo(expired.get("accessToken"));
    assertThat(Long.parseLong(stored.get("accessTokenExpiresAt"))).isGreaterThan(System.currentTimeMillis());
    assertThat(stored).containsEntry("clientSecret", "app-secret");
  }

  /** An override and a record filter go through the mappings API: a connect or an edit cannot set them. */
  @Test
  void aMappingOrAFilterSettingIsRefusedOutsideTheMappingsApi() {
    int before = connections.forTenant("default").size();
    assertThatThrownBy(() -> setup.connect("default", "hubspot", "HubSpot", Map.of("filter.contact", "{}"),
        Map.of("accessToken", "pat-sandbox-hubspot"))).isInstanceOfSatisfying(ConnectionRefused.class, e -> {
          assertThat(e.errorCode()).isEqualTo("invalid_setting");
          assertThat(e.field()).isEqualTo("settings.filter.contact");
        });
    assertThat(connections.forTenant("default")).hasSize(before);
    String override = "[{\"canonical\":\"marketingStatus\",\"vendor\":\"my_optin\",\"direction\":\"read\"}]";
    assertThatThrownBy(() -> setup.update("default", "con_any", new ConnectionSetup.Edit(null,
        Map.of("mapping.contact", override), null), "test")).isInstanceOfSatisfying(ConnectionRefused.class,
        e -> assertThat(e.field()).isEqualTo("settings.mapping.contact"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRefusedWebhookLeavesTheConnectionActive() {
    Map<String, Map<String, Object>> creds = RestClient.create(sandbox.baseUrl()).get().uri("/_sandbox/credentials")
        .retrieve().body(Map.class);
    Map<String, Object> mc = creds.get("mailchimp");
    Connection c = setup.connect("default", "mailchimp", "Mailchimp", Map.of("listId", String.valueOf(mc.get("listId")),
        "firstSync", "immediate"), Map.of("apiKey", String.valueOf(mc.get("apiKey"))));
    assertThat(c.status()).isEqualTo(Connection.ACTIVE);
    assertThat(c.lastError()).isNull();
    assertThat(c.accountId()).isEqualTo(mc.get("listId"));
    assertThat(c.webhookStatus()).startsWith("REGISTRATION_FAILED: ").contains("We couldn't verify the URL is working");
  }
}
