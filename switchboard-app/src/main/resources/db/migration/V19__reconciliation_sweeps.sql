-- Switchboard schema v19: reconciliation also sweeps each (connection, vendor type)'s deleted objects where the
-- connector can list them (HubSpot's recycle bin), so that a deletion whose webhook was lost still tombstones its link,
-- and re-reads the associations of its linked objects, so that an association change whose webhook was lost (a
-- change that does not date the object: HubSpot's search cannot find it) still reaches the edges.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).

alter table sync_cursor add column deletions_cursor varchar(2000);                -- the running sweep's position
alter table sync_cursor add column deletions_next_run_at timestamp with time zone; -- when the next sweep is due

alter table sync_cursor add column associations_cursor varchar(200);              -- the running sweep's last link key
alter table sync_cursor add column associations_next_run_at timestamp with time zone; -- when the next sweep is due
