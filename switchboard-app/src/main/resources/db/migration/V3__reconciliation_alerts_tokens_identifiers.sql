-- Reconciliation progress per (connection, object type), alerts that resolve, revocable API tokens, and vendor
-- identifiers that can be looked up without being stored in a reversible form.

-- Backfill and reconciliation poll of one object type of one connection: where they stand, so that a restart, a
-- 429 or a bounded run resumes where it stopped instead of starting over.
create table sync_cursor (
  tenant_id            varchar(64) not null,
  connection_id        varchar(64) not null,
  object_type          varchar(60) not null,
  backfill_status      varchar(20) not null,          -- PENDING | RUNNING | DONE
  backfill_cursor      varchar(2000),
  backfill_seen        bigint not null default 0,
  backfill_started_at  timestamp with time zone,
  backfill_finished_at timestamp with time zone,
  watermark            timestamp with time zone,      -- newest source modified-at a finished poll has covered
  poll_since           timestamp with time zone,      -- the running poll's lower bound (null: none running)
  poll_cursor          varchar(2000),                 -- the running poll's position
  poll_newest          timestamp with time zone,      -- newest modified-at the running poll has seen
  poll_started_at      timestamp with time zone,
  completed_at         timestamp with time zone,      -- when a backfill or poll last reached its end
  progressed_at        timestamp with time zone,      -- when a page was last read and recorded
  next_run_at          timestamp with time zone not null,
  lease_owner          varchar(100),
  lease_until          timestamp with time zone,
  attempts             int not null default 0,
  last_error           varchar(2000),
  last_error_at        timestamp with time zone,
  created_at           timestamp with time zone not null,
  updated_at           timestamp with time zone not null,
  primary key (tenant_id, connection_id, object_type)
);
create index sync_cursor_due on sync_cursor(next_run_at);

insert into sync_cursor(tenant_id, connection_id, object_type, backfill_status, backfill_cursor, backfill_seen,
    backfill_started_at, backfill_finished_at, watermark, completed_at, progressed_at, next_run_at, created_at,
    updated_at)
  select tenant_id, id, 'contact', backfill_status, backfill_cursor, backfill_seen, backfill_started_at,
    backfill_finished_at, poll_watermark, backfill_finished_at, updated_at, coalesce(next_poll_at, updated_at),
    created_at, updated_at
  from connection where account_id is not null;

alter table connection drop column backfill_status;
alter table connection drop column backfill_cursor;
alter table connection drop column backfill_seen;
alter table connection drop column backfill_started_at;
alter table connection drop column backfill_finished_at;
alter table connection drop column poll_watermark;
alter table connection drop column next_poll_at;

-- An alert stays open until its cause is gone (a replayed dead letter, a connection working again).
alter table alert add column resolved_at timestamp with time zone;
create index alert_open on alert(tenant_id, code, connection_id, resolved_at);

-- API tokens that can be listed and revoked. The secret is still only stored as its hash.
alter table api_token add column id varchar(40);
update api_token set id = 'tok_' || substring(token_hash, 1, 16);
alter table api_token add column scope varchar(20) not null default 'write';
alter table api_token add column created_by varchar(100);
alter table api_token add column expires_at timestamp with time zone;
alter table api_token add column last_used_at timestamp with time zone;
alter table api_token add column revoked_at timestamp with time zone;
create unique index api_token_id on api_token(id);

-- Vendor ids derived from personal data (a Mailchimp member id is the MD5 of the e-mail) are stored as a keyed
-- hash for lookups (external_id) and encrypted for calls (external_ref_enc); other ids stay as they are, with no
-- ref. The application re-keys rows written before this version at start-up.
alter table record_link add column external_ref_enc varchar(2000);
alter table sync_job add column external_ref_enc varchar(2000);
alter table sync_job add column previous_external_ref_enc varchar(2000);

-- Upsert idempotency keys were SHA-256 of tenant + system + type + e-mail in clear (reversible with a dictionary of
-- e-mails); they are now stored as a keyed hash. The old rows only let a repeated request answer noop without
-- work: a repeat now does the (idempotent) work once more.
delete from idempotency_record;
