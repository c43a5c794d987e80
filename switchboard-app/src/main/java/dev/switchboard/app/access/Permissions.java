package dev.switchboard.app.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The permission table: which role may take which {@link Action}. It is the only place that says so; the security
 * configuration enforces it for every route, templates only ask it what to show. The README's table is
 * {@link #markdownTable()} (a test keeps the two equal).
 */
public final class Permissions {
  private static final Map<Role, Set<Action>> TABLE = new EnumMap<>(Role.class);

  static {
    TABLE.put(Role.OWNER, EnumSet.allOf(Action.class));
    // An admin runs the tenant's integrations; the instance, its users and what cannot be undone stay with owners.
    TABLE.put(Role.ADMIN, EnumSet.complementOf(EnumSet.of(Action.INSTANCE_SETTINGS, Action.USERS, Action.ERASE,
        Action.RETENTION)));
    TABLE.put(Role.VIEWER, EnumSet.of(Action.OWN_PASSWORD));
  }

  private Permissions() {}

  /** Whether {@code role} may take {@code action}. */
  public static boolean allows(Role role, Action action) {
    return TABLE.get(role).contains(action);
  }

  /** The table as Markdown: one row per action, one column per role, ✓ or –. */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder("| Action | owner | admin | viewer |\n|---|---|---|---|\n");
    for (Action a : Action.values()) {
      out.append("| ").append(a.description()).append(" | ")
          .append(java.util.Arrays.stream(Role.values()).map(r -> allows(r, a) ? "✓" : "–")
              .collect(Collectors.joining(" | ")))
          .append(" |\n");
    }
    return out.toString();
  }
}
