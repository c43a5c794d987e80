package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.ErrorCatalogue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the API, the console and health checks may do with the sync engine. All methods are tenant-scoped.
 */
@Service
public class SyncOperations {
  private final SyncEngine engine;
  private final Outbox outbox;
  private final EdgeOutbox edgeOutbox;
  private final Egress egress;
  private final SyncJobs jobs;
  private final Links links;
  private final GoldenRecords golden;
  private final Connections connections;
  private final SyncCursors cursors;
  private final dev.switchboard.app.connectors.ConnectorRegistry connectors;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ApiUpserts upserts;

  SyncOperations(SyncEngine engine, Outbox outbox, EdgeOutbox edgeOutbox, Egress egress, SyncJobs jobs, Links links, GoldenRecords golden,
      Connections connections, SyncCursors cursors, dev.switchboard.app.connectors.ConnectorRegistry connectors,
      TransactionTemplate tx, Clock clock, ApiUpserts upserts) {
    this.upserts = upserts;
    this.connectors = connectors;
    this.engine = engine;
    this.outbox = outbox;
    this.edgeOutbox = edgeOutbox;
    this.egress = egress;
    this.jobs = jobs;
    this.links = links;
    this.golden = golden;
    this.connections = connections;
    this.cursors = cursors;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * A dead-lettered write, as shown to operators (no record values).
   *
   * @param error   the technical error (PII-free)
   * @param message what happened, in plain words ({@link ErrorCatalogue})
   * @param who     who fixes it: "You" or "Whoever installed Switchboard"
   * @param fix     the one thing to do
   */
  public record DeadLetter(long id, String connectionId, String canonicalId, int attempts, @Nullable String errorCode,
      @Nullable String error, Instant at, String message, String who, String fix) {

    static DeadLetter of(Outbox.Task t) {
      ErrorCatalogue.Entry e = ErrorCatalogue.standard().lookup(t.lastErrorCode());
      return new DeadLetter(t.id(), t.connectionId(), t.canonicalId(), t.attempts(), t.lastErrorCode(),
          t.lastError(), t.updatedAt(), e.message(), e.who(), e.fix());
    }
  }

  /**
   * Result of {@link #upsertContact}.
   *
   * @param externalId  the record's object at the target, null when it is not written there (yet)
   * @param filteredOut why the target's record filter keeps the record out (no value named), else null
   */
  public record UpsertResult(String canonicalId, boolean changed, boolean created, @Nullable String externalId,
      @Nullable String filteredOut) {}

  public List<DeadLetter> deadLetters(String tenantId, int limit) {
    return outbox.deadLetters(tenantId, limit).stream().map(DeadLetter::of).toList();
  }

  /**
   * The failed writes of one cause: one connection and one error code, as shown to operators (no record values).
   *
   * @param key          names the group in URLs ({@link FailureGroupKey}): opaque, URL- and HTML-id-safe
   * @param sampleRecord one of the group's records, by id only
   * @param sampleId     one of the group's dead letters
   */
  public record FailureGroup(String key, String connectionId, @Nullable String errorCode, long count, Instant oldest,
      Instant newest, long sampleId, String sampleRecord, String message, String who, String fix) {}

  /** The tenant's dead letters grouped by cause (connection + error code), the largest group first. */
  public List<FailureGroup> failureGroups(String tenantId) {
    return outbox.deadGroups(tenantId).stream().map(g -> {
      ErrorCatalogue.Entry e = ErrorCatalogue.standard().lookup(g.errorCode());
      return new FailureGroup(FailureGroupKey.encode(g.connectionId(), g.errorCode()), g.connectionId(),
          g.errorCode(), g.count(), g.oldest(), g.newest(), g.sampleId(), g.sampleRecord(), e.message(), e.who(),
          e.fix());
    }).toList();
  }

  /** Whether {@code key} is a failure group's key in form (whether any group has it is another question). */
  public static boolean isFailureGroupKey(String key) {
    return FailureGroupKey.decode(key).isPresent();
  }

  /**
   * Sends every write of the group again with a fresh attempt budget; the outcome counts them (0 when the tenant has
   * no such group, or for a malformed key).
   */
  public GroupOutcome retryGroup(String tenantId, String key) {
    return FailureGroupKey.decode(key).map(k -> new GroupOutcome(k.connectionId(), k.errorCode(),
        outbox.replayGroup(tenantId, k.connectionId(), k.errorCode()))).orElse(GroupOutcome.NONE);
  }

  /** What a group's retry or discard did: the group's connection and code, and how many writes. */
  public record GroupOutcome(String connectionId, @Nullable String errorCode, int count) {
    static final GroupOutcome NONE = new GroupOutcome("", null, 0);

    /** For the audit trail (no values): connection, code ("" for none) and count. */
    public Map<String, Object> audit(String action, String actor) {
      return Map.of("action", action, "connection_id", connectionId, "error_code",
          errorCode == null ? "" : errorCode, "count", count, "actor", actor);
    }
  }

  /**
   * Decides not to send the group's writes: they are kept as discarded, with their errors, never deleted; a record's
   * next change is written as usual. The outcome counts them (0 when the tenant has no such group, or for a malformed
   * key).
   */
  public GroupOutcome discardGroup(String tenantId, String key) {
    return FailureGroupKey.decode(key).map(k -> new GroupOutcome(k.connectionId(), k.errorCode(),
        outbox.discardGroup(tenantId, k.connectionId(), k.errorCode()))).orElse(GroupOutcome.NONE);
  }

  public boolean replay(String tenantId, long deadLetterId) {
    return outbox.replay(tenantId, deadLetterId);
  }

  public Map<String, Long> outboxCounts(String tenantId, @Nullable String connectionId) {
    return outbox.countsByStatus(tenantId, connectionId);
  }

  /** Edge writes (associate, dissociate) by status, {@code WAITING} included. */
  public Map<String, Long> edgeOutboxCounts(String tenantId) {
    return edgeOutbox.countsByStatus(tenantId);
  }

  /**
   * A write waiting for another record to be linked in its target (a create that needs its reference first), as shown
   * to operators: ids only, no values.
   */
  public record WaitingWrite(long id, String connectionId, String canonicalId, String objectType, String waitingOn,
      Instant since) {}

  /** The tenant's waiting writes, oldest first. */
  public List<WaitingWrite> waiting(String tenantId, int limit) {
    return outbox.waiting(tenantId, limit).stream().map(w -> new WaitingWrite(w.id(), w.connectionId(),
        w.canonicalId(), w.objectType(), w.waitingOn(), w.since())).toList();
  }

  /**
   * An association waiting for one of its ends to be linked in its target (a deal's contact not made there yet), as
   * shown to operators: ids only.
   */
  public record WaitingEdge(long id, String connectionId, String fromId, String label, String toId, String waitingOn,
      Instant since) {}

  /** The tenant's waiting edge writes, oldest first. */
  public List<WaitingEdge> waitingEdges(String tenantId, int limit) {
    return edgeOutbox.waiting(tenantId, limit).stream().map(w -> new WaitingEdge(w.id(), w.connectionId(), w.fromId(),
        w.label(), w.toId(), w.waitingOn(), w.since())).toList();
  }

  public Map<String, Long> inboundCounts(String tenantId) {
    return jobs.countsByStatus(tenantId);
  }

  public long linkedRecords(String tenantId, String connectionId) {
    return links.count(tenantId, connectionId);
  }

  /** Backfill and reconciliation progress of one connection, per vendor type. */
  public List<SyncProgress> progress(String tenantId, String connectionId) {
    var connector = connections.find(tenantId, connectionId).flatMap(c -> connectors.find(c.system()));
    return cursors.progress(tenantId, connectionId).stream()
        .map(p -> new SyncProgress(connector.flatMap(c -> c.vendorType(p.vendorType()))
                .map(t -> t.canonicalTypes().getFirst()).orElse(p.vendorType()), p.vendorType(), p.backfillStatus(),
            p.backfillSeen(), p.backfillFinishedAt(), p.watermark(), p.completedAt(), p.lastError(), p.lastErrorAt(),
            p.backfillStartedAt(), p.backfillTotal()))
        .toList();
  }

  /**
   * Where the backfill and reconciliation of one of a connection's vendor types stand.
   *
   * @param objectType   the canonical type its objects are records of ({@code contact})
   * @param vendorType   the vendor's type ({@code member} for Mailchimp list members)
   * @param reconciledAt when a backfill or poll last completed; null before the first one
   * @param lastError    why the last run failed (PII-free), while it keeps failing
   * @param backfillStartedAt when the backfill read its first page; null before
   * @param backfillTotal how many objects the backfill reads, when the vendor said (null: it did not)
   */
  public record SyncProgress(String objectType, String vendorType, String backfillStatus, long backfillSeen,
      @Nullable Instant backfillFinishedAt, @Nullable Instant watermark, @Nullable Instant reconciledAt,
      @Nullable String lastError, @Nullable Instant lastErrorAt, @Nullable Instant backfillStartedAt,
      @Nullable Long backfillTotal) {

    /** Whether its backfill has read everything. */
    public boolean backfilled() {
      return "DONE".equals(backfillStatus);
    }
  }

  /** When a change of one of the connection's objects was last synced (read from it or written to it), if ever. */
  public Optional<Instant> lastSynced(String tenantId, String connectionId) {
    return links.lastTouched(tenantId, connectionId);
  }

  public long goldenRecords(String tenantId) {
    return golden.count(tenantId);
  }

  /**
   * Applies {@code attributes} (already validated, canonical names) of a contact as a change made through the API at
   * this moment, then writes it to {@code target} right away when it changed anything there.
   */
  public UpsertResult upsertContact(String tenantId, Connection target, Map<String, Object> attributes,
      String correlationId) {
    return upsert(tenantId, target, CanonicalRecord.CONTACT, attributes, correlationId);
  }

  /**
   * As {@link #upsertContact}, for a record of {@code type} found by its type's identity keys (a company by its
   * registrable domain); written to {@code target} at once when its connector writes the type.
   */
  public UpsertResult upsert(String tenantId, Connection target, String type, Map<String, Object> attributes,
      String correlationId) {
    return upserts.upsert(tenantId, target, type, attributes, correlationId);
  }

  /**
   * A deal as the upsert API names it.
   *
   * @param canonicalId the deal its caller named by its CRM id (found with {@link #linked}), or null: then the deal
   *                    {@code naturalKey} names, made on its first upsert
   * @param naturalKey  what the caller names the deal by (see the API's documentation); kept as a blind-indexed key
   * @param fields      canonical deal fields, validated ({@code name}, {@code amount}, {@code stage}, {@code pipeline},
   *                    {@code closeDate}, {@code lines}); absent fields are left as they are
   * @param contactIds  the records the deal's {@code contact} edges lead to (and its {@code contacts} field), or null
   *                    to leave them
   * @param companyId   the record of its primary {@code company} edge (and its {@code company} field), or null
   */
  public record DealUpsert(@Nullable String canonicalId, String naturalKey, Map<String, Object> fields,
      @Nullable List<String> contactIds, @Nullable String companyId) {}

  /**
   * Applies a deal as a change made through the API now: its values to the golden record, its edges to the contacts
   * and company it names (owed to every connection that keeps them), then writes it to {@code target} at once when its
   * connector writes deals.
   */
  public UpsertResult upsertDeal(String tenantId, Connection target, DealUpsert deal, String correlationId) {
    return upserts.upsertDeal(tenantId, target, deal, correlationId);
  }

  /** Whether records of {@code type} are written to {@code target} (its connector binds the type and maps fields). */
  public boolean writes(Connection target, String type) {
    return upserts.writes(target, type);
  }

  /** The tenant's contact with this e-mail (cleaned), if any. */
  public Optional<String> contactByEmail(String tenantId, String email) {
    return upserts.contactByEmail(tenantId, email);
  }

  /** The tenant's company with this domain's registrable domain, if any. */
  public Optional<String> companyByDomain(String tenantId, String domain) {
    return upserts.companyByDomain(tenantId, domain);
  }

  /** The record of {@code type} that {@code connection}'s object {@code externalId} is linked to, if live. */
  public Optional<String> linked(String tenantId, Connection connection, String type, String externalId) {
    return upserts.linked(tenantId, connection, type, externalId);
  }

  /** The tenant's one product with this SKU, if exactly one has it. */
  public Optional<String> productBySku(String tenantId, String sku) {
    return upserts.productBySku(tenantId, sku);
  }
}
