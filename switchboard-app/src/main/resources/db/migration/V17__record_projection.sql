-- Switchboard schema v17: clear, indexed projections of the non-PII fields features query (issue §7). Portable between
-- PostgreSQL and H2 (MODE=PostgreSQL).

-- One row per live golden record of a type that declares projections (CanonicalType#projections), written in the
-- transaction that writes the golden record (GoldenRecords → Projections); a record merged away loses its row. Only
-- fields the registry marks non-PII can fill it: PII stays in golden_record.fields_enc alone. A column is null when
-- the record has no canonical value for it (absent, cleared, or kept as the source typed it).
--   status        lifecycle state code (deal stage, invoice / payment / subscription / booking / activity status)
--   pipeline      deal pipeline
--   amount_minor  total in ISO 4217 minor units of currency (JPY 1500 → 1500, USD 12.50 → 1250)
--   due_on, close_on  local dates; starts_at an instant
--   parent_id     id of the record this one belongs to (a deal's company, a payment's invoice)
-- Records written before V17 get their row from ProjectionBackfill (it needs the vault key: SQL cannot do it).
create table record_projection (
  tenant_id     varchar(64) not null,
  canonical_id  varchar(36) not null,
  object_type   varchar(40) not null,
  status        varchar(64),
  pipeline      varchar(255),
  amount_minor  bigint,
  currency      varchar(3),
  due_on        date,
  close_on      date,
  starts_at     timestamp with time zone,
  parent_id     varchar(200),
  updated_at    timestamp with time zone not null,
  constraint record_projection_pk primary key (tenant_id, canonical_id)
);
-- Records of a type in a state (open invoices, active subscriptions, scheduled bookings).
create index record_projection_status on record_projection(tenant_id, object_type, status);
-- Deals of a pipeline in a stage (pipeline boards, open deals of a pipeline closing in a month).
create index record_projection_pipeline on record_projection(tenant_id, object_type, pipeline, status);
-- Records due in a date range (overdue invoices).
create index record_projection_due on record_projection(tenant_id, object_type, due_on);
-- Deals closing in a date range (forecast).
create index record_projection_close on record_projection(tenant_id, object_type, close_on);
-- Bookings, activities, subscriptions starting in a time range (today's bookings).
create index record_projection_starts on record_projection(tenant_id, object_type, starts_at);
-- A record's children of a type (a company's deals, an invoice's payments, a contact's bookings).
create index record_projection_parent on record_projection(tenant_id, parent_id, object_type);
