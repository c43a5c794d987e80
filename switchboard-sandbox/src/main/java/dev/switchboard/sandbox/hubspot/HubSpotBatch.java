package dev.switchboard.sandbox.hubspot;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;

/**
 * One CRM batch call: its {@code inputs} (required, at most 100, else 400 VALIDATION_ERROR), the
 * results and per-input errors it collects, and the answer {@code {status:"COMPLETE", results
 * [, numErrors, errors], startedAt, completedAt}} — HTTP 207 when there are errors. Each error is a complete
 * {@code StandardError} of the spec: {@code status, category, message, errors, context, links} (all required
 * there), without the {@code correlationId} of a top-level error.
 *
 * <p>Writes follow HubSpot's multi-status rule: only when every input carries a non-blank
 * {@code objectWriteTraceId} are inputs processed independently (each result and each error names its
 * trace id; errors in {@code context.objectWriteTraceId}). Otherwise the batch is atomic: the first
 * failing input's error is the answer to the whole call and nothing is written.
 * https://developers.hubspot.com/docs/api-reference/latest/error-handling
 */
final class HubSpotBatch {

  static final String TRACE_ID = "objectWriteTraceId";

  final List<Map<String, Object>> inputs;
  final List<Map<String, Object>> results = new ArrayList<>();
  final List<Map<String, Object>> errors = new ArrayList<>();
  private final ChangeClock clock;
  private final Instant startedAt;

  HubSpotBatch(Map<String, Object> body, ChangeClock clock) {
    this(body, clock, 100);
  }

  /** A batch of at most {@code max} inputs (the object endpoints take 100; associations v4 more). */
  @SuppressWarnings("unchecked")
  HubSpotBatch(Map<String, Object> body, ChangeClock clock, int max) {
    if (!(body.get("inputs") instanceof List<?> l)) {
      throw HubSpotException.validation("inputs is required");
    }
    if (l.size() > max) {
      throw HubSpotException.validation("Batch input size " + l.size() + " exceeds the limit of " + max + " inputs.");
    }
    this.inputs = (List<Map<String, Object>>) l;
    this.clock = clock;
    this.startedAt = clock.now();
  }

  /** Whether every input carries a non-blank {@code objectWriteTraceId}. */
  boolean multiStatus() {
    return !inputs.isEmpty() && inputs.stream().allMatch(in -> in.get(TRACE_ID) instanceof String s && !s.isBlank());
  }

  /**
   * Applies {@code one} to every input: independently with per-input errors in multi-status mode, else
   * all-or-nothing through the portal's {@link Journal#atomically} (a {@link HubSpotException} then propagates
   * as the whole call's answer).
   */
  void write(Journal journal, Function<Map<String, Object>, Map<String, Object>> one) {
    if (!multiStatus()) {
      journal.atomically(() -> {
        inputs.forEach(in -> results.add(one.apply(in)));
        return null;
      });
      return;
    }
    for (Map<String, Object> in : inputs) {
      String trace = (String) in.get(TRACE_ID);
      try {
        Map<String, Object> r = one.apply(in);
        r.put(TRACE_ID, trace);
        results.add(r);
      } catch (HubSpotException e) {
        error(e.withContext(TRACE_ID, List.of(trace)));
      }
    }
  }

  /** Adds a per-input error: the exception's body as a full {@code StandardError}, without correlationId. */
  void error(HubSpotException e) {
    errors.add(standardError(e));
  }

  /** {@code {status, category, message, errors, context, links}}: every field the spec's StandardError requires. */
  static Map<String, Object> standardError(HubSpotException e) {
    Map<String, Object> m = e.body();
    m.remove("correlationId");
    m.putIfAbsent("errors", List.of());
    m.putIfAbsent("context", Map.of());
    m.putIfAbsent("links", Map.of());
    return m;
  }

  ResponseEntity<Map<String, Object>> done(int okStatus) {
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("status", "COMPLETE");
    res.put("results", results);
    if (!errors.isEmpty()) {
      res.put("numErrors", errors.size());
      res.put("errors", errors);
    }
    res.put("startedAt", HubSpotJson.ts(startedAt));
    res.put("completedAt", HubSpotJson.ts(clock.now()));
    return ResponseEntity.status(errors.isEmpty() ? okStatus : 207).body(res);
  }
}
