/**
 * The connector SPI and the vendor connectors behind it.
 *
 * <p>Every vendor lives in its own sub-package with the same roles: {@code <Vendor>Client} (HTTP, base URL
 * configurable), {@code <Vendor>Mapper} (pure vendor ⇄ canonical functions), {@code <Vendor>WebhookVerifier}
 * and {@code <Vendor>Connector} (the {@link dev.switchboard.app.connectors.Connector} SPI). The rest of the
 * app sees only the types in this package; vendor packages are internal.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"canonical", "mapping"})
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.connectors;
