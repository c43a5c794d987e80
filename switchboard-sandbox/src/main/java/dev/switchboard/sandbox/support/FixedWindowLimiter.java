package dev.switchboard.sandbox.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Fixed-window call counter per key on a caller-supplied clock (so tests can move time). A window opens at
 * the first call after the previous one ended (or if the clock went backwards). Refused calls are not counted.
 * Thread-safe.
 */
public class FixedWindowLimiter {

  /**
   * Outcome of one call.
   *
   * @param remaining calls left in the window after this one, or -1 if this call is refused
   * @param resetSeconds whole seconds (at least 1) until the window ends
   */
  public record Quota(int remaining, long resetSeconds) {
    public boolean refused() {
      return remaining < 0;
    }
  }

  private record Window(long start, int used) {}

  private final Map<String, Window> windows = new HashMap<>();

  public synchronized Quota acquire(String key, int limit, long windowMs, long nowMs) {
    Window w = windows.get(key);
    if (w == null || nowMs >= w.start() + windowMs || nowMs < w.start()) {
      w = new Window(nowMs, 0);
    }
    long reset = Math.max(1, (w.start() + windowMs - nowMs + 999) / 1000);
    if (w.used() >= limit) {
      windows.put(key, w);
      return new Quota(-1, reset);
    }
    windows.put(key, new Window(w.start(), w.used() + 1));
    return new Quota(limit - w.used() - 1, reset);
  }

  public synchronized void reset() {
    windows.clear();
  }
}
