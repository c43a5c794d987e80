package dev.switchboard.app.console;

import dev.switchboard.app.access.Action;
import dev.switchboard.app.access.Member;
import dev.switchboard.app.events.DomainEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The audit trail as the console shows and exports it: one row per {@code audit.logged} event of the member's
 * tenant, filtered by action (prefix, e.g. {@code login} or {@code connection.pause}) and actor (exact). A member who
 * may not see personal data gets actors and addresses masked.
 */
@Component
class AuditTrail {
  /** Payload members shown in their own columns, or not at all. */
  private static final Set<String> OWN_COLUMNS = Set.of("event", "tenant_id", "correlation_id", "occurred_at",
      "action", "actor", "ip", "target");

  private final DomainEvents events;

  AuditTrail(DomainEvents events) {
    this.events = events;
  }

  record Row(long id, Instant at, String actor, String ip, String action, String target, String details) {}

  List<Row> rows(Member member, @Nullable String action, @Nullable String actor, @Nullable Instant from,
      @Nullable Instant to, int limit) {
    boolean unmasked = member.may(Action.VIEW_PII);
    List<Row> out = new ArrayList<>();
    for (DomainEvents.EventRecorded e : events.audit(member.tenantId(), from, to, 10_000)) {
      Map<String, Object> p = e.payload();
      String act = text(p.get("action"));
      String who = text(p.get("actor"));
      if ((action != null && !act.startsWith(action)) || (actor != null && !who.equals(actor))) {
        continue;
      }
      out.add(new Row(e.id(), e.createdAt(), unmasked ? who : maskActor(who),
          unmasked ? text(p.get("ip")) : (p.get("ip") == null ? "" : "•••"), act, target(p), details(p)));
      if (out.size() >= limit) {
        break;
      }
    }
    return out;
  }

  /** What was acted on: {@code target}, else the id the event names. */
  private static String target(Map<String, Object> p) {
    if (p.get("target") != null) {
      return text(p.get("target"));
    }
    for (String key : List.of("connection_id", "token_id", "id")) {
      if (p.get(key) != null) {
        return key.replace("_id", "").replace("id", "dead_letter") + ":" + p.get(key);
      }
    }
    return "";
  }

  /** The other members (before / after values, scopes …), {@code key=value} in the payload's order. */
  private static String details(Map<String, Object> p) {
    return p.entrySet().stream().filter(en -> !OWN_COLUMNS.contains(en.getKey())
            && !List.of("connection_id", "token_id", "id").contains(en.getKey()) && en.getValue() != null)
        .map(en -> en.getKey() + "=" + en.getValue()).collect(Collectors.joining("; "));
  }

  /** Tokens, the API and the command line are not people; a person's name keeps its first character. */
  static String maskActor(String actor) {
    String lower = actor.toLowerCase(Locale.ROOT);
    if (actor.isEmpty() || lower.startsWith("token:") || lower.equals("api") || lower.equals("command line")
        || lower.equals("first-start") || lower.equals("reset link") || lower.equals("reset request")) {
      return actor;
    }
    return actor.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
        StringBuilder::append) + "•••";
  }

  private static String text(@Nullable Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
