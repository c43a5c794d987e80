-- Switchboard schema v9: every spine query finds its rows through an index led by its filters (docs/design/indexes.md
-- lists each query and the index serving it). Plain indexes: portable between PostgreSQL and H2 (MODE=PostgreSQL).

-- A record's writes to every connection (Outbox.inFlightAnywhere, Outbox.takeOver: merges). outbox_task_target
-- leads with the connection, so without this a merge read every write of the tenant.
create index outbox_task_canonical on outbox_task(tenant_id, canonical_id);

-- Writes by state (Outbox.hasDead after every egress batch that wrote, dead letters, the console's counts, a ready
-- connection's waiting writes): the dead letters or pending writes of a tenant without reading its other rows.
create index outbox_task_status on outbox_task(tenant_id, status, connection_id);

-- "Is any write to this connection on the wire?" (Outbox.anyInFlight, asked by inbound before it links a new record):
-- a range over the connection's unexpired leases instead of all of its rows.
create index outbox_task_lease on outbox_task(tenant_id, connection_id, lease_until);

-- A merge moves the idempotency records of the merged-away id (RecordMerges); the key leads with idem_key.
create index idempotency_record_canonical on idempotency_record(tenant_id, canonical_id);
