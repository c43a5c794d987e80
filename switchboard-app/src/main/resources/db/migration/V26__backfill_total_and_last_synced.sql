-- Issue 17: the dashboard's progress while a backfill runs, and when each connection last synced a change.
-- The vendor's count of the objects a backfill reads, when its first page says (Mailchimp's total_items); null when
-- the vendor gives none (HubSpot's list endpoint): then the dashboard shows how many were read, without a percentage.
alter table sync_cursor add column backfill_total bigint;
-- "last change synced": the newest link of a connection (a link is touched by every read and write of its object),
-- found by the index instead of a scan of the connection's links on every dashboard refresh.
create index record_link_synced on record_link(tenant_id, connection_id, updated_at);
