package dev.switchboard.sandbox.slack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Rolling-window limiter that, when it refuses a call, tells how many whole seconds until a slot
 * frees (Slack's {@code Retry-After}). Refused calls are not counted.
 */
class SlackRateLimiter {

  private final Map<String, Deque<Long>> calls = new HashMap<>();

  /** 0 if the call is allowed (and counted), else the seconds to wait (at least 1). */
  synchronized long acquire(String key, int limit, long windowMs) {
    long now = System.nanoTime();
    long window = windowMs * 1_000_000;
    Deque<Long> q = calls.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!q.isEmpty() && now - q.peekFirst() >= window) {
      q.removeFirst();
    }
    if (q.size() >= limit) {
      long waitNs = q.peekFirst() + window - now;
      return Math.max(1, (waitNs + 999_999_999) / 1_000_000_000);
    }
    q.addLast(now);
    return 0;
  }

  synchronized void reset() {
    calls.clear();
  }
}
