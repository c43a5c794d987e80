package dev.switchboard.app.connections;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A connection as the rest of the app sees it: no secrets. */
public record Connection(String id, String tenantId, String system, @Nullable String accountId, String displayName,
    Map<String, String> settings, String status, @Nullable String webhookStatus, @Nullable String lastError,
    @Nullable Instant lastErrorAt, String backfillStatus, long backfillSeen, @Nullable String backfillCursor,
    @Nullable Instant pollWatermark, @Nullable Instant nextPollAt, @Nullable Instant backfillStartedAt) {

  public static final String ACTIVE = "ACTIVE";
  public static final String ERROR = "ERROR";
  public static final String PAUSED = "PAUSED";
}
