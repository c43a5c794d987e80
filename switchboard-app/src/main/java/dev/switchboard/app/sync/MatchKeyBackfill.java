package dev.switchboard.app.sync;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files the contacts and companies written before V20 under their blocking keys ({@code match_key}), so that fuzzy
 * matching finds them too (their exact identity keys found them all along): one pass per node start, in id order, a
 * short transaction per record that locks it, so a live write is never overwritten with older keys. Records written
 * since have their keys and are skipped by the query (as are, again, the few with no key at all: no e-mail, phone or
 * full name); once a pass finds nothing, it stops. Idempotent: nodes racing over the same records share the work.
 */
@Component
class MatchKeyBackfill {
  /** Records per step. */
  static final int BATCH = 200;

  private final JdbcClient db;
  private final GoldenRecords golden;
  private final IdentityResolver identity;
  private final TransactionTemplate tx;
  private volatile String after = "";
  private volatile boolean done;

  MatchKeyBackfill(JdbcClient db, GoldenRecords golden, IdentityResolver identity, TransactionTemplate tx) {
    this.db = db;
    this.golden = golden;
    this.identity = identity;
    this.tx = tx;
  }

  /** Files the next batch of records without keys; 0 once the pass is over (and on every later call). */
  int runOnce() {
    if (done) {
      return 0;
    }
    List<String[]> missing = db.sql("select g.tenant_id, g.id from golden_record g where g.id > :after "
            + "and g.object_type in ('contact', 'company') and g.merged_into is null and not exists (select 1 "
            + "from match_key m where m.tenant_id = g.tenant_id and m.canonical_id = g.id) order by g.id limit :limit")
        .param("after", after).param("limit", BATCH)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    if (missing.isEmpty()) {
      done = true;
      return 0;
    }
    for (String[] record : missing) {
      tx.executeWithoutResult(s -> golden.lock(record[0], record[1]).ifPresent(g -> identity.refreshMatchKeys(
          g.tenantId(), g.objectType(), g.id(), IdentityResolver.plain(g.fields()), null)));
      after = record[1];
    }
    return missing.size();
  }
}
