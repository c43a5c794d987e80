package dev.switchboard.app.api;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.mapping.FieldSpec;
import dev.switchboard.app.mapping.MappingCatalog;
import dev.switchboard.app.mapping.MappingFile;
import dev.switchboard.app.mapping.MappingOverride;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * What kind of vendor field a mapping entry creates when the vendor lacks it ({@link FieldSpec}), first match wins:
 * the entry's own {@code create}; the canonical field's declared type ({@link FieldSpec#forCanonical}: an enum's codes
 * become options, numbers a number, …); for a {@code custom.*} field — a text in the spine, whose kind only a vendor
 * knows — the definition of the vendor field that feeds it at another of the tenant's connections (a HubSpot
 * enumeration property mapped as {@code custom.tier} makes a Mailchimp merge field mapped to {@code custom.tier} a
 * dropdown of the same values), read through {@link Connector#describeField}; else text.
 */
final class MappingFieldSpecs {

  private final Connections connections;
  private final ConnectorRegistry connectors;

  MappingFieldSpecs(Connections connections, ConnectorRegistry connectors) {
    this.connections = connections;
    this.connectors = connectors;
  }

  /**
   * The spec of entry {@code index} of a save at connection {@code c} of {@code defaults}' type.
   *
   * @throws ApiError 503 {@code vendor_unavailable} ({@code fields[i].vendor}) when the connection whose field feeds a
   *     custom field cannot be asked for its definition now: a text field made instead could not be changed later
   */
  FieldSpec spec(Connection c, MappingFile defaults, MappingOverride.Entry entry, int index) {
    if (entry.create() != null) {
      return entry.create();
    }
    String canonical = Objects.requireNonNull(entry.canonical()).trim();
    Optional<FieldSpec> declared = FieldSpec.forCanonical(defaults.canonicalType(), canonical);
    if (declared.isPresent()) {
      return FieldSpec.throughTransform(defaults, entry, declared.get());
    }
    if (!canonical.startsWith(ContactField.CUSTOM_PREFIX)) {
      return FieldSpec.text();
    }
    for (Connection other : connections.forTenant(c.tenantId())) {
      if (other.id().equals(c.id())) {
        continue;
      }
      Optional<FieldSpec> fed = fedBy(other, defaults.canonicalType(), canonical, index);
      if (fed.isPresent()) {
        return fed.get();
      }
    }
    return FieldSpec.text();
  }

  /** The definition of the field of {@code other} that its mapping feeds {@code canonical} from, if any. */
  private Optional<FieldSpec> fedBy(Connection other, String canonicalType, String canonical, int index) {
    Optional<Connector> connector = connectors.find(other.system());
    if (connector.isEmpty()) {
      return Optional.empty();
    }
    for (MappingFile f : MappingCatalog.defaults().all()) {
      if (!f.system().equals(other.system()) || !f.canonicalType().equals(canonicalType)
          || !MappingOverride.supports(f.system(), f.vendorType())) {
        continue;
      }
      // what the bindings apply there: the saved override's setting, else the connect-time shorthand
      List<MappingOverride.Entry> entries = MappingOverride.applied(f, other.settings());
      for (MappingOverride.Entry e : entries) {
        if (e.canonical() == null || e.vendor() == null || !e.canonical().trim().equals(canonical)) {
          continue;
        }
        try {
          Optional<FieldSpec> spec = connector.get().describeField(connections.context(other), f.vendorType(),
              e.vendor().trim());
          if (spec.isPresent()) {
            return spec;
          }
        } catch (VendorException x) {
          if (x.retryable()) {
            throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "vendor_unavailable", "fields[" + index + "].vendor",
                other.system() + " could not be asked what its field " + e.vendor().trim() + " (which feeds "
                    + canonical + ") is; nothing was saved, try again");
          }
          // refused (a field gone, credentials revoked): that connection tells nothing; another may
        }
      }
    }
    return Optional.empty();
  }
}
