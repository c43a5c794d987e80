package dev.switchboard.app.sync;

import dev.switchboard.app.canonical.model.CanonicalType;
import dev.switchboard.app.canonical.model.CanonicalTypes;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives golden records written before V17 (or before their type projected a field) their {@code record_projection}
 * row: one pass per node start, in id order, a short transaction per record that locks it
 * ({@link GoldenRecords#reproject}), so a live write of the same record is never overwritten with older values.
 * Records written since have their row already and are skipped by the query; once a pass finds nothing, it stops.
 * Idempotent: nodes racing over the same records only share the work.
 */
@Component
class ProjectionBackfill {
  /** Records per step. */
  static final int BATCH = 200;
  private static final List<String> PROJECTED_TYPES = CanonicalTypes.standard().all().stream()
      .filter(t -> !t.projections().isEmpty()).map(CanonicalType::name).toList();

  private final JdbcClient db;
  private final GoldenRecords golden;
  private final TransactionTemplate tx;
  private volatile String after = "";
  private volatile boolean done;

  ProjectionBackfill(JdbcClient db, GoldenRecords golden, TransactionTemplate tx) {
    this.db = db;
    this.golden = golden;
    this.tx = tx;
  }

  /** Projects the next batch of records without a row; 0 once the pass is over (and on every later call). */
  int runOnce() {
    if (done) {
      return 0;
    }
    // golden_record's primary key (id) walks the records in order; the projection's primary key answers each probe
    List<String[]> missing = db.sql("select g.tenant_id, g.id from golden_record g where g.id > :after "
            + "and g.object_type in (:types) and g.merged_into is null and not exists (select 1 from record_projection p "
            + "where p.tenant_id = g.tenant_id and p.canonical_id = g.id) order by g.id limit :limit")
        .param("after", after).param("types", PROJECTED_TYPES).param("limit", BATCH)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    if (missing.isEmpty()) {
      done = true;
      return 0;
    }
    for (String[] record : missing) {
      tx.executeWithoutResult(s -> golden.reproject(record[0], record[1]));
      after = record[1];
    }
    return missing.size();
  }
}
