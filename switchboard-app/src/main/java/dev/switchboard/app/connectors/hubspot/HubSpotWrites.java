package dev.switchboard.app.connectors.hubspot;

import dev.switchboard.app.canonical.Pii;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes of one object type for {@link HubSpotConnector#write}: one batch of at most 100, results in request order.
 */
final class HubSpotWrites {

  /** HubSpot's per-input trace field: with it on every input, batch writes answer 207 per input. */
  static final String TRACE_ID = "objectWriteTraceId";

  private final HubSpotClient client;
  private final HubSpotKeyProperty keyProperty;
  private final HubSpotObjectType type;
  private final HubSpotOwners owners;
  private final java.time.Clock clock;

  HubSpotWrites(HubSpotClient client, HubSpotKeyProperty keyProperty, HubSpotObjectType type, HubSpotOwners owners,
      java.time.Clock clock) {
    this.client = client;
    this.keyProperty = keyProperty;
    this.type = type;
    this.owners = owners;
    this.clock = clock;
  }

  /**
   * How an input of a batch write names its object: by HubSpot id (a linked record: batch update), by the
   * Switchboard create key in {@code switchboard_id} (an unlinked record: batch upsert) or by the type's natural key
   * (a contact's e-mail; batch upsert, for requests without a key and for creates whose e-mail another contact already
   * has).
   */
  private enum Mode { UPDATE, KEYED, EMAIL }

  /**
   * Linked records are updated by id. Unlinked ones are upserted by their create key ({@code switchboard_id}, set up
   * first if this process has not yet), so a create repeated after a crash updates the object the first attempt
   * made, and a contact needs no e-mail. HubSpot refuses to create a contact whose e-mail another one has (409
   * CONFLICT): those are upserted by e-mail instead, which updates and links that contact, as before keys existed.
   * A type without a natural key (companies) refuses an unlinked write without a create key.
   */
  List<WriteResult> write(ConnectionContext connection, Map<String, String> custom, List<WriteRequest> batch) {
    if (batch.size() > HubSpotConnector.MAX_BATCH) {
      throw new IllegalArgumentException("hubspot batch larger than " + HubSpotConnector.MAX_BATCH);
    }
    WriteResult[] results = new WriteResult[batch.size()];
    List<Integer> updates = new ArrayList<>();
    List<Integer> keyed = new ArrayList<>();
    List<Integer> byEmail = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest w = batch.get(i);
      if (w.externalId() != null && !w.externalId().isBlank()) {
        if (type.toProperties(w.desired(), custom).isEmpty()) {
          results[i] = new WriteResult.Written(w.ref(), w.externalId(), null); // nothing HubSpot maps
        } else {
          updates.add(i);
        }
      } else if (w.createKey() != null && !w.createKey().isBlank()) {
        keyed.add(i);
      } else if (type.naturalKeyProperty() == null) {
        results[i] = new WriteResult.Rejected(w.ref(), "missing_create_key", null,
            "a new HubSpot " + type.canonicalType() + " needs a create key");
      } else if (email(w).isEmpty()) {
        results[i] = new WriteResult.Rejected(w.ref(), "missing_" + type.naturalKeyProperty(), type.naturalKeyField(),
            "a new HubSpot " + type.canonicalType() + " without a create key needs its " + type.naturalKeyProperty()
                + " (upsert key)");
      } else {
        byEmail.add(i);
      }
    }
    if (!keyed.isEmpty()) {
      keyProperty.ensureOnce(connection, type.path());
    }
    // HubSpot rejects a batch naming the same id twice: send the last (newest) request per key once and
    // give its result to the earlier duplicates.
    Map<Integer, Integer> duplicateOf = new HashMap<>();
    updates = lastPerKey(batch, updates, Mode.UPDATE, duplicateOf);
    keyed = lastPerKey(batch, keyed, Mode.KEYED, duplicateOf);
    if (!updates.isEmpty()) {
      runBatch(connection, batch, updates, custom, Mode.UPDATE, results);
    }
    if (!keyed.isEmpty()) {
      byEmail.addAll(createByKey(connection, custom, batch, keyed, results));
    }
    byEmail = lastPerKey(batch, byEmail, Mode.EMAIL, duplicateOf);
    if (!byEmail.isEmpty()) {
      runBatch(connection, batch, byEmail, custom, Mode.EMAIL, results);
    }
    duplicateOf.forEach((dup, kept) -> {
      int keeper = kept;
      while (duplicateOf.containsKey(keeper)) { // a keeper of its key may be another's duplicate by e-mail
        keeper = duplicateOf.get(keeper);
      }
      results[dup] = withRef(results[keeper], batch.get(dup).ref());
    });
    return List.of(results);
  }

  /**
   * Upserts {@code keyed} by their create keys. Returns those whose e-mail another contact has (HubSpot's 409
   * CONFLICT): that contact is the one to update and link, by e-mail.
   */
  private List<Integer> createByKey(ConnectionContext connection, Map<String, String> custom, List<WriteRequest> batch,
      List<Integer> keyed, WriteResult[] results) {
    Set<String> existing = existingKeys(connection, custom, batch, keyed);
    runBatch(connection, batch, keyed, custom, Mode.KEYED, results, existing);
    List<Integer> unkeyable = keyed.stream().filter(i -> refusesTheKeyProperty(results[i])).toList();
    if (!unkeyable.isEmpty()) {
      // the property was set up, then deleted (by a person, or a sandbox reset): set it up again, once
      keyProperty.ensure(connection, type.path());
      runBatch(connection, batch, unkeyable, custom, Mode.KEYED, results, existing);
    }
    return keyed.stream().filter(i -> results[i] instanceof WriteResult.Rejected r && "CONFLICT".equals(r.errorCode())
        && !email(batch.get(i)).isEmpty()).toList();
  }

  /**
   * The create keys, among {@code keyed} writes lacking a property HubSpot requires at create
   * ({@link HubSpotObjectType#requiredAtCreate()}), whose objects exist already: one batch read by
   * {@code switchboard_id}, only when some write lacks one (a note made elsewhere has no date), so that a create
   * repeated after a crash does not re-date the object the first attempt made.
   */
  private Set<String> existingKeys(ConnectionContext connection, Map<String, String> custom, List<WriteRequest> batch,
      List<Integer> keyed) {
    if (type.requiredAtCreate().isEmpty()) {
      return Set.of();
    }
    List<String> lacking = keyed.stream().map(batch::get)
        .filter(w -> {
          ObjectNode props = type.toProperties(w.desired(), custom);
          return type.requiredAtCreate().stream().anyMatch(p -> HubSpotMapper.text(props.get(p)).isEmpty());
        })
        .map(WriteRequest::createKey).distinct().toList();
    if (lacking.isEmpty()) {
      return Set.of();
    }
    Set<String> found = new HashSet<>();
    JsonNode answer;
    try {
      answer = client.batchReadBy(connection, type.path(), HubSpotKeyProperty.NAME, lacking,
          List.of(HubSpotKeyProperty.NAME));
    } catch (dev.switchboard.app.connectors.VendorException e) {
      if (e.retryable()) {
        throw e;
      }
      return Set.of(); // the key property is gone (set up again below): no object can be found by it
    }
    for (JsonNode r : answer.path("results")) {
      found.add(HubSpotMapper.text(r.path("properties").get(HubSpotKeyProperty.NAME)));
    }
    return found;
  }

  /** A refusal that names switchboard_id and is not about an e-mail: HubSpot does not know it as a unique property. */
  private static boolean refusesTheKeyProperty(WriteResult r) {
    return r instanceof WriteResult.Rejected x && !"CONFLICT".equals(x.errorCode())
        && (x.message().contains(HubSpotKeyProperty.NAME) || HubSpotKeyProperty.NAME.equals(x.field()));
  }

  private List<Integer> lastPerKey(List<WriteRequest> batch, List<Integer> idx, Mode mode,
      Map<Integer, Integer> duplicateOf) {
    Map<String, Integer> last = new HashMap<>();
    for (int i : idx) {
      last.put(key(batch.get(i), mode), i);
    }
    List<Integer> kept = new ArrayList<>();
    for (int i : idx) {
      int keeper = last.get(key(batch.get(i), mode));
      if (keeper == i) {
        kept.add(i);
      } else {
        duplicateOf.put(i, keeper);
      }
    }
    return kept;
  }

  static WriteResult withRef(WriteResult r, long ref) {
    return switch (r) {
      case WriteResult.Written w -> new WriteResult.Written(ref, w.externalId(), w.modifiedAt());
      case WriteResult.Rejected x -> new WriteResult.Rejected(ref, x.errorCode(), x.field(), x.message());
    };
  }

  /**
   * One batch call for {@code idx}. Every input carries {@code objectWriteTraceId} (its write ref), so HubSpot
   * answers per input (207 multi-status) instead of failing the whole call for one bad input. Should a call
   * still fail as a whole (400/404/409): the inputs the error names are rejected and the rest resent; when it
   * names none, the inputs are split in halves and each half is sent on its own, so one bad record never
   * takes the valid ones down with it (a lone input is rejected with the error).
   */
  private void runBatch(ConnectionContext connection, List<WriteRequest> batch, List<Integer> idx,
      Map<String, String> custom, Mode mode, WriteResult[] results) {
    runBatch(connection, batch, idx, custom, mode, results, Set.of());
  }

  /**
   * {@code existing}: the create keys of objects HubSpot has already (a create repeated after a crash), which
   * {@link HubSpotObjectType#completeCreate} must leave as the first attempt made them.
   */
  private void runBatch(ConnectionContext connection, List<WriteRequest> batch, List<Integer> idx,
      Map<String, String> custom, Mode mode, WriteResult[] results, Set<String> existing) {
    ObjectNode body = HubSpotClient.JSON.createObjectNode();
    ArrayNode inputs = body.putArray("inputs");
    for (int i : idx) {
      WriteRequest w = batch.get(i);
      ObjectNode in = inputs.addObject();
      ObjectNode props = type.toProperties(w.desired(), custom);
      owners.toIds(connection, props, w.ref()); // an owner the portal does not have is left unset, not a failure
      switch (mode) {
        case UPDATE -> in.put("id", w.externalId());
        case EMAIL -> in.put("idProperty", type.naturalKeyProperty()).put("id", email(w));
        case KEYED -> {
          in.put("idProperty", HubSpotKeyProperty.NAME).put("id", w.createKey());
          props.put(HubSpotKeyProperty.NAME, w.createKey()); // HubSpot sets it on a create; said explicitly all the same
          if (!existing.contains(w.createKey())) {
            type.completeCreate(props, clock.instant());
          }
        }
      }
      in.set("properties", props);
      in.put(TRACE_ID, traceId(w));
    }
    HubSpotClient.HubSpotBatchResponse resp =
        mode == Mode.UPDATE ? client.batchUpdate(connection, type.path(), body)
            : client.batchUpsert(connection, type.path(), body);
    JsonNode b = resp.body();
    if (resp.status() == 400 || resp.status() == 404 || resp.status() == 409) {
      String category = b.path("category").asString("http_" + resp.status());
      String message = Pii.redact(b.path("message").asString("batch rejected"), 500);
      Set<Integer> bad = new HashSet<>();
      for (int pos = 0; pos < idx.size(); pos++) {
        WriteRequest w = batch.get(idx.get(pos));
        if (HubSpotBatchErrors.mentions(b, key(w, mode), traceId(w), pos)) {
          bad.add(pos);
        }
      }
      if (bad.isEmpty() && idx.size() > 1) {
        int half = idx.size() / 2;
        runBatch(connection, batch, List.copyOf(idx.subList(0, half)), custom, mode, results, existing);
        runBatch(connection, batch, List.copyOf(idx.subList(half, idx.size())), custom, mode, results, existing);
        return;
      }
      List<Integer> rest = new ArrayList<>();
      for (int pos = 0; pos < idx.size(); pos++) {
        int i = idx.get(pos);
        if (bad.isEmpty() || bad.contains(pos)) {
          results[i] = new WriteResult.Rejected(batch.get(i).ref(), category, HubSpotBatchErrors.field(b), message);
        } else {
          rest.add(i);
        }
      }
      if (!rest.isEmpty()) {
        runBatch(connection, batch, rest, custom, mode, results, existing);
      }
      return;
    }
    // 200/201/207: match results by trace id, else by id / key / e-mail; HubSpot returns them unordered.
    Map<String, JsonNode> byKey = new HashMap<>();
    Map<String, JsonNode> byTrace = new HashMap<>();
    List<JsonNode> unkeyed = new ArrayList<>();
    for (JsonNode r : b.path("results")) {
      String trace = r.path(TRACE_ID).asString("");
      if (!trace.isEmpty()) {
        byTrace.putIfAbsent(trace, r);
      }
      String k = switch (mode) {
        case UPDATE -> r.path("id").asString("");
        case KEYED -> HubSpotMapper.text(r.path("properties").get(HubSpotKeyProperty.NAME));
        case EMAIL -> HubSpotMapper.text(r.path("properties").get(type.naturalKeyProperty())).toLowerCase(Locale.ROOT);
      };
      if (k.isEmpty()) {
        unkeyed.add(r);
      } else {
        byKey.putIfAbsent(k, r);
      }
    }
    List<Integer> unmatched = new ArrayList<>();
    for (int pos = 0; pos < idx.size(); pos++) {
      int i = idx.get(pos);
      WriteRequest w = batch.get(i);
      JsonNode r = byTrace.getOrDefault(traceId(w), byKey.get(key(w, mode)));
      if (r != null) {
        results[i] = new WriteResult.Written(w.ref(), r.path("id").asString(), HubSpotMapper.modifiedAt(r));
        continue;
      }
      JsonNode err = HubSpotBatchErrors.errorFor(b, key(w, mode), traceId(w), pos);
      if (err != null) {
        results[i] = new WriteResult.Rejected(w.ref(), err.path("category").asString("error"), HubSpotBatchErrors.field(err),
            HubSpotMapper.text(err.path("message")).isEmpty() ? "rejected by hubspot"
                : Pii.redact(err.path("message").asString(), 500));
      } else {
        unmatched.add(pos);
      }
    }
    for (int pos : unmatched) {
      int i = idx.get(pos);
      WriteRequest w = batch.get(i);
      if (unmatched.size() == unkeyed.size() && !unkeyed.isEmpty()) {
        // results without the key (e.g. properties not echoed): pair in order as a last resort
        JsonNode r = unkeyed.get(unmatched.indexOf(pos));
        results[i] = new WriteResult.Written(w.ref(), r.path("id").asString(), HubSpotMapper.modifiedAt(r));
      } else {
        JsonNode firstErr = b.path("errors").path(0);
        results[i] = new WriteResult.Rejected(w.ref(), firstErr.path("category").asString("missing_result"),
            HubSpotBatchErrors.field(firstErr), firstErr.isMissingNode() ? "hubspot returned no result for this input"
                : Pii.redact(firstErr.path("message").asString(""), 500));
      }
    }
  }

  /** The {@code objectWriteTraceId} sent for a write: unique per batch (the outbox task ref). */
  static String traceId(WriteRequest w) {
    return "sb-" + w.ref();
  }

  private String key(WriteRequest w, Mode mode) {
    return switch (mode) {
      case UPDATE -> w.externalId();
      case KEYED -> w.createKey();
      case EMAIL -> email(w).toLowerCase(Locale.ROOT);
    };
  }

  /** The request's natural key (a contact's e-mail), or "" when it has none or the type has no natural key. */
  private String email(WriteRequest w) {
    String field = type.naturalKeyField();
    String e = field == null ? null : w.desired().string(field);
    return e == null ? "" : e.trim();
  }
}
