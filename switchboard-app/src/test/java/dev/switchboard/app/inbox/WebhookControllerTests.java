package dev.switchboard.app.inbox;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorDescriptor;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.connectors.WebhookVerifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The webhook endpoint's contract, with the database and the vendor replaced. */
class WebhookControllerTests {
  final Connector connector = mock(Connector.class);
  final WebhookVerifier verifier = mock(WebhookVerifier.class);
  final Connections connections = mock(Connections.class);
  final WebhookInbox inbox = mock(WebhookInbox.class);
  final Connection connection = new Connection("con_1", "t1", "hubspot", "1001", "HubSpot", Map.of(), "ACTIVE", null,
      null, null);
  MockMvc mvc;

  @BeforeEach
  void setUp() {
    when(connector.descriptor()).thenReturn(new ConnectorDescriptor("hubspot", "crm", "HubSpot", List.of("contact"), List.of(), ""));
    when(connector.system()).thenReturn("hubspot");
    when(connector.webhookVerifier()).thenReturn(verifier);
    when(verifier.accountHints(any())).thenReturn(Set.of("1001"));
    when(verifier.verifyAppSecret(any(), any())).thenReturn("no app secret configured");
    when(connections.findByAccounts("hubspot", Set.of("1001"))).thenReturn(List.of(connection));
    when(connections.context(connection)).thenReturn(new ConnectionContext("con_1", "t1", "hubspot", "1001", Map.of(), Map.of()));
    mvc = MockMvcBuilders.standaloneSetup(new WebhookController(new ConnectorRegistry(List.of(connector)),
        new WebhookUrls("http://localhost", List.of("127.0.0.1")), new WebhookAuthenticator(connections, Clock.systemUTC()),
        inbox, new SimpleMeterRegistry())).build();
  }

  @Test
  void keepsAllHundredEventsOfOneDelivery() throws Exception {
    List<InboundEvent> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      events.add(new InboundEvent("e" + i, "contact", "id" + i, InboundEvent.Kind.CHANGED, null, Instant.now()));
    }
    when(verifier.verify(any(), any(), any())).thenReturn(null);
    when(connector.parseWebhook(any())).thenReturn(events);
    when(inbox.store(any(), any(), anyString())).thenReturn(new WebhookInbox.Accepted(100, 0));
    mvc.perform(post("/webhooks/crm/hubspot").contentType(MediaType.APPLICATION_JSON).content("[]"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(100));
    verify(inbox).store(any(), org.mockito.ArgumentMatchers.argThat(l -> l.size() == 100), anyString());
  }

  @Test
  void badSignatureIs401AndStoresNothing() throws Exception {
    when(verifier.verify(any(), any(), any())).thenReturn("signature mismatch");
    mvc.perform(post("/webhooks/crm/hubspot").contentType(MediaType.APPLICATION_JSON).content("[]"))
        .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.error_code").value("invalid_signature"));
    verify(inbox, never()).store(any(), any(), anyString());
  }

  @Test
  void malformedBodyIs400() throws Exception {
    when(verifier.verify(any(), any(), any())).thenReturn(null);
    when(connector.parseWebhook(any())).thenThrow(new IllegalArgumentException("not a JSON array"));
    mvc.perform(post("/webhooks/crm/hubspot").contentType(MediaType.APPLICATION_JSON).content("{"))
        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error_code").value("malformed_payload"));
    verify(inbox, never()).store(any(), any(), anyString());
  }

  @Test
  void databaseDownIs503SoTheVendorRetries() throws Exception {
    when(verifier.verify(any(), any(), any())).thenReturn(null);
    when(connector.parseWebhook(any())).thenReturn(List.of(
        new InboundEvent("e1", "contact", "1", InboundEvent.Kind.CHANGED, null, Instant.now())));
    when(inbox.store(any(), any(), anyString())).thenThrow(new CannotGetJdbcConnectionException("down"));
    mvc.perform(post("/webhooks/crm/hubspot").contentType(MediaType.APPLICATION_JSON).content("[]"))
        .andExpect(status().isServiceUnavailable()).andExpect(header().string("Retry-After", "5"));
  }

  @Test
  void answersJsonWhateverTheVendorAccepts() throws Exception {
    when(verifier.verify(any(), any(), any())).thenReturn("signature mismatch");
    mvc.perform(post("/webhooks/crm/hubspot").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_HTML)
        .content("[]")).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.error_code").value("invalid_signature"));
  }

  @Test
  void unknownEndpointIs404() throws Exception {
    mvc.perform(post("/webhooks/payments/hubspot").content("[]")).andExpect(status().isNotFound());
  }
}
