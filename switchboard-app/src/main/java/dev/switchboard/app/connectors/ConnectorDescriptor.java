package dev.switchboard.app.connectors;

import java.util.List;

/**
 * What the platform needs to know about a connector without calling it.
 *
 * @param system           path segment and key, e.g. {@code hubspot}
 * @param category         webhook category, e.g. {@code crm} in {@code /webhooks/crm/hubspot}
 * @param displayName      shown in the console
 * @param objectTypes      canonical object types synced, e.g. {@code contact}
 * @param credentialFields fields a user fills in to connect (secrets are stored encrypted, never shown back)
 * @param docsUrl          vendor API documentation
 * @param vendorHosts      the vendor's documented API hosts, reached over https only ({@code api.hubapi.com};
 *                         {@code *.api.mailchimp.com}, {@code *} being one DNS label): where a connection's
 *                         {@code baseUrl} may point without the operator allowing more ({@link VendorHosts})
 */
public record ConnectorDescriptor(String system, String category, String displayName, List<String> objectTypes,
    List<CredentialField> credentialFields, String docsUrl, List<String> vendorHosts) {

  /** A descriptor of a connector whose connections may not override the base URL. */
  public ConnectorDescriptor(String system, String category, String displayName, List<String> objectTypes,
      List<CredentialField> credentialFields, String docsUrl) {
    this(system, category, displayName, objectTypes, credentialFields, docsUrl, List.of());
  }

  /**
   * @param key    key in {@link ConnectionContext#credential(String)} or {@link ConnectionContext#setting(String)}
   * @param secret true for tokens and signing secrets (encrypted at rest, masked in the console)
   */
  public record CredentialField(String key, String label, boolean secret) {}
}
