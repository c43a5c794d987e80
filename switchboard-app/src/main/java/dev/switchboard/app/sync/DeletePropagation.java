package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.DeletePropagationSetting;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a vendor deletion means for the other connections of the record, decided when the source link is tombstoned
 * ({@link SyncEngine#tombstoneDeleted}). Call inside that transaction.
 *
 * <ul>
 *   <li>Only a plain deletion ({@link Links.Tombstone#DELETED}) propagates. A privacy deletion ({@code ERASED}) is
 *       never turned into deletes elsewhere automatically: erasing a person is a decision per system (what each must
 *       keep, for how long) taken by a person, and archiving is not erasing — an automatic archive would look like
 *       compliance while keeping the data. A vendor merge ({@code MERGED}) is a merge, not a deletion.</li>
 *   <li>It propagates to a target only when the target connection's policy for the type is on ({@link
 *       DeletePropagationSetting}, off by default) and the record has a live object there: a record never linked in
 *       the target, or whose object there is gone already, gets nothing.</li>
 *   <li>A deletion the vendor reports for an object whose link is tombstoned already, or while our own delete of it
 *       is in flight, is our own echo (or a repeat): it changes nothing and propagates nothing.</li>
 * </ul>
 */
@Component
class DeletePropagation {
  private final Links links;
  private final Outbox outbox;
  private final GoldenRecords golden;
  private final Connections connections;
  private final Clock clock;

  DeletePropagation(Links links, Outbox outbox, GoldenRecords golden, Connections connections, Clock clock) {
    this.links = links;
    this.outbox = outbox;
    this.golden = golden;
    this.connections = connections;
    this.clock = clock;
  }

  /**
   * Whether a deletion reported by {@code source} for the object of link {@code was} (as it was before this report
   * tombstoned it) is news: not when the link was tombstoned already (unless this is the first privacy deletion of
   * it), nor when it is the echo of our own delete in flight.
   */
  boolean isNews(String tenantId, Connection source, Links.Link was, Links.Tombstone how) {
    if (!was.live()) {
      return how == Links.Tombstone.ERASED && was.tombstone() != Links.Tombstone.ERASED;
    }
    return !(how == Links.Tombstone.DELETED && outbox.deleteInFlight(tenantId, source.id(), was.canonicalId()));
  }

  /**
   * Enqueues a delete of the record's object in every other connection whose policy for {@code objectType} is on
   * and where the record has a live object. Returns the connections a delete was enqueued for.
   */
  List<String> propagate(String tenantId, Connection source, String objectType, String canonicalId,
      Links.Tombstone how, @Nullable String correlationId) {
    if (how != Links.Tombstone.DELETED) {
      return List.of();
    }
    GoldenRecords.Golden record = golden.find(tenantId, canonicalId).orElse(null);
    if (record == null) {
      return List.of();
    }
    List<String> targets = new java.util.ArrayList<>();
    for (Connection target : connections.forTenant(tenantId)) {
      if (target.id().equals(source.id()) || !DeletePropagationSetting.enabled(target.settings(), objectType)) {
        continue;
      }
      boolean linkedThere = links.forCanonical(tenantId, record.id()).stream()
          .anyMatch(l -> l.connectionId().equals(target.id()) && l.objectType().equals(objectType) && l.live());
      if (linkedThere) {
        outbox.enqueueDelete(tenantId, target.id(), record.id(), objectType, record.version(), clock.instant(),
            correlationId);
        targets.add(target.id());
      }
    }
    return targets;
  }

  /**
   * Whether a delete of the record is still wanted at send time: some other connection still has the record's object
   * deleted ({@code DELETED}) and no live object of it. A restore at the source meanwhile cancels the delete.
   */
  boolean stillDeletedElsewhere(String tenantId, String targetConnectionId, String canonicalId) {
    List<Links.Link> all = links.forCanonical(tenantId, canonicalId);
    return all.stream().filter(l -> !l.connectionId().equals(targetConnectionId)
            && l.tombstone() == Links.Tombstone.DELETED)
        .anyMatch(d -> all.stream().noneMatch(l -> l.connectionId().equals(d.connectionId())
            && l.objectType().equals(d.objectType()) && l.live()));
  }
}
