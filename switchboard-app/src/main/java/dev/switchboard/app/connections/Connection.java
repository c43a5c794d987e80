package dev.switchboard.app.connections;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A connection as the rest of the app sees it: no secrets. Sync progress (backfill, reconciliation) is the sync
 * module's, per object type.
 *
 * @param status {@link #ACTIVE}; {@link #ERROR} while the vendor fails (5xx, network; work is retried);
 *               {@link #PAUSED} by the owner (nothing is read or written; webhooks are still kept);
 *               {@link #CREDENTIALS_REJECTED} when the vendor refuses the credentials (work waits until they are
 *               updated); {@link #NEEDS_RECONNECTING} when the vendor refused an OAuth connection's refresh token
 *               (work waits until someone signs in to it again)
 */
public record Connection(String id, String tenantId, String system, @Nullable String accountId, String displayName,
    Map<String, String> settings, String status, @Nullable String webhookStatus, @Nullable String lastError,
    @Nullable Instant lastErrorAt) {

  public static final String ACTIVE = "ACTIVE";
  public static final String ERROR = "ERROR";
  public static final String PAUSED = "PAUSED";
  public static final String CREDENTIALS_REJECTED = "CREDENTIALS_REJECTED";
  public static final String NEEDS_RECONNECTING = "NEEDS_RECONNECTING";

  /** Whether sync work may call the vendor for this connection now. */
  public boolean workable() {
    return ACTIVE.equals(status) || ERROR.equals(status);
  }
}
