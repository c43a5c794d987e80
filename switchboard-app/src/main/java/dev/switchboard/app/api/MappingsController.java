package dev.switchboard.app.api;

import dev.switchboard.app.access.Member;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.connections.Connections;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.Connector;
import dev.switchboard.app.connectors.ConnectorRegistry;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.events.DomainEvents;
import dev.switchboard.app.mapping.EffectiveMapping;
import dev.switchboard.app.mapping.FieldAuthority;
import dev.switchboard.app.mapping.FieldRule;
import dev.switchboard.app.mapping.FieldSpec;
import dev.switchboard.app.mapping.MappingCatalog;
import dev.switchboard.app.mapping.MappingFile;
import dev.switchboard.app.mapping.MappingOverride;
import dev.switchboard.app.mapping.MappingOverrides;
import dev.switchboard.app.mapping.RecordFilter;
import dev.switchboard.app.mapping.RecordFilters;
import dev.switchboard.app.sync.MappingPreview;
import dev.switchboard.app.sync.MappingResync;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/connections/{id}/mappings}: a connection's mappings, per vendor type — the default (the mapping file)
 * and the tenant's override layered over it, versioned. {@code GET} shows them with every saved version (who, when);
 * {@code PUT {vendor_type, fields: [{canonical, vendor, direction, transform?, create?: {type, options?}}], filter?:
 * {field, operator, values}}} replaces the override (an entry is a rule of a mapping file, {@link MappingOverride}; an
 * empty list and no filter go back to the default; the filter decides which records the connection
 * receives, {@link RecordFilter}); every vendor field an entry names that the vendor lacks is created there first (a
 * HubSpot contact property in the {@code switchboard} group, a Mailchimp merge field) of the type {@code create}
 * says or {@link MappingFieldSpecs} derives, and the answer's {@code created_fields} lists them ({@code existing_fields}
 * those that were there of another type, left as they are). Signed-in members only (HTTP Basic or the console's session, like
 * {@code /api/tokens}): any member reads, owners and admins change ({@code MAPPINGS}). A save is validated (4xx {@code error_code} + {@code field}),
 * stored with the connection setting that carries it to the bindings and audited in one transaction, and re-sends
 * through the outbox the records with a value in a field whose mapping changed or that the new filter lets in; the
 * answer says how many records the save affects and how many writes it enqueued ({@link MappingResync}).
 */
@RestController
class MappingsController {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Connections connections;
  private final MappingOverrides overrides;
  private final MappingResync resync;
  private final MappingPreview preview;
  private final DomainEvents events;
  private final TransactionTemplate tx;
  private final ConnectorRegistry connectors;
  private final FieldAuthority authority;

  MappingsController(Connections connections, MappingOverrides overrides, MappingResync resync, MappingPreview preview,
      DomainEvents events, TransactionTemplate tx, ConnectorRegistry connectors, FieldAuthority authority) {
    this.connections = connections;
    this.authority = authority;
    this.connectors = connectors;
    this.preview = preview;
    this.overrides = overrides;
    this.resync = resync;
    this.events = events;
    this.tx = tx;
  }

  record SaveRequest(@Nullable String vendor_type, @Nullable List<MappingOverride.Entry> fields,
      RecordFilters.@Nullable Spec filter) {}

  record PreviewRequest(@Nullable String vendor_type, @Nullable String record_id,
      @Nullable List<MappingOverride.Entry> fields, RecordFilters.@Nullable Spec filter) {}

  @GetMapping("/api/connections/{id}/mappings")
  Map<String, Object> get(@PathVariable String id, @AuthenticationPrincipal Member member) {
    Connection c = connection(member, id);
    List<Map<String, Object>> types = new ArrayList<>();
    for (MappingFile f : MappingCatalog.defaults().all()) {
      if (!f.system().equals(c.system())) {
        continue;
      }
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("vendor_type", f.vendorType());
      t.put("canonical_type", f.canonicalType());
      t.put("defaults", f.rules().stream().map(MappingsController::rule).toList());
      t.put("filter", f.filter() == null ? null : RecordFilters.shown(f.filter()));
      t.put("effective_filter", RecordFilters.shown(RecordFilters.effective(f, c.settings())));
      t.put("overridable", MappingOverride.supports(f.system(), f.vendorType()));
      List<MappingOverrides.Version> history = overrides.history(member.tenantId(), c.id(), f.vendorType());
      t.put("override", history.isEmpty() ? fromSettings(c, f) : version(history.get(0), true));
      t.put("history", history.stream().map(v -> version(v, false)).toList());
      types.add(t);
    }
    return Map.of("connection_id", c.id(), "system", c.system(), "types", types);
  }

  @PutMapping("/api/connections/{id}/mappings")
  Map<String, Object> put(@PathVariable String id, @RequestBody(required = false) @Nullable SaveRequest body,
      @AuthenticationPrincipal Member member) {
    Connection c = connection(member, id);
    if (body == null || body.vendor_type() == null || body.vendor_type().isBlank()) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "vendor_type", "vendor_type is required");
    }
    MappingFile defaults = defaults(c, body.vendor_type());
    if (body.fields() == null) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "fields", "fields is required ([] for the default)");
    }
    List<MappingOverride.Entry> after = body.fields();
    RecordFilter filter;
    try {
      MappingOverride.validate(defaults, after, authority.rules(member.tenantId(), defaults.canonicalType()));
      filter = body.filter() == null ? null : RecordFilters.parse(defaults.canonicalType(), body.filter());
    } catch (MappingOverride.Refused r) {
      throw new ApiError(HttpStatus.BAD_REQUEST, r.code(), r.field(), r.getMessage());
    }
    // the vendor's fields first, outside the transaction: a refusal leaves nothing saved, and a field created here for
    // a save that then fails is there for the next save, which finds it and creates nothing
    List<Map<String, Object>> existing = new ArrayList<>();
    List<String> created = createFields(c, defaults, after, existing);
    Map<String, Object> answer;
    try {
      answer = save(member, c, defaults, after, filter);
    } catch (RuntimeException e) {
      if (created.isEmpty()) {
        throw e;
      }
      throw new ApiError(e instanceof org.springframework.dao.DataIntegrityViolationException ? HttpStatus.CONFLICT
          : HttpStatus.INTERNAL_SERVER_ERROR, "not_saved_after_create", "fields", "the vendor fields " + created
          + " were created, but the mapping was not saved (" + e.getClass().getSimpleName() + "); save it again: "
          + "the fields are there and will not be created twice");
    }
    answer.put("created_fields", created);
    answer.put("existing_fields", existing);
    return answer;
  }

  /**
   * Creates at the vendor each field the entries name that it does not have ({@link Connector#ensureField}), in order,
   * of the kind {@link MappingFieldSpecs} derives (all derived before anything is created). A field that is there is
   * left as it is; one of another kind than wanted is listed in {@code existing} with a {@code type_mismatch} note.
   *
   * @param existing receives {@code {vendor, type, wanted_type, note}} for each field that was there of another type
   * @return the vendor fields created
   * @throws ApiError 422 {@code vendor_refused} with the entry's {@code fields[i].vendor} when the vendor refuses one
   *     (the message names those created before it), {@code credentials_rejected} (422) or {@code vendor_unavailable}
   *     (503) when it cannot be asked
   */
  private List<String> createFields(Connection c, MappingFile defaults, List<MappingOverride.Entry> entries,
      List<Map<String, Object>> existing) {
    List<String> created = new ArrayList<>();
    if (entries.isEmpty()) {
      return created;
    }
    String vendorType = defaults.vendorType();
    Connector connector = connectors.get(c.system());
    MappingFieldSpecs specs = new MappingFieldSpecs(connections, connectors);
    List<FieldSpec> wanted = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      wanted.add(specs.spec(c, defaults, entries.get(i), i));
    }
    ConnectionContext context = connections.context(c);
    for (int i = 0; i < entries.size(); i++) {
      MappingOverride.Entry e = entries.get(i);
      String vendor = java.util.Objects.requireNonNull(e.vendor()).trim();
      String canonical = java.util.Objects.requireNonNull(e.canonical()).trim();
      String label = canonical.startsWith(ContactField.CUSTOM_PREFIX)
          ? canonical.substring(ContactField.CUSTOM_PREFIX.length()) : canonical;
      String before = created.isEmpty() ? "" : " (created before it: " + created + ")";
      try {
        Connector.EnsuredField done = connector.ensureField(context, vendorType, vendor, label, wanted.get(i));
        if (done.created()) {
          created.add(vendor);
        } else if (done.existing() != null && !done.existing().kind().equals(wanted.get(i).kind())) {
          Map<String, Object> mismatch = new LinkedHashMap<>();
          mismatch.put("vendor", vendor);
          mismatch.put("type", done.existing().kind());
          mismatch.put("wanted_type", wanted.get(i).kind());
          mismatch.put("note", "type_mismatch: the field is there as " + done.existing().kind() + " and is left so, "
              + "not recreated as " + wanted.get(i).kind());
          existing.add(mismatch);
        }
      } catch (VendorException x) {
        String reason = Pii.redact(x.getMessage(), 300);
        if (x.status() == 401 || x.status() == 403) {
          throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, "credentials_rejected", "credentials",
              "the vendor refused the connection's credentials; nothing was saved" + before + " (" + reason + ")");
        }
        if (x.retryable()) {
          throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "vendor_unavailable", "fields[" + i + "].vendor",
              "the vendor could not be asked to create " + vendor + "; nothing was saved" + before + ", try again");
        }
        throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, "vendor_refused", "fields[" + i + "].vendor",
            "the vendor refused to create " + vendor + "; nothing was saved" + before + " (" + reason + ")");
      } catch (IllegalArgumentException x) {
        throw new ApiError(HttpStatus.BAD_REQUEST, "unsupported_override", "fields[" + i + "].vendor", x.getMessage());
      }
    }
    return created;
  }

  /** @param filter the override's record filter; null: none, the file's applies */
  private Map<String, Object> save(Member member, Connection c, MappingFile defaults,
      List<MappingOverride.Entry> after, @Nullable RecordFilter filter) {
    String vendorType = defaults.vendorType();
    return tx.execute(s -> {
      // the connection as it is now, not as read before the vendor was asked: a settings change made meanwhile (the
      // audience, the consent settings) must not be overwritten by this save
      Connection fresh = connections.find(member.tenantId(), c.id()).orElseThrow(() -> new ApiError(
          HttpStatus.NOT_FOUND, "not_found", "id", "no connection " + c.id()));
      MappingOverrides.Version current = overrides.current(member.tenantId(), c.id(), vendorType).orElse(null);
      // before the first saved version, what applies is the setting typed at connect time (if any)
      List<MappingOverride.Entry> before = current != null ? entries(current.fieldsJson())
          : MappingOverride.applied(defaults, fresh.settings());
      MappingOverrides.Version saved = overrides.save(member.tenantId(), c.id(), vendorType,
          current == null ? 0 : current.version(), JSON.writeValueAsString(after),
          filter == null ? null : RecordFilters.toSetting(filter), member.getUsername());
      Map<String, String> settings = new LinkedHashMap<>(fresh.settings());
      carry(settings, defaults, after);
      RecordFilter filterBefore = RecordFilters.effective(defaults, fresh.settings());
      if (filter == null) {
        settings.remove(RecordFilters.settingKey(vendorType));
      } else {
        settings.put(RecordFilters.settingKey(vendorType), RecordFilters.toSetting(filter));
      }
      RecordFilter filterAfter = RecordFilters.effective(defaults, settings);
      connections.updateSettings(member.tenantId(), c.id(), settings);
      Set<String> changed = MappingOverride.changedFields(defaults, before, after);
      MappingResync.Result sent = resync.resend(member.tenantId(), c.id(), defaults.canonicalType(), changed,
          filterBefore, filterAfter);
      Map<String, Object> audit = new LinkedHashMap<>();
      audit.put("action", "mapping.save");
      audit.put("connection_id", c.id());
      audit.put("vendor_type", vendorType);
      audit.put("version", saved.version());
      audit.put("before", before);
      audit.put("after", after);
      // which field and test, not the values: a filter may name personal data (an e-mail)
      audit.put("filter", filterAfter.field() == null ? "all" : filterAfter.operator().apiName() + " "
          + filterAfter.field());
      audit.put("actor", member.getUsername());
      events.emit(member.tenantId(), DomainEvents.AUDIT_LOGGED, audit, null);
      Map<String, Object> out = new LinkedHashMap<>(version(saved, true));
      out.put("vendor_type", vendorType);
      out.put("changed_fields", List.copyOf(changed));
      out.put("filter_changed", !filterBefore.equals(filterAfter));
      out.put("effective_filter", RecordFilters.shown(filterAfter));
      out.put("resync", Map.of("affected", sent.affected(), "enqueued", sent.enqueued()));
      return out;
    });
  }

  /**
   * {@code POST …/mappings/preview {vendor_type, record_id, fields?, filter?}}: what the connection would receive for a
   * stored record under the saved mapping, or under proposed fields and / or a proposed record filter (validated as a
   * save is; what is not proposed is as saved): the canonical values it maps, the vendor's fields with their values,
   * the filter that applies, whether the record passes it ({@code passes}) and why not ({@code filtered_out_because}).
   * Writes nothing.
   */
  @PostMapping("/api/connections/{id}/mappings/preview")
  Map<String, Object> preview(@PathVariable String id, @RequestBody(required = false) @Nullable PreviewRequest body,
      @AuthenticationPrincipal Member member) {
    Connection c = connection(member, id);
    if (body == null || body.vendor_type() == null || body.vendor_type().isBlank()) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "vendor_type", "vendor_type is required");
    }
    if (body.record_id() == null || body.record_id().isBlank()) {
      throw new ApiError(HttpStatus.BAD_REQUEST, "missing_field", "record_id", "record_id is required");
    }
    MappingFile defaults = defaults(c, body.vendor_type());
    List<MappingOverride.Entry> entries;
    boolean proposed = body.fields() != null || body.filter() != null;
    RecordFilter filter;
    try {
      // what is proposed replaces what is saved: the fields, the filter, or both
      filter = body.filter() == null ? null : RecordFilters.parse(defaults.canonicalType(), body.filter());
      if (body.fields() != null) {
        MappingOverride.validate(defaults, body.fields(), authority.rules(member.tenantId(), defaults.canonicalType()));
      }
    } catch (MappingOverride.Refused r) {
      throw new ApiError(HttpStatus.BAD_REQUEST, r.code(), r.field(), r.getMessage());
    }
    entries = body.fields() != null ? body.fields() : MappingOverride.applied(defaults, c.settings());
    String type = preview.typeOf(member.tenantId(), body.record_id()).orElse(null);
    if (type == null || !type.equals(defaults.canonicalType())) {
      throw new ApiError(HttpStatus.NOT_FOUND, "not_found", "record_id", "no " + defaults.canonicalType() + " "
          + body.record_id());
    }
    Map<String, String> settings = new LinkedHashMap<>(c.settings());
    carry(settings, defaults, entries);
    if (filter != null) {
      settings.put(RecordFilters.settingKey(defaults.vendorType()), RecordFilters.toSetting(filter));
    }
    Map<String, Object> canonical = preview.desired(c, settings, body.record_id()).orElseThrow();
    java.util.Optional<String> filteredOut = preview.filteredOut(c, settings, body.record_id());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("record_id", body.record_id());
    out.put("vendor_type", defaults.vendorType());
    out.put("mapping", proposed ? "proposed" : "saved");
    out.put("filter", RecordFilters.shown(RecordFilters.effective(defaults, settings)));
    out.put("passes", filteredOut.isEmpty());
    out.put("filtered_out_because", filteredOut.orElse(null));
    out.put("canonical", canonical);
    out.put("vendor", MappingOverride.vendorValues(EffectiveMapping.of(defaults, settings), canonical));
    return out;
  }

  /**
   * Puts the entries into the connection settings that carry them to the bindings: {@code mapping.<vendorType>}, in
   * place of the older setting typed at connect time (a save replaces it); none for the default.
   */
  private static void carry(Map<String, String> settings, MappingFile defaults, List<MappingOverride.Entry> entries) {
    if (!MappingOverride.supports(defaults.system(), defaults.vendorType())) {
      return;
    }
    String shorthand = MappingOverride.shorthandKey(defaults.system(), defaults.vendorType());
    if (shorthand != null) {
      // what the connect-time setting unmapped (mergeFields "phone=") stays unmapped: an entry cannot say so, and a
      // save must not start sending a field the tenant chose to keep out of the audience
      java.util.Set<String> dropped = MappingOverride.shorthandDropped(defaults.system(), settings.get(shorthand));
      if (dropped.isEmpty()) {
        settings.remove(shorthand);
      } else {
        settings.put(shorthand, String.join(",", dropped.stream().map(f -> f + "=").toList()));
      }
    }
    String value = MappingOverride.toSetting(entries);
    if (value == null) {
      settings.remove(MappingOverride.settingKey(defaults.vendorType()));
    } else {
      settings.put(MappingOverride.settingKey(defaults.vendorType()), value);
    }
  }

  private static MappingFile defaults(Connection c, String vendorType) {
    return MappingCatalog.defaults().find(c.system(), vendorType.trim()).orElseThrow(() ->
        new ApiError(HttpStatus.BAD_REQUEST, "unknown_vendor_type", "vendor_type", c.system()
            + " maps no vendor type " + vendorType.trim()));
  }

  private Connection connection(Member member, String id) {
    return connections.find(member.tenantId(), id).orElseThrow(() ->
        new ApiError(HttpStatus.NOT_FOUND, "not_found", "id", "no connection " + id));
  }

  private static Map<String, Object> rule(FieldRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("canonical", r.canonical());
    m.put("vendor", r.vendor());
    m.put("direction", r.direction().name().toLowerCase(java.util.Locale.ROOT));
    m.put("transform", r.transform().name());
    if (r.lookup() != null) {
      m.put("lookup", Map.of("edge", r.lookup().edge(), "type", r.lookup().type(), "field", r.lookup().field()));
    }
    return m;
  }

  /**
   * A type's override before any was saved: the pairs its connection setting was given at connect time, shown as
   * version 0 (a save replaces them, as it replaces any version), or null when there are none.
   */
  private static @Nullable Map<String, Object> fromSettings(Connection c, MappingFile f) {
    String key = MappingOverride.shorthandKey(c.system(), f.vendorType());
    if (key == null) {
      return null;
    }
    List<MappingOverride.Entry> entries = MappingOverride.fromShorthand(c.system(), c.settings().get(key));
    if (entries.isEmpty()) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", 0);
    m.put("fields", entries);
    m.put("changed_by", null);
    m.put("changed_at", null);
    m.put("source", "connection settings");
    return m;
  }

  private static Map<String, Object> version(MappingOverrides.Version v, boolean withFields) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", v.version());
    if (withFields) {
      m.put("fields", entries(v.fieldsJson()));
      m.put("filter", v.filterJson() == null ? null
          : RecordFilters.fromSetting(v.filterJson()).map(RecordFilters::shown).orElse(null));
    }
    m.put("changed_by", v.changedBy());
    m.put("changed_at", v.changedAt().toString());
    return m;
  }

  private static List<MappingOverride.Entry> entries(String json) {
    return MappingOverride.fromJson(json);
  }
}
