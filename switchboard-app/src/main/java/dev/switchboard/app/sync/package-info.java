/**
 * The sync engine: inbound jobs (fetch → clean → identity → merge), golden records with field provenance,
 * links between canonical records and vendor objects, echo suppression, the coalescing outbox and egress
 * (batching, rate limits, circuit breakers, retries with backoff, dead letters), backfill and reconciliation.
 *
 * <p>Exactly-once: a job is claimed under a lease; everything it changes (golden record, links, identity keys,
 * history, outbox tasks, events, the job's own completion) commits in one transaction, and replaying a job
 * after a crash is harmless because merging the same values changes nothing.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"connectors", "connections", "canonical", "crypto", "events", "mapping", "identity"})
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.sync;
