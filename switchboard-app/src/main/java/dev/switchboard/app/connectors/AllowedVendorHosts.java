package dev.switchboard.app.connectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hosts the operator allows a connection's {@code baseUrl} setting to point at besides the vendors' own
 * ({@code SWITCHBOARD_ALLOWED_VENDOR_HOSTS}): comma-separated {@code host} (any port) or {@code host:port} entries,
 * e.g. {@code 127.0.0.1:8081} for the sandbox; IPv6 literals in brackets ({@code [::1]:8081}). Empty in production,
 * where a connector talks to its vendor's documented hosts only. An entry that is not a host name or address stops
 * the start, so a typo cannot silently allow nothing — or everything.
 */
@Component
public final class AllowedVendorHosts {
  /** {@code [ipv6]} or a host name or IPv4 address, then an optional {@code :port}. */
  private static final Pattern ENTRY =
      Pattern.compile("(\\[[0-9a-f:.]+]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:([0-9]{1,5}))?");

  /** One allowed host; {@code port} -1 allows every port. */
  record Entry(String host, int port) {}

  private final List<Entry> entries;

  AllowedVendorHosts(@Value("${switchboard.connectors.allowed-hosts:}") String csv) {
    List<Entry> parsed = new ArrayList<>();
    for (String raw : csv.split(",")) {
      String s = raw.trim().toLowerCase(Locale.ROOT);
      if (s.isEmpty()) {
        continue;
      }
      Matcher m = ENTRY.matcher(s);
      int port = m.matches() && m.group(4) != null ? Integer.parseInt(m.group(4)) : -1;
      if (!m.matches() || port == 0 || port > 65535) {
        throw new IllegalArgumentException("SWITCHBOARD_ALLOWED_VENDOR_HOSTS: '" + raw.trim()
            + "' is not a host or host:port (e.g. 127.0.0.1:8081)");
      }
      parsed.add(new Entry(m.group(1), port));
    }
    this.entries = List.copyOf(parsed);
  }

  /** Allows no host beyond the vendors' own (production). */
  public static AllowedVendorHosts none() {
    return new AllowedVendorHosts("");
  }

  /** Parses {@code csv} as {@code SWITCHBOARD_ALLOWED_VENDOR_HOSTS} would be. */
  public static AllowedVendorHosts of(@Nullable String csv) {
    return new AllowedVendorHosts(csv == null ? "" : csv);
  }

  boolean allows(String host, int port) {
    return entries.stream().anyMatch(e -> e.host().equals(host) && (e.port() == -1 || e.port() == port));
  }

  @Override
  public String toString() {
    return entries.isEmpty() ? "none" : entries.stream()
        .map(e -> e.port() == -1 ? e.host() : e.host() + ":" + e.port()).toList().toString();
  }
}
