-- Switchboard schema v10: associations between records are edges of the spine, not fields of either record.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).

-- One edge per (from, label, to): a contact's companies are edges labelled 'company' from the contact. is_primary marks
-- the one a target that holds a single value gets (a Mailchimp member's company). An edge the source no longer reports
-- is tombstoned, not deleted: when and by whom it ended stays known, and it can come back. Ids of merged records are
-- rewritten to the survivor, duplicates dropped.
create table record_edge (
  tenant_id      varchar(64) not null,
  from_id        varchar(36) not null,
  label          varchar(40) not null,
  to_id          varchar(36) not null,
  is_primary     boolean not null default false,
  source_system  varchar(40) not null,
  modified_at    timestamp with time zone not null,
  tombstoned_at  timestamp with time zone,
  constraint record_edge_pk primary key (tenant_id, from_id, label, to_id)
);
-- Dependents of a record (every contact of a renamed company): lookups by the edge's other end.
create index record_edge_to on record_edge(tenant_id, to_id, label);

-- Identity keys of every type: rule names such as name_postcode (a company's normalised name and postcode).
alter table identity_key alter column kind set data type varchar(40);
