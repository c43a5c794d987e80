package dev.switchboard.app.connectors;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a connector does with one of the vendor's object types: the per-type half of the connector SPI. A connector is
 * its descriptor plus one small binding per vendor type ({@link Connector#bindings()}); the shared plumbing (the
 * vendor's JSON client and auth, paging, batch-result bookkeeping, the create key) lives once in the connector's
 * package and every binding uses it. The {@link Connector}'s per-type methods dispatch to the binding of the vendor
 * type they name, so the spine keeps calling {@code connector.fetch(ctx, "member", id)}.
 *
 * <p>Implementations are stateless and thread-safe; everything per account arrives in the {@link ConnectionContext}.
 * The failure contract is {@link Connector}'s: a call that fails as a whole throws {@link VendorException}, per-item
 * rejections are results, never exceptions, and no method puts PII into exception messages.
 *
 * <p>What a binding declares ({@link #capabilities()}) is what the contract suite (TCK) holds it to.
 */
public interface TypeBinding {

  /** The vendor type bound, with the canonical types its objects are records of. */
  VendorType vendorType();

  /** What the binding declares about its type: see {@link BindingCapabilities}. */
  BindingCapabilities capabilities();

  /** The current state of one object; empty when the vendor no longer has it. See {@link Connector#fetch}. */
  Optional<SourceRecord> fetch(ConnectionContext connection, String externalId);

  /**
   * The current state of several objects; ids the vendor does not have are absent. See {@link Connector#fetchMany}.
   * The default reads them one by one.
   */
  default Map<String, SourceRecord> fetchMany(ConnectionContext connection, List<String> externalIds) {
    Map<String, SourceRecord> out = new LinkedHashMap<>();
    for (String id : externalIds) {
      fetch(connection, id).ifPresent(r -> out.put(id, r));
    }
    return out;
  }

  /**
   * The current associations of these objects for every kind the binding declares. See
   * {@link Connector#fetchAssociations}. The default, for a type that keeps none, is an empty map.
   */
  default Map<String, List<SourceRecord.Association>> fetchAssociations(ConnectionContext connection,
      List<String> externalIds) {
    return Map.of();
  }

  /** One page of objects modified at or after {@code since}. See {@link Connector#listModified}. */
  RecordPage listModified(ConnectionContext connection, @Nullable Instant since, @Nullable String cursor);

  /** A batch of at most {@link #maxBatchSize()} create-or-updates, safe to repeat. See {@link Connector#write}. */
  List<WriteResult> write(ConnectionContext connection, List<WriteRequest> batch);

  /** Largest batch {@link #write} and {@link #delete} accept. */
  int maxBatchSize();

  /**
   * Deletes (per {@link BindingCapabilities#deletes()}) these objects. See {@link Connector#delete}. The default, for a
   * binding that declares no delete semantics, rejects every id as {@code unsupported}.
   */
  default List<DeleteResult> delete(ConnectionContext connection, List<String> externalIds) {
    return externalIds.stream().<DeleteResult>map(id -> new DeleteResult.Rejected(id, "unsupported",
        "cannot delete " + vendorType().name())).toList();
  }

  /**
   * Merges {@code mergedId} into {@code survivorId} at the vendor; called only when the binding declares
   * {@link BindingCapabilities#mergeable()}. See {@link Connector#merge}. The default merges nothing.
   */
  default Optional<String> merge(ConnectionContext connection, String survivorId, String mergedId) {
    return Optional.empty();
  }

  /**
   * Makes these associations (each {@link EdgeWrite#fromType()} is this binding's type). See
   * {@link Connector#associate}. The default, for a type that keeps none, rejects every item as {@code unsupported}.
   */
  default List<EdgeWriteResult> associate(ConnectionContext connection, List<EdgeWrite> edges) {
    return unsupported(edges, "associate");
  }

  /** Removes these associations. See {@link Connector#dissociate}. The default rejects every item. */
  default List<EdgeWriteResult> dissociate(ConnectionContext connection, List<EdgeWrite> edges) {
    return unsupported(edges, "dissociate");
  }

  /** Whether the vendor can hold {@code value} in {@code field}. See {@link Connector#accepts}. Default: yes. */
  default boolean accepts(String field, Object value) {
    return true;
  }

  /** {@code value} as the vendor will give it back. See {@link Connector#heldAs}. Default: the value itself. */
  default Object heldAs(String field, Object value) {
    return value;
  }

  /**
   * {@code record} read as a record of {@code canonicalType}, or empty when the binding cannot map it so. See
   * {@link Connector#mapAs}. The default maps an object as its own type only.
   */
  default Optional<SourceRecord> mapAs(SourceRecord record, String canonicalType) {
    return record.objectType().equals(canonicalType) ? Optional.of(record) : Optional.empty();
  }

  private List<EdgeWriteResult> unsupported(List<EdgeWrite> edges, String what) {
    return edges.stream().<EdgeWriteResult>map(e -> new EdgeWriteResult.Rejected(e.ref(), "unsupported",
        "cannot " + what + " " + e.fromType() + " " + e.label())).toList();
  }

  /**
   * Fields the vendor needs together: a write that sends one of a group sends the others too, even when the target
   * already holds them (a HubSpot deal's stage is an id within its pipeline: a stage written without its pipeline
   * would be read as a stage of the default pipeline and move the deal there). None by default.
   */
  default List<java.util.Set<String>> fieldGroups() {
    return List.of();
  }
}
