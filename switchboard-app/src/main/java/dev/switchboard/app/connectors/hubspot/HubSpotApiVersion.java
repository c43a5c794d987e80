package dev.switchboard.app.connectors.hubspot;

import java.util.List;
import java.util.Optional;

/**
 * The version of HubSpot's APIs a connection speaks: the numeric paths ({@code v3} objects and properties, {@code v4}
 * associations; HubSpot ends their support in 2027) or a date version ({@code 2026-03}), which HubSpot tells new
 * integrations to use. Every path {@link HubSpotClient} calls is built here, from the API's root for the version, so
 * the version is one setting: the connection's {@code apiVersion}, else the installation's
 * {@code switchboard.connectors.hubspot.api-version} ({@link HubSpotProperties}), default {@link #DEFAULT}.
 *
 * <p>Only versions whose shapes were compared with the numeric ones operation by operation in HubSpot's public spec
 * collection are accepted (see docs/integrations/hubspot_mapping.md, "API version"): for every call this client makes
 * they differ only in that 2026-03's association {@code batch/archive} and {@code batch/labels/archive} answer 200
 * with a batch response where v4 answers 204 (both are a success here), and in the property-option
 * {@code displayOrder} 2026-03 requires (the client writes no options).
 *
 * @param name {@code v3} or the date ({@code 2026-03})
 */
record HubSpotApiVersion(String name) {
  /** The connection setting naming the version. */
  static final String SETTING = "apiVersion";
  static final HubSpotApiVersion LEGACY = new HubSpotApiVersion("v3");
  static final HubSpotApiVersion DATED = new HubSpotApiVersion("2026-03");
  /** The date version: the shapes match and the sandbox serves it. */
  static final HubSpotApiVersion DEFAULT = DATED;
  private static final List<HubSpotApiVersion> KNOWN = List.of(LEGACY, DATED);

  /** The version named {@code name} ({@code v3}, {@code 2026-03}), if it is one this client speaks. */
  static Optional<HubSpotApiVersion> parse(String name) {
    String n = name == null ? "" : name.trim();
    return KNOWN.stream().filter(v -> v.name.equalsIgnoreCase(n)).findFirst();
  }

  /** Why {@code name} is not a version this client speaks, or empty when it is one. */
  static Optional<String> refusal(String name) {
    return parse(name).isPresent() ? Optional.empty()
        : Optional.of("apiVersion must be one of " + KNOWN.stream().map(HubSpotApiVersion::name).toList()
            + " (v3: the numeric paths HubSpot retires in 2027)");
  }

  private boolean legacy() {
    return this.equals(LEGACY);
  }

  /** {@code /crm/v3/objects} or {@code /crm/objects/2026-03}: then {@code /{objectType}/…}. */
  String objects() {
    return legacy() ? "/crm/v3/objects" : "/crm/objects/" + name;
  }

  /** {@code /crm/v4/associations} or {@code /crm/associations/2026-03}: then {@code /{from}/{to}/batch/…}. */
  String associations() {
    return legacy() ? "/crm/v4/associations" : "/crm/associations/" + name;
  }

  /**
   * The association label catalogue's root, then {@code /{from}/{to}/labels}: {@code /crm/v4/associations} (the path
   * the client has always read labels from; HubSpot's newer v4 schema spec names {@code /crm/associations/v4}, same
   * shapes) or {@code /crm/associations/2026-03}.
   */
  String associationLabels() {
    return associations();
  }

  /** {@code /crm/v3/properties} or {@code /crm/properties/2026-03}: then {@code /{objectType}[/groups]}. */
  String properties() {
    return legacy() ? "/crm/v3/properties" : "/crm/properties/" + name;
  }

  /** {@code /crm/v3/pipelines} or {@code /crm/pipelines/2026-03}: then {@code /{objectType}[/{pipelineId}]}. */
  String pipelines() {
    return legacy() ? "/crm/v3/pipelines" : "/crm/pipelines/" + name;
  }

  /** {@code /crm/v3/owners} or {@code /crm/owners/2026-03}. */
  String owners() {
    return legacy() ? "/crm/v3/owners" : "/crm/owners/" + name;
  }

  /**
   * The communication preferences root, then {@code /definitions} or {@code /statuses/batch/read}:
   * {@code /communication-preferences/v4} (the numeric version that has the batch status read; its definitions are
   * v3's in a batch envelope) or {@code /communication-preferences/2026-03} (the same schemas as v4, compared in the
   * spec collection).
   */
  String communicationPreferences() {
    return legacy() ? "/communication-preferences/v4" : "/communication-preferences/" + name;
  }

  /** {@code /account-info/v3} or {@code /account-info/2026-03}: then {@code /details}. */
  String accountInfo() {
    return legacy() ? "/account-info/v3" : "/account-info/" + name;
  }
}
