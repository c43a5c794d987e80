package dev.switchboard.sandbox.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Rolling-window call counter per key, on the monotonic clock. {@link #tryAcquire} returns the
 * calls left after this one, or -1 if the call is refused (refused calls are not counted).
 */
public class SlidingWindowLimiter {

  private final Map<String, Deque<Long>> calls = new HashMap<>();

  public synchronized int tryAcquire(String key, int limit, long windowMs) {
    long now = System.nanoTime();
    Deque<Long> q = calls.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!q.isEmpty() && now - q.peekFirst() >= windowMs * 1_000_000) {
      q.removeFirst();
    }
    if (q.size() >= limit) {
      return -1;
    }
    q.addLast(now);
    return limit - q.size();
  }

  public synchronized void reset() {
    calls.clear();
  }
}
