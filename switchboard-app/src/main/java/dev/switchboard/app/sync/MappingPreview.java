package dev.switchboard.app.sync;

import dev.switchboard.app.connections.Connection;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What a target connection would receive for a stored record, computed as egress computes it ({@link DesiredValues}:
 * the fields the connection's mapping sends, values derived through edges, less what the vendor cannot hold), for the
 * connection as it is or with proposed settings. Reads only: nothing is written or enqueued.
 */
@Service
public class MappingPreview {
  private final GoldenRecords golden;
  private final DesiredValues desired;

  MappingPreview(GoldenRecords golden, DesiredValues desired) {
    this.golden = golden;
    this.desired = desired;
  }

  /**
   * The canonical values {@code target} would receive for the record (a merged record's survivor), or empty when the
   * tenant has no such record.
   *
   * @param settings the connection's settings to preview with (a proposed mapping's)
   */
  public Optional<Map<String, Object>> desired(Connection target, Map<String, String> settings, String recordId) {
    Connection with = new Connection(target.id(), target.tenantId(), target.system(), target.accountId(),
        target.displayName(), settings, target.status(), target.webhookStatus(), target.lastError(),
        target.lastErrorAt());
    return golden.find(target.tenantId(), recordId).map(g -> desired.of(with, g));
  }

  /**
   * Why {@code target}'s record filter, under these settings, keeps the record out (naming no value); empty when it
   * lets it in, or the tenant has no such record.
   */
  public Optional<String> filteredOut(Connection target, Map<String, String> settings, String recordId) {
    return golden.find(target.tenantId(), recordId).flatMap(g -> desired.refusal(target, g, null, settings));
  }

  /** The canonical type of the record, if the tenant has it. */
  public Optional<String> typeOf(String tenantId, String recordId) {
    return golden.find(tenantId, recordId).map(GoldenRecords.Golden::objectType);
  }
}
