-- Switchboard schema v6: links are tombstoned instead of dropped, a record may hold several links in one connection
-- (one primary for writes), records are merged (never deleted), and the outbox's lookups get their own index.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).

-- A vendor deletion keeps the link (so egress never re-creates the object there) and says how it ended:
-- DELETED (deleted or archived), ERASED (a privacy deletion), MERGED (merged into another object of that vendor).
alter table record_link add column tombstone varchar(20);
alter table record_link add column tombstoned_at timestamp with time zone;
-- What made the link: created (our create), email / phone (identity match), source (first seen there),
-- id_change, merge.
alter table record_link add column link_rule varchar(40);
-- The canonical id of the link writes go to, null for the record's other links in that connection. Unique per
-- (connection, type) with nulls distinct: at most one primary per record and connection, on both databases
-- (H2 has no partial unique index).
alter table record_link add column primary_of varchar(36);
update record_link set primary_of = canonical_id, link_rule = 'source';
alter table record_link drop constraint record_link_one_per_connection;
alter table record_link add constraint record_link_primary unique (tenant_id, connection_id, object_type, primary_of);
create index record_link_by_canonical on record_link(tenant_id, connection_id, canonical_id);

-- Merged records keep their id and point at the record they were merged into; lookups follow it.
alter table golden_record add column merged_into varchar(36);
create index golden_record_merged_into on golden_record(tenant_id, merged_into);

-- A HubSpot merge is applied as a job on the merged-away object that names the survivor (keyed hash + sealed id).
alter table sync_job add column merged_into_id varchar(200);
alter table sync_job add column merged_into_ref_enc varchar(2000);
-- A privacy (GDPR) deletion: the object's link is tombstoned ERASED, which nothing ever revives or replaces.
alter table sync_job add column erase_requested boolean not null default false;

-- The in-flight check and the write's state look a record up by (tenant, connection, canonical id): lead with those.
alter table outbox_task drop constraint outbox_task_target;
alter table outbox_task add constraint outbox_task_target unique (tenant_id, connection_id, canonical_id, object_type);
-- Finished rows are purged after a retention window; this index finds them.
create index outbox_task_finished on outbox_task(status, updated_at);
