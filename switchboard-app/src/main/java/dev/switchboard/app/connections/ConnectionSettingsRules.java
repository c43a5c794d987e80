package dev.switchboard.app.connections;

import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.DeletePropagationSetting;
import dev.switchboard.app.connectors.ConsentSetting;
import dev.switchboard.app.connectors.RepeatMergesSetting;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rules a connection's settings and credentials are checked and combined by, on every path that stores them
 * (connect, checked connect, edit): each refusal is a {@link ConnectionRefused} naming the setting at fault.
 */
final class ConnectionSettingsRules {
  private ConnectionSettingsRules() {}

  /** Whether what the connection syncs with is left for the owner to choose by name (the setting is not given). */
  static boolean choosesLater(Connector connector, Map<String, String> settings) {
    return connector.syncTargetSetting().map(k -> settings.get(k) == null || settings.get(k).isBlank()).orElse(false);
  }

  /** The settings every path that stores them checks: delete propagation, repeat merges, the connector's, first sync. */
  static void requireValidSettings(Connector connector, Map<String, String> settings) {
    requireValidDeletePropagation(connector, settings);
    requireValidRepeatMerges(connector, settings);
    requireValidConnectorSettings(connector, settings);
    requireValidFirstSync(settings);
    CredentialExpiry.refusal(settings).ifPresent(reason -> {
      throw new ConnectionRefused(400, "invalid_setting", "settings." + CredentialExpiry.SETTING, reason);
    });
  }

  static boolean consentChanged(Map<String, String> before, Map<String, String> after) {
    return ConsentSetting.sendsTransactional(before) != ConsentSetting.sendsTransactional(after)
        || ConsentSetting.doubleOptIn(before) != ConsentSetting.doubleOptIn(after);
  }

  /** {@code changes} applied to {@code stored}: the credentials an edit leaves. */
  static Map<String, String> edited(Map<String, String> stored, @Nullable Map<String, String> changes) {
    Map<String, String> credentials = merge(stored, changes);
    if (changes != null && changes.get("accessToken") != null && !changes.get("accessToken").isEmpty()
        && !changes.containsKey("refreshToken")) {
      // a token typed in (a private app's) replaces an OAuth grant, whose refresh would otherwise overwrite it
      credentials.remove("refreshToken");
      credentials.remove("accessTokenExpiresAt");
    }
    return credentials;
  }

  static Map<String, String> merge(Map<String, String> current, @Nullable Map<String, String> changes) {
    Map<String, String> out = new LinkedHashMap<>(current);
    if (changes != null) {
      changes.forEach((k, v) -> {
        if (v == null || v.isEmpty()) {
          out.remove(k);
        } else {
          out.put(k, v);
        }
      });
    }
    return out;
  }

  /** Credentials go wherever {@code baseUrl} points: only where {@link Connector#baseUrlRefusal} allows. */
  static void requireAllowedBaseUrl(Connector connector, String field, Map<String, String> values) {
    String url = values.get("baseUrl");
    if (url == null || url.isBlank()) {
      return;
    }
    connector.baseUrlRefusal(url).ifPresent(reason -> {
      throw new ConnectionRefused(400, "base_url_not_allowed", field + ".baseUrl", reason);
    });
  }

  /** A {@code deletePropagation.<type>} setting must be one the connector can honour (see the setting's rules). */
  static void requireValidDeletePropagation(Connector connector, Map<String, String> settings) {
    DeletePropagationSetting.refusal(connector, settings).ifPresent(reason -> {
      throw new ConnectionRefused(400, "invalid_setting", "settings", reason);
    });
  }

  /** A {@code repeatMerges} setting must be true or false, and true only where the connector can merge. */
  static void requireValidRepeatMerges(Connector connector, Map<String, String> settings) {
    RepeatMergesSetting.refusal(connector, settings).ifPresent(reason -> {
      throw new ConnectionRefused(400, "invalid_setting", "settings." + RepeatMergesSetting.KEY, reason);
    });
  }

  /** {@code firstSync}: plan (held until Start, the default) or immediate. */
  static void requireValidFirstSync(Map<String, String> settings) {
    FirstSyncHolds.refusal(settings).ifPresent(reason -> {
      throw new ConnectionRefused(400, "invalid_setting", "settings." + FirstSyncHolds.SETTING, reason);
    });
  }

  /** A setting of the connector's own (HubSpot's {@code apiVersion}) must be one it can honour. */
  static void requireValidConnectorSettings(Connector connector, Map<String, String> settings) {
    connector.settingRefusal(settings).ifPresent(refused -> {
      throw new ConnectionRefused(400, "invalid_setting", "settings." + refused.getKey(), refused.getValue());
    });
  }

  /**
   * The settings only the mappings API sets ({@code mapping.<type>}, {@code filter.<type>}): an override and a record
   * filter are validated, versioned and audited there, and a connect or an edit must not slip one past that.
   */
  static void requireNoMappingKeys(@Nullable Map<String, String> settings) {
    if (settings == null) {
      return;
    }
    for (String key : settings.keySet()) {
      if (key.startsWith("mapping.") || key.startsWith("filter.")) {
        throw new ConnectionRefused(400, "invalid_setting", "settings." + key, key + " is set through "
            + "PUT /api/connections/{id}/mappings, where it is checked, versioned and audited");
      }
    }
  }
}
