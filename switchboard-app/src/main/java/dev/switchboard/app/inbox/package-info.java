/**
 * Webhook intake: {@code POST /webhooks/{category}/{system}}. Verifies the vendor's signature scheme, commits
 * each event to the inbox (unique per tenant, system and vendor event key) together with its sync job, and only
 * then answers 200. Bad signature → 401 and nothing stored; duplicate → 200 no-op; database down → 503 so the
 * vendor retries.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"connectors", "connections", "sync", "crypto", "canonical"})
@org.jspecify.annotations.NullMarked
package dev.switchboard.app.inbox;
