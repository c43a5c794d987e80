package dev.switchboard.app.connections;

/**
 * An owner started a held connection's first sync ({@link FirstSyncHolds#start}): what the connection is to hold of
 * the existing records is to be sent to it. Published inside the transaction that ends the hold.
 */
public record FirstSyncStarted(String tenantId, String connectionId) {}
