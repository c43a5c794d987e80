package dev.switchboard.app.connectors;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** All connectors on the classpath, by system id. */
@Component
public class ConnectorRegistry {
  private final Map<String, Connector> bySystem;

  public ConnectorRegistry(List<Connector> connectors) {
    this.bySystem = connectors.stream().collect(Collectors.toMap(Connector::system, Function.identity()));
  }

  public Optional<Connector> find(String system) {
    return Optional.ofNullable(bySystem.get(system));
  }

  public Connector get(String system) {
    return find(system).orElseThrow(() -> new IllegalArgumentException("unknown system " + system));
  }

  public Collection<Connector> all() {
    return bySystem.values();
  }
}
