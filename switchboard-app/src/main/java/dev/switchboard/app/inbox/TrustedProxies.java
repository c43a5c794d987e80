package dev.switchboard.app.inbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The proxies whose forwarded headers are believed ({@code switchboard.trusted-proxies}: IP addresses or CIDR
 * ranges, IPv4 or IPv6). Only literal addresses are ever parsed: nothing here resolves a name, so a hostile header
 * cannot make us query DNS.
 */
final class TrustedProxies {
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private record Range(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      return rest == 0 || ((address[full] ^ network[full]) & (0xFF << (8 - rest)) & 0xFF) == 0;
    }
  }

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = ranges;
  }

  /**
   * Parses entries such as {@code 127.0.0.0/8}, {@code ::1} or {@code 10.1.2.3}; blank entries are skipped.
   *
   * @throws IllegalArgumentException naming the first entry that is not an address or range
   */
  static TrustedProxies parse(List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int slash = entry.indexOf('/');
      byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
      if (network == null) {
        throw new IllegalArgumentException("switchboard.trusted-proxies: not an IP address or CIDR range: " + entry);
      }
      int prefix = network.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > network.length * 8) {
          throw new IllegalArgumentException("switchboard.trusted-proxies: bad prefix length in " + entry);
        }
      }
      ranges.add(new Range(network, prefix));
    }
    return new TrustedProxies(List.copyOf(ranges));
  }

  /** Whether {@code address} (a literal IP, as a servlet's remote address is) lies in a trusted range. */
  boolean contains(@Nullable String address) {
    byte[] a = address == null ? null : literal(address);
    return a != null && ranges.stream().anyMatch(r -> r.contains(a));
  }

  /**
   * The bytes of a literal IPv4 or IPv6 address (IPv4-mapped IPv6 addresses come back as IPv4), or null for
   * anything else — including host names, which are never looked up.
   */
  static byte @Nullable [] literal(String s) {
    String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    if (IPV4.matcher(t).matches()) {
      String[] parts = t.split("\\.");
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(parts[i]);
        if (octet > 255) {
          return null;
        }
        out[i] = (byte) octet;
      }
      return out;
    }
    if (!IPV6.matcher(t).matches()) {
      return null;
    }
    try {
      // a string containing ':' is parsed as an IPv6 literal or refused; no name service is consulted
      return InetAddress.getByName(t).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
