package dev.switchboard.app.connections;

/**
 * The vendor refused an OAuth connection's refresh token: its work waits until someone signs in to it again.
 * Published once per occurrence (not again while it still needs reconnecting); {@code displayName} is the owner's
 * own label for it.
 */
public record ConnectionNeedsReconnecting(String tenantId, String connectionId, String displayName) {}
