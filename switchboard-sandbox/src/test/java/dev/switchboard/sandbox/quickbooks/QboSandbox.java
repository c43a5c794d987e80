package dev.switchboard.sandbox.quickbooks;

import dev.switchboard.sandbox.SandboxServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * One sandbox shared by the QuickBooks test classes (started on first use, closed at JVM exit) to keep the suite
 * fast on a slow machine. Its clock is real time plus an adjustable offset, so tests can expire tokens. Tests call
 * {@link #fresh()} to reset the QuickBooks state (data, tokens, limits, webhook targets) and the offset.
 */
final class QboSandbox {

  static final String REALM = "9341452000000001";
  static final String TOKEN = "sandbox-quickbooks-access-token";

  static final class OffsetClock extends Clock {
    volatile Duration offset = Duration.ZERO;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }

  static final OffsetClock CLOCK = new OffsetClock();
  private static SandboxServer server;

  private QboSandbox() {}

  static synchronized SandboxServer get() {
    if (server == null) {
      // generous per-second limit: the SDK tests fire calls back to back; throttling is tested with a lowered limit
      server = SandboxServer.start(0, Map.of("sandbox.quickbooks.requests-per-second", 1000), CLOCK);
      SandboxServer s = server;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    }
    return server;
  }

  static SandboxServer fresh() {
    SandboxServer s = get();
    CLOCK.offset = Duration.ZERO;
    s.context().getBean(QuickBooksVendor.class).reset();
    return s;
  }
}
