/**
 * The admin console: server-rendered pages (Thymeleaf + htmx) for connections and their health, sync counts,
 * alerts and dead letters with one-click replay. Uses only other modules' public services.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"sync", "connections", "connectors", "events", "canonical", "access"})
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.console;
