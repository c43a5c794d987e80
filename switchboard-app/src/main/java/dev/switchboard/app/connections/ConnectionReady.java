package dev.switchboard.app.connections;

/**
 * A connection's work may run again after waiting: it was resumed, or its credentials were fixed. Its waiting work
 * should not sit out the rest of its backoff. Published after the change is stored.
 */
public record ConnectionReady(String tenantId, String connectionId) {}
