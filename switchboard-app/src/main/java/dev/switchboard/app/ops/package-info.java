/**
 * Operations: per-connection health for {@code /actuator/health}, seed metrics, and the demo bootstrap.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"connections", "sync", "connectors", "events", "mapping"})
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.ops;
