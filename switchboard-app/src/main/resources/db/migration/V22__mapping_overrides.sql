-- Switchboard schema v22: tenant overrides of the default mappings (issue 12), per connection and vendor type,
-- layered over the mapping files. Every save is a new version, kept: who changed what and when. The current override
-- is the highest version; an empty field list is the default again.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).
create table mapping_override (
  tenant_id      varchar(64) not null,
  connection_id  varchar(64) not null,
  vendor_type    varchar(100) not null,
  version        integer not null,
  fields_json    varchar(20000) not null,   -- the override's entries as saved: [{canonical, vendor, direction}]
  changed_by     varchar(200) not null,
  changed_at     timestamp not null,
  primary key (tenant_id, connection_id, vendor_type, version)
);
