package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connections.ConsentSettingsChanged;
import dev.switchboard.app.connections.FirstSyncStarted;
import dev.switchboard.app.connectors.ConnectorRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Start of a first sync: every live record of a type the connection holds and has no link for is queued for it, so
 * that the existing base is what the plan said (a record changed later would be sent anyway; one never changed again
 * would never be). The writes go through egress as every write does: creates wait for the connection's own records to
 * be read and matched ({@link FirstSyncGate}), an audience's consent rule decides who is added ({@link AudienceConsent}),
 * and what the connection holds already is skipped by its snapshot.
 */
@Component
class FirstSyncSeeding {
  private static final int PAGE = 500;

  private final GoldenRecords golden;
  private final Links links;
  private final Outbox outbox;
  private final ConnectorRegistry connectors;
  private final Connections connections;
  private final Clock clock;

  FirstSyncSeeding(GoldenRecords golden, Links links, Outbox outbox, ConnectorRegistry connectors,
      Connections connections, Clock clock) {
    this.connections = connections;
    this.golden = golden;
    this.links = links;
    this.outbox = outbox;
    this.connectors = connectors;
    this.clock = clock;
  }

  /** Runs inside the transaction that ends the hold: the hold and the queued writes commit together. */
  @EventListener
  void started(FirstSyncStarted e) {
    offerUnlinked(e.tenantId(), e.connectionId());
  }

  /**
   * A started connection's consent settings changed: the records it holds no link for are offered again, so that
   * those the earlier setting skipped (and that have not changed since) are decided by the new one.
   */
  @EventListener
  void consentChanged(ConsentSettingsChanged e) {
    offerUnlinked(e.tenantId(), e.connectionId());
  }

  private void offerUnlinked(String tenantId, String connectionId) {
    List<String> types = connections.find(tenantId, connectionId)
        .flatMap(c -> connectors.find(c.system())).map(c -> c.vendorTypes().stream()
            .flatMap(v -> v.canonicalTypes().stream()).distinct().toList()).orElse(List.of());
    Instant now = clock.instant();
    for (String type : types) {
      String after = null;
      List<GoldenRecords.Golden> page;
      do {
        page = golden.page(tenantId, type, after, PAGE);
        for (GoldenRecords.Golden g : page) {
          after = g.id();
          if (links.byCanonical(tenantId, connectionId, type, g.id()).isEmpty()) {
            outbox.enqueue(tenantId, connectionId, g.id(), type, g.version(), now, null);
          }
        }
      } while (page.size() == PAGE);
    }
  }
}
