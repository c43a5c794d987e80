package dev.switchboard.app.connections;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hold on a new connection's first sync: a connection to a system that does not seed the first sync (anything but
 * the hub) is paused from the moment it is made, and stays so, reading and writing nothing, until an owner or admin
 * has seen its plan and pressed Start. The connection setting {@value #SETTING} = {@code immediate} (scripted
 * installs) makes it start at once instead.
 */
@Service
public class FirstSyncHolds {
  /** The settings key: {@code plan} (the default) or {@code immediate}. */
  public static final String SETTING = "firstSync";
  /** Why a held connection is paused, as its last error says it. */
  public static final String REASON = "waiting for the owner to review the first-sync plan and press Start";
  public static final String HELD = "HELD";
  public static final String STARTED = "STARTED";

  private final JdbcClient db;
  private final Connections connections;
  private final Clock clock;
  private final org.springframework.context.ApplicationEventPublisher publisher;

  FirstSyncHolds(JdbcClient db, Connections connections, Clock clock,
      org.springframework.context.ApplicationEventPublisher publisher) {
    this.publisher = publisher;
    this.db = db;
    this.connections = connections;
    this.clock = clock;
  }

  /** The hold of one connection, if it was ever held. */
  public record Hold(String state, Instant heldAt, @Nullable Instant startedAt, @Nullable String startedBy) {
    public boolean held() {
      return HELD.equals(state);
    }
  }

  /** Whether a connection with these settings, to a system that does not seed, is to be held. */
  static boolean wanted(boolean seeds, Map<String, String> settings) {
    String v = settings.get(SETTING);
    return !seeds && (v == null || !"immediate".equals(v.trim().toLowerCase(Locale.ROOT)));
  }

  /** Why {@value #SETTING} cannot be stored, or empty. */
  static Optional<String> refusal(Map<String, String> settings) {
    String v = settings.get(SETTING);
    if (v == null) {
      return Optional.empty();
    }
    String s = v.trim().toLowerCase(Locale.ROOT);
    return s.equals("plan") || s.equals("immediate") ? Optional.empty()
        : Optional.of(SETTING + " must be plan or immediate");
  }

  /** Holds a connection just made: paused, and recorded as held. */
  @Transactional
  void hold(String tenantId, String connectionId) {
    connections.pause(tenantId, connectionId);
    db.sql("insert into first_sync(connection_id, tenant_id, state, held_at) values (?, ?, 'HELD', ?)")
        .params(connectionId, tenantId, Timestamp.from(clock.instant())).update();
  }

  public Optional<Hold> find(String tenantId, String connectionId) {
    return db.sql("select state, held_at, started_at, started_by from first_sync where tenant_id = ? and connection_id = ?")
        .params(tenantId, connectionId).query((rs, i) -> new Hold(rs.getString(1), rs.getTimestamp(2).toInstant(),
            Connections.instant(rs.getTimestamp(3)), rs.getString(4))).optional();
  }

  /**
   * Ends the hold: the existing records are queued for the connection ({@link FirstSyncStarted}), the connection is
   * resumed (its backfill and everything that waited run) and the hold records who started it. False when the connection is not held (never was, or already started).
   */
  @Transactional
  public boolean start(String tenantId, String connectionId, String actor) {
    int n = db.sql("update first_sync set state = 'STARTED', started_at = ?, started_by = ? where tenant_id = ? "
            + "and connection_id = ? and state = 'HELD'")
        .params(Timestamp.from(clock.instant()), actor, tenantId, connectionId).update();
    if (n == 1) {
      publisher.publishEvent(new FirstSyncStarted(tenantId, connectionId));
      connections.resume(tenantId, connectionId);
    }
    return n == 1;
  }
}
