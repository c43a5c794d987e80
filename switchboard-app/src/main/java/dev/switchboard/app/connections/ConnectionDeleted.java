package dev.switchboard.app.connections;

/**
 * A connection is being deleted, inside the transaction that deletes it: listeners remove what they keep for it
 * (the sync engine: links, cursors, pending jobs and writes) in the same transaction, so nothing of it is left
 * half-deleted.
 */
public record ConnectionDeleted(String tenantId, String connectionId) {}
