package dev.switchboard.app.console;

import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.sync.RecordEdits;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where a value came from, in words: "from HubSpot, 4 Dec 14:02", "edited in Switchboard by alice, 4 Dec 14:02",
 * "from the upsert API, …", in the tenant's time zone.
 */
@Component
class Provenance {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
  private final ConnectorRegistry connectors;

  Provenance(ConnectorRegistry connectors) {
    this.connectors = connectors;
  }

  /** The vendor's name as the console shows it ({@code hubspot} → HubSpot). */
  String systemName(String system) {
    return connectors.find(system).map(c -> c.descriptor().displayName()).orElse(system);
  }

  /** Who or what a value came from: a system's name, "edited in Switchboard by …", "the upsert API". */
  String source(String system) {
    if (system.startsWith(RecordEdits.SYSTEM_PREFIX)) {
      return "edited in Switchboard by " + system.substring(RecordEdits.SYSTEM_PREFIX.length());
    }
    if (system.equals("api")) {
      return "from the upsert API";
    }
    if (system.equals("review")) {
      return "from a merge in the review queue";
    }
    return "from " + systemName(system);
  }

  String describe(String system, Instant at, ZoneId zone) {
    return source(system) + ", " + when(at, zone);
  }

  static String when(Instant at, ZoneId zone) {
    return WHEN.format(at.atZone(zone));
  }
}
