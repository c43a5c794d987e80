package dev.switchboard.app.connectors;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's connection to one vendor account, with its credentials decrypted for the duration of a call.
 * {@link #toString()} never prints credentials.
 *
 * @param connectionId stable id of the connection (rate limiter, breaker and metrics are keyed on it)
 * @param tenantId     owning tenant
 * @param system       connector system id
 * @param accountId    vendor account (HubSpot portal id, Mailchimp list id); null before the first check
 * @param settings     non-secret settings (e.g. {@code listId}, {@code baseUrl} override)
 * @param credentials  secrets (e.g. {@code accessToken}, {@code apiKey}, {@code clientSecret}, {@code webhookSecret})
 */
public record ConnectionContext(String connectionId, String tenantId, String system, @Nullable String accountId,
    Map<String, String> settings, Map<String, String> credentials) {

  public @Nullable String setting(String key) {
    return settings.get(key);
  }

  public @Nullable String credential(String key) {
    return credentials.get(key);
  }

  public String requiredCredential(String key) {
    String v = credentials.get(key);
    if (v == null || v.isBlank()) {
      throw new VendorException(0, false, null, "missing_credential", "connection has no " + key);
    }
    return v;
  }

  @Override
  public String toString() {
    return "ConnectionContext[" + connectionId + ", tenant=" + tenantId + ", system=" + system + ", account="
        + accountId + ", settings=" + settings.keySet() + ", credentials=<redacted>]";
  }
}
