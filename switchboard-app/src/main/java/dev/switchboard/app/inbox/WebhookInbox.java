package dev.switchboard.app.inbox;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connectors.InboundEvent;
import dev.switchboard.app.crypto.Vault;
import dev.switchboard.app.sync.ExternalIds;
import dev.switchboard.app.sync.SyncJobs;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Stores verified events and their jobs atomically. */
@Service
class WebhookInbox {
  private final JdbcClient db;
  private final SyncJobs jobs;
  private final ExternalIds ids;
  private final Vault vault;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  WebhookInbox(JdbcClient db, SyncJobs jobs, ExternalIds ids, Vault vault, Clock clock) {
    this.db = db;
    this.jobs = jobs;
    this.ids = ids;
    this.vault = vault;
    this.clock = clock;
  }

  record Accepted(int accepted, int duplicates) {}

  /** Inserts each new event and enqueues its job; events already in the inbox are skipped. One transaction. */
  @Transactional
  Accepted store(Connection connection, List<InboundEvent> events, String correlationId) {
    int accepted = 0;
    int duplicates = 0;
    Timestamp now = Timestamp.from(clock.instant());
    for (InboundEvent e : events) {
      String payload = vault.encrypt(json.writeValueAsString(Map.of("kind", e.kind().name(), "externalId", e.externalId(),
          "previousExternalId", String.valueOf(e.previousExternalId()), "occurredAt", e.occurredAt().toString())),
          "inbox:" + connection.tenantId() + ":" + e.eventKey());
      int n = db.sql("insert into inbox_event(tenant_id, connection_id, system, event_key, vendor_type, external_id, kind, "
              + "occurred_at, received_at, correlation_id, payload_enc) values (?,?,?,?,?,?,?,?,?,?,?) on conflict do nothing")
          .params(connection.tenantId(), connection.id(), connection.system(), e.eventKey(), e.objectType(),
              ids.key(e.externalId()), // the id itself is in the encrypted payload
              e.kind().name(), Timestamp.from(e.occurredAt()), now, correlationId, payload)
          .update();
      if (n == 1) {
        jobs.enqueue(connection.tenantId(), connection.id(), e, correlationId);
        accepted++;
      } else {
        duplicates++;
      }
    }
    return new Accepted(accepted, duplicates);
  }
}
