package dev.switchboard.sandbox.hubspot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One portal's lock and all-or-nothing journal, shared by every store of the portal (objects of each type,
 * associations), so that one batch call that touches several stores — a create with {@code associations}, an
 * archive that drops associations — is undone as a whole. Every store method runs under {@link #lock}.
 *
 * <p>Outside {@link #atomically} writes apply at once and their webhook events are published at once. Inside it,
 * each store registers how to undo its first touch of a record ({@link #firstTouch}, {@link #onUndo}) and events
 * wait ({@link #emit}); when the work throws, the undo actions run newest first and the events are dropped.
 */
final class Journal {

  /** The portal's lock: every store of the portal synchronizes on it. */
  final Object lock = new Object();
  private List<Runnable> undo;
  private List<Runnable> deferred;
  private Set<Object> touched;

  /**
   * Runs {@code work} all-or-nothing: when it throws, everything it changed in the portal's stores is restored
   * and none of its webhook events is sent; the exception propagates. Nested calls join the outer one.
   */
  <T> T atomically(Supplier<T> work) {
    synchronized (lock) {
      if (undo != null) {
        return work.get();
      }
      undo = new ArrayList<>();
      deferred = new ArrayList<>();
      touched = new HashSet<>();
      try {
        T out = work.get();
        List<Runnable> events = deferred;
        clear();
        events.forEach(Runnable::run);
        return out;
      } catch (RuntimeException e) {
        List<Runnable> actions = undo;
        clear();
        actions.reversed().forEach(Runnable::run);
        throw e;
      } finally {
        clear();
      }
    }
  }

  private void clear() {
    undo = null;
    deferred = null;
    touched = null;
  }

  /** Whether a transaction runs and {@code key} was not touched in it yet (then the caller registers its undo). */
  boolean firstTouch(Object key) {
    return touched != null && touched.add(key);
  }

  /** Registers how to undo a change, if a transaction runs. */
  void onUndo(Runnable action) {
    if (undo != null) {
      undo.add(action);
    }
  }

  /** Publishes a webhook event now, or when the running transaction succeeds. */
  void emit(Runnable event) {
    if (deferred != null) {
      deferred.add(event);
    } else {
      event.run();
    }
  }
}
