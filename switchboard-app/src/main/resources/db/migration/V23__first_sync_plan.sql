-- Switchboard schema v23: the first sync of a connection is a plan the owner approves (issue 17). A connection to a
-- system other than the hub is held (paused) from the moment it is made until an owner or admin presses Start; this
-- row says so and who started it. No row: the connection was never held (made before v23, the hub, or made with
-- settings.firstSync = immediate).
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).
create table first_sync (
  connection_id varchar(64) primary key references connection(id) on delete cascade,
  tenant_id     varchar(64) not null,
  state         varchar(10) not null,   -- HELD, STARTED
  held_at       timestamp with time zone not null,
  started_at    timestamp with time zone,
  started_by    varchar(200)
);
create index first_sync_tenant on first_sync(tenant_id, state);
