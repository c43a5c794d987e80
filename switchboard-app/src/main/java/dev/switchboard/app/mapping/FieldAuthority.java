package dev.switchboard.app.mapping;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which systems may change a field, per tenant. Last-modified-wins decides only among the systems allowed to change a
 * field: a change from any other system is not merged, and the golden value is sent back to it. Without a tenant rule
 * every system may change a contact field (the type's declared default); a rule names the systems explicitly — the
 * upsert API counts as the system {@code api}.
 */
@Repository
public class FieldAuthority {
  private final JdbcClient db;
  private final Clock clock;

  FieldAuthority(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The tenant's rules for one type: field → the systems allowed to change it. Fields without a rule are absent. */
  public Map<String, Set<String>> rules(String tenantId, String objectType) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    db.sql("select field, systems from field_authority where tenant_id = ? and object_type = ? order by field")
        .params(tenantId, objectType)
        .query(rs -> {
          out.put(rs.getString(1), new LinkedHashSet<>(Arrays.asList(rs.getString(2).split(","))));
        });
    return out;
  }

  /** Whether {@code system} may change {@code field}, given the rules read by {@link #rules}. */
  public static boolean allows(Map<String, Set<String>> rules, String field, String system) {
    Set<String> allowed = rules.get(field);
    return allowed == null || allowed.contains(system);
  }

  /** Sets the systems allowed to change a field (replacing the rule). */
  public void set(String tenantId, String objectType, String field, Set<String> systems) {
    String joined = String.join(",", systems);
    Timestamp now = Timestamp.from(clock.instant());
    // insert-or-update that two concurrent first rules cannot turn into a key violation: the last writer wins
    int n = db.sql("insert into field_authority(tenant_id, object_type, field, systems, updated_at) values (?, ?, ?, ?, ?) "
            + "on conflict do nothing")
        .params(tenantId, objectType, field, joined, now).update();
    if (n == 0) {
      db.sql("update field_authority set systems = ?, updated_at = ? where tenant_id = ? and object_type = ? "
              + "and field = ?")
          .params(joined, now, tenantId, objectType, field).update();
    }
  }

  /** Removes the rule: the field's default applies again. Returns whether there was one. */
  public boolean clear(String tenantId, String objectType, String field) {
    return db.sql("delete from field_authority where tenant_id = ? and object_type = ? and field = ?")
        .params(tenantId, objectType, field).update() == 1;
  }
}
