package dev.switchboard.app.console;

import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.sync.SyncOperations.SyncProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one state a connection shows on the dashboard, in words: Working · Catching up 40 %, about 20 min left ·
 * Paused · Needs reconnecting · Failing; while a backfill runs, how far it is (done / total, rate, ETA), and when a
 * change was last synced ("last change synced 2 min ago").
 *
 * <p>The backfill's figures are its own counts ({@code sync_cursor}): the objects read so far of the vendor types
 * still being read, against the vendor's total where every one of them gave one (else no percentage and no ETA, only
 * how many were read). The rate is those objects over the time since the earliest of them started; the ETA the rest
 * at that rate. Everything is computed against {@code now} from the injected clock, so tests tick it.
 *
 * @param label      the state in words
 * @param kind       {@code working}, {@code catching-up}, {@code paused}, {@code reconnect} or {@code failing}
 * @param done       objects read by the backfills under way (null when none runs)
 * @param total      what they read in all, when known
 * @param perMinute  objects read per minute, when measurable
 * @param left       the time left, when a total and a rate are known
 * @param lastSynced "last change synced 2 min ago", or "nothing synced yet"
 */
record ConnectionState(String label, String kind, @Nullable Long done, @Nullable Long total,
    @Nullable Long perMinute, @Nullable Duration left, String lastSynced) {

  /** The state of {@code c} now; {@code held}: paused until its first-sync plan is started. */
  static ConnectionState of(Connection c, boolean held, List<SyncProgress> progress, @Nullable Instant lastSynced,
      Instant now) {
    String synced = lastSynced == null ? "nothing synced yet" : "last change synced " + ago(lastSynced, now);
    switch (c.status()) {
      case Connection.NEEDS_RECONNECTING, Connection.CREDENTIALS_REJECTED -> {
        return new ConnectionState("Needs reconnecting", "reconnect", null, null, null, null, synced);
      }
      case Connection.PAUSED -> {
        return new ConnectionState("Paused", "paused", null, null, null, null, synced);
      }
      case Connection.ERROR -> {
        return new ConnectionState("Failing", "failing", null, null, null, null, synced);
      }
      default -> { }
    }
    if (held) {
      return new ConnectionState("Paused", "paused", null, null, null, null, synced);
    }
    List<SyncProgress> running = progress.stream().filter(p -> !p.backfilled()).toList();
    if (running.isEmpty()) {
      return new ConnectionState("Working", "working", null, null, null, null, synced);
    }
    long done = running.stream().mapToLong(SyncProgress::backfillSeen).sum();
    Long total = running.stream().allMatch(p -> p.backfillTotal() != null)
        ? running.stream().mapToLong(SyncProgress::backfillTotal).sum() : null;
    Instant started = running.stream().map(SyncProgress::backfillStartedAt).filter(java.util.Objects::nonNull)
        .min(Instant::compareTo).orElse(null);
    Duration elapsed = started == null ? Duration.ZERO : Duration.between(started, now);
    Long perMinute = done > 0 && elapsed.toSeconds() > 0 ? done * 60 / elapsed.toSeconds() : null;
    Duration left = null;
    if (total != null && done > 0 && elapsed.toSeconds() > 0) {
      long rest = Math.max(0, total - done);
      left = Duration.ofSeconds((long) Math.ceil((double) rest * elapsed.toSeconds() / done));
    }
    StringBuilder label = new StringBuilder("Catching up");
    if (total != null && total > 0) {
      // re-reads during a long backfill can count a few objects twice: never say 100 % before it is done
      label.append(' ').append(Math.min(99, done * 100 / total)).append(" %");
      if (left != null) {
        label.append(", ").append(left(left));
      }
    } else {
      label.append(", ").append(String.format(Locale.ROOT, "%,d", done)).append(" read so far");
    }
    return new ConnectionState(label.toString(), "catching-up", done, total, perMinute, left, synced);
  }

  /** Whether a progress bar can be drawn (a total is known). */
  public boolean measured() {
    return done != null && total != null && total > 0;
  }

  /** The bar's value: done, but never past the total. */
  public long barValue() {
    return done == null || total == null ? 0 : Math.min(done, total);
  }

  static String ago(Instant then, Instant now) {
    long seconds = Math.max(0, Duration.between(then, now).toSeconds());
    if (seconds < 60) {
      return "just now";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min ago";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return hours + (hours == 1 ? " hour ago" : " hours ago");
    }
    return hours / 24 + " days ago";
  }

  static String left(Duration left) {
    long minutes = (left.toSeconds() + 59) / 60;
    if (minutes <= 1) {
      return "about a minute left";
    }
    if (minutes < 90) {
      return "about " + minutes + " min left";
    }
    return "about " + Math.round(minutes / 60.0) + " h left";
  }
}
