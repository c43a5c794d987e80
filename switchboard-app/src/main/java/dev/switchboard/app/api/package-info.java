/**
 * The public REST API, authenticated with per-tenant bearer tokens: the seed-2 CRM upsert contract
 * ({@code POST /integrations/crm/{system}/upsert}), connections, dead letters and the event log. Errors are RFC 9457
 * problems ({@code application/problem+json}) with a 4xx status and the members {@code error_code}, {@code field}
 * and {@code message} (see {@link dev.switchboard.app.api.Problems}); nothing is changed by a rejected request.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"sync", "connections", "connectors", "canonical", "events", "crypto", "mapping", "access", "identity"})
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.api;
