package dev.switchboard.app.events;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds this module's services without Spring, for other modules' unit tests; keeps what they published. */
public final class EventsFixture {
  public final List<Object> published = new CopyOnWriteArrayList<>();
  public final DomainEvents events;
  public final Alerts alerts;

  public EventsFixture(JdbcClient db, Clock clock) {
    ApplicationEventPublisher publisher = published::add;
    this.events = new DomainEvents(db, clock, publisher);
    this.alerts = new Alerts(db, clock, publisher);
  }
}
