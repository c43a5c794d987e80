package dev.switchboard.app.canonical.model;

import java.util.List;
import java.util.Set;

/**
 * A type's lifecycle: the enum field that holds its state, the states in order, the terminal ones.
 *
 * @param field     the state field (an enum field of the type whose codes are {@code states})
 * @param states    every state, in lifecycle order
 * @param terminal  states a record does not leave in the normal course
 * @param financial true for money records (invoice, payment, subscription): in a terminal state such a record accepts
 *                  only its issuer's changes of state, nothing else from anyone ({@code terminal_state})
 */
public record Lifecycle(String field, List<String> states, Set<String> terminal, boolean financial) {
  public Lifecycle {
    states = List.copyOf(states);
    terminal = Set.copyOf(terminal);
    if (!states.containsAll(terminal)) {
      throw new IllegalArgumentException("terminal states must be states of " + field);
    }
  }

  public boolean isTerminal(String state) {
    return terminal.contains(state);
  }
}
