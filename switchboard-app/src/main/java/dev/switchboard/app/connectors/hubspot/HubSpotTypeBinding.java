package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.connectors.AddressLines;
import dev.switchboard.app.connectors.BindingCapabilities;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.DeleteResult;
import dev.switchboard.app.connectors.EdgeWrite;
import dev.switchboard.app.connectors.EdgeWriteResult;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.TypeBinding;
import dev.switchboard.app.connectors.VendorType;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The binding of one HubSpot CRM object type (contacts, companies): what differs between types is its
 * {@link HubSpotObjectType} (path, properties, mapping, natural key, associated types, declared capabilities); the
 * plumbing is shared — the client, paging ({@link HubSpotPages}), batch writes with the create key
 * ({@link HubSpotWrites}, {@link HubSpotKeyProperty}) and associations ({@link HubSpotAssociations}).
 */
final class HubSpotTypeBinding implements TypeBinding {

  private final HubSpotObjectType type;
  private final HubSpotClient client;
  private final HubSpotKeyProperty keyProperty;
  private final HubSpotAssociations associations;
  private final HubSpotOwners owners;
  private final java.time.Clock clock;
  private final VendorType vendorType;
  private final BindingCapabilities capabilities;
  private final HubSpotCustomValues customValues;

  HubSpotTypeBinding(HubSpotObjectType type, HubSpotClient client, HubSpotKeyProperty keyProperty,
      HubSpotAssociations associations, HubSpotOwners owners, java.time.Clock clock) {
    this.type = type;
    this.client = client;
    this.keyProperty = keyProperty;
    this.associations = associations;
    this.owners = owners;
    this.clock = clock;
    this.vendorType = VendorType.of(type.vendorType(), type.canonicalType());
    this.capabilities = type.capabilities();
    this.customValues = new HubSpotCustomValues(client, clock);
  }

  HubSpotObjectType type() {
    return type;
  }

  @Override
  public VendorType vendorType() {
    return vendorType;
  }

  @Override
  public BindingCapabilities capabilities() {
    return capabilities;
  }

  /** One GET, with the associations the type keeps ({@code associations=companies} for a contact) in the same call. */
  @Override
  public Optional<SourceRecord> fetch(ConnectionContext connection, String externalId) {
    HubSpotObjectType type = this.type.at(connection);
    Map<String, String> custom = type.custom(connection);
    Optional<JsonNode> object = client.getObject(connection, type.path(), externalId, type.readPropertiesWithKey(custom),
        type.historyProperties(custom), type.associatedTypes());
    if (object.isEmpty() || object.get().path("archived").asBoolean(false)) {
      return Optional.empty();
    }
    SourceRecord r = owners.resolve(connection, type.source(object.get(), custom));
    r = type.associatedTypes().isEmpty() ? r : r.withAssociations(HubSpotAssociations.fromV3(type, object.get()));
    return Optional.of(type.complete(connection, List.of(r)).getFirst());
  }

  /** Batch reads of up to 100; associations are read only when asked for ({@link #fetchAssociations}). */
  @Override
  public Map<String, SourceRecord> fetchMany(ConnectionContext connection, List<String> externalIds) {
    HubSpotObjectType type = this.type.at(connection);
    Map<String, String> custom = type.custom(connection);
    List<SourceRecord> read = new java.util.ArrayList<>();
    for (int from = 0; from < externalIds.size(); from += HubSpotConnector.MAX_BATCH) {
      List<String> chunk = externalIds.subList(from, Math.min(externalIds.size(), from + HubSpotConnector.MAX_BATCH));
      JsonNode page = client.batchRead(connection, type.path(), chunk, type.readPropertiesWithKey(custom),
          type.historyProperties(custom));
      for (JsonNode object : page.path("results")) {
        if (!object.path("archived").asBoolean(false)) {
          read.add(owners.resolve(connection, type.source(object, custom)));
        }
      }
    }
    Map<String, SourceRecord> out = new LinkedHashMap<>();
    type.complete(connection, read).forEach(r -> out.put(r.externalId(), r));
    return out;
  }

  /** One v4 association batch read per associated type (a contact's companies) per 1,000 ids. */
  @Override
  public Map<String, List<SourceRecord.Association>> fetchAssociations(ConnectionContext connection,
      List<String> externalIds) {
    return type.associatedTypes().isEmpty() ? Map.of() : associations.read(connection, type, externalIds);
  }

  /** See {@link HubSpotPages}: the list endpoint for a backfill, keyset search for reconciliation. */
  @Override
  public RecordPage listModified(ConnectionContext connection, @Nullable Instant since, @Nullable String cursor) {
    HubSpotObjectType type = this.type.at(connection);
    RecordPage page = new HubSpotPages(client, type, owners).page(connection, type.custom(connection), since, cursor);
    return page.records().isEmpty() ? page : new RecordPage(type.complete(connection, page.records()), page.nextCursor(),
        page.total());
  }

  /**
   * See {@link HubSpotWrites}; a write the type refuses ({@link HubSpotObjectType#refusal}) is not sent, and the type
   * writes what it keeps in other objects after the batch ({@link HubSpotObjectType#afterWrite}).
   */
  @Override
  public List<WriteResult> write(ConnectionContext connection, List<WriteRequest> batch) {
    HubSpotObjectType type = this.type.at(connection);
    WriteResult[] results = new WriteResult[batch.size()];
    List<WriteRequest> send = new java.util.ArrayList<>();
    List<Integer> at = new java.util.ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteResult.Rejected refused = type.refusal(batch.get(i));
      if (refused != null) {
        results[i] = refused;
      } else {
        send.add(batch.get(i));
        at.add(i);
      }
    }
    if (!send.isEmpty()) {
      Map<String, String> custom = type.custom(connection);
      send = customValues.inVendorForm(connection, type.path(), type.customWrites(), send);
      List<WriteResult> written = new HubSpotWrites(client, keyProperty, type, owners, clock).write(connection,
          custom, send);
      written = type.afterWrite(connection, send, written);
      for (int i = 0; i < at.size(); i++) {
        results[at.get(i)] = written.get(i);
      }
    }
    return List.of(results);
  }

  @Override
  public List<java.util.Set<String>> fieldGroups() {
    return type.fieldGroups();
  }

  @Override
  public int maxBatchSize() {
    return HubSpotConnector.MAX_BATCH;
  }

  /**
   * Batch archive (restorable from HubSpot's recycle bin; the restore revives the same link), up to 100 ids a call;
   * HubSpot answers 204 for all, so every id is {@link DeleteResult.Deleted}.
   */
  @Override
  public List<DeleteResult> delete(ConnectionContext connection, List<String> externalIds) {
    for (int from = 0; from < externalIds.size(); from += HubSpotConnector.MAX_BATCH) {
      client.batchArchive(connection, type.path(),
          externalIds.subList(from, Math.min(externalIds.size(), from + HubSpotConnector.MAX_BATCH)));
    }
    return externalIds.stream().<DeleteResult>map(DeleteResult.Deleted::new).toList();
  }

  /** {@code POST /crm/v3/objects/{type}/merge}: HubSpot merges contacts, companies and deals alike (not products, not engagements). */
  @Override
  public Optional<String> merge(ConnectionContext connection, String survivorId, String mergedId) {
    return type.mergeable() ? Optional.of(client.merge(connection, type.path(), survivorId, mergedId))
        : Optional.empty();
  }

  /**
   * v4 batch create: the catalogue's "Primary" or unlabeled type. See {@link HubSpotAssociations#write}, which rejects
   * the pairs the type does not declare ({@link HubSpotObjectType#associatedTypes()}).
   */
  @Override
  public List<EdgeWriteResult> associate(ConnectionContext connection, List<EdgeWrite> edges) {
    return associations.write(connection, type, edges, false);
  }

  /** v4 batch archive: every association between the pair goes. */
  @Override
  public List<EdgeWriteResult> dissociate(ConnectionContext connection, List<EdgeWrite> edges) {
    return associations.write(connection, type, edges, true);
  }

  /** An engagement holds only the statuses and directions its kind has values for. */
  @Override
  public boolean accepts(String field, Object value) {
    return !(type instanceof HubSpotEngagementType e) || e.accepts(field, value);
  }

  /** A company's address has two street lines ({@code address}, {@code address2}). */
  @Override
  public Object heldAs(String field, Object value) {
    return AddressLines.folded(value, 2);
  }
}
