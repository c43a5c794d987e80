-- Switchboard schema v20: identity matching (issue 13). Blocking keys under which likely duplicates are found, the
-- record of every automatic link and every pair sent to review (the review queue), the pairs an owner kept apart, and
-- each tenant's thresholds.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).

-- Blocking keys: blind indexes (keyed hashes of kind and value) → records. Unlike identity_key, one key may file many
-- records (a family's phone, an office mailbox, a family name's phonetic code): a lookup reads a capped number of them.
create table match_key (
  tenant_id     varchar(64) not null,
  object_type   varchar(40) not null,
  kind          varchar(10) not null,   -- email, phone, local, name; domain, cname
  key_hash      varchar(64) not null,
  canonical_id  varchar(36) not null,
  primary key (tenant_id, object_type, kind, key_hash, canonical_id)
);
create index match_key_record on match_key(tenant_id, canonical_id);

-- One inbound object resolved against an existing record: LINKED (an automatic link: the rule and score that made it),
-- PENDING (in the review queue: a new record was made for the object), and the owner's decisions MERGED, KEPT_APART,
-- SPLIT. Reasons are codes, never values.
create table identity_match (
  id               varchar(36) primary key,
  tenant_id        varchar(64) not null,
  object_type      varchar(40) not null,
  record_id        varchar(36) not null,   -- the record the object is (linked to, or made for it)
  candidate_id     varchar(36) not null,   -- the existing record it was judged against
  connection_id    varchar(64),            -- where the object lives (null: not from a connection)
  vendor_type      varchar(60),
  external_ref_enc varchar(1000),          -- the object's vendor id, encrypted
  rule             varchar(40) not null,
  score            numeric(4,3) not null,
  reasons          varchar(2000) not null, -- JSON array of reason codes
  status           varchar(12) not null,
  created_at       timestamp with time zone not null,
  decided_at       timestamp with time zone,
  decided_by       varchar(200)
);
create index identity_match_queue on identity_match(tenant_id, status, created_at);
create index identity_match_record on identity_match(tenant_id, record_id);

-- Pairs an owner kept apart (or split apart): never proposed again. first_id < second_id.
create table identity_apart (
  tenant_id     varchar(64) not null,
  first_id      varchar(36) not null,
  second_id     varchar(36) not null,
  decided_at    timestamp with time zone not null,
  primary key (tenant_id, first_id, second_id)
);

-- A tenant's thresholds; no row: the defaults (0.9 auto-link, 0.75 review).
create table identity_setting (
  tenant_id     varchar(64) primary key,
  auto_link     numeric(4,3) not null,
  review        numeric(4,3) not null,
  updated_at    timestamp with time zone not null
);
