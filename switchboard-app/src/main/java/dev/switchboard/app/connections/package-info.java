/**
 * Tenants, their API tokens, and their connections to vendor accounts. Credentials are stored encrypted
 * (Tink AEAD, bound to the connection id) and only decrypted into a
 * {@link dev.switchboard.app.connectors.ConnectionContext} for the duration of a call. Every query is
 * scoped to a tenant, except {@link dev.switchboard.app.connections.Connections#findByAccount}, which routes an
 * unauthenticated webhook to the connection whose secret must then verify it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"connectors", "crypto", "canonical", "events"})
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.connections;
