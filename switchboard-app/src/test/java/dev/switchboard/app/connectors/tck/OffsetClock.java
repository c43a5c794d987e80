package dev.switchboard.app.connectors.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's clock in the TCK: real time plus an offset the tests push forward. Moving it (instead of sleeping)
 * spreads seeded objects over several of the vendor's timestamps — Mailchimp's are whole seconds — at no cost in
 * run time, while staying close enough to real time for HubSpot's five-minute webhook signature window.
 */
final class OffsetClock extends Clock {
  private final AtomicLong offsetMillis = new AtomicLong();

  void advance(Duration d) {
    offsetMillis.addAndGet(d.toMillis());
  }

  @Override
  public Instant instant() {
    return Instant.now().plusMillis(offsetMillis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the sandbox runs on UTC");
  }
}
