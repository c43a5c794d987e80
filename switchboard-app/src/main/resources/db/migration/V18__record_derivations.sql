-- Switchboard schema v18: derived records and vendor type changes. Portable between PostgreSQL and H2
-- (MODE=PostgreSQL).

-- Provenance of a canonical record read out of another record's vendor object (a booking's client, an invoice's
-- lines): one row per (vendor object, derivation key). Not a link: the record has no object of its own in that
-- connection, and egress never creates one there. The object is named as record_link names it: external_id is the
-- keyed hash of the vendor id, external_ref_enc the id encrypted (see ExternalIds). snapshot_enc is what the object
-- last said of the derived record (echo suppression, as a link's snapshot); derivation_rule what resolved it the first time
-- (email, phone, a type's identity rule, or created).
create table record_derivation (
  tenant_id        varchar(64) not null,
  connection_id    varchar(64) not null,
  vendor_type      varchar(60) not null,
  external_id      varchar(200) not null,
  external_ref_enc varchar(2000) not null,
  derivation_key   varchar(200) not null,
  object_type      varchar(40) not null,
  canonical_id     varchar(36) not null,
  snapshot_enc     varchar(1000000),
  derivation_rule  varchar(40) not null,
  source_modified_at timestamp with time zone,
  updated_at       timestamp with time zone not null,
  constraint record_derivation_object primary key (tenant_id, connection_id, vendor_type, external_id, derivation_key)
);
-- "was this record derived from that connection" (egress, before a create) and a merge moving them
create index record_derivation_canonical on record_derivation(tenant_id, canonical_id, connection_id);

-- A vendor type change (Salesforce lead conversion) names the type the object had before, beside its previous id.
alter table sync_job add column previous_vendor_type varchar(60);
