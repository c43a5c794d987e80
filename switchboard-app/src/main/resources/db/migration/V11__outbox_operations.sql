-- Switchboard schema v11: outbox tasks carry an operation. Portable between PostgreSQL and H2 (MODE=PostgreSQL).

-- What a task asks of its target: UPSERT (create or update from the golden record), DELETE (delete or archive the
-- record's object there, per the target's declared delete semantics); ASSOCIATE and DISSOCIATE are reserved for
-- edge writes (Outbox.Operation holds the set; no check constraint: H2 refuses one on an "on conflict" insert).
-- Still one row per (target, record): the newest request wins when it coalesces with a pending one (an update
-- followed by a delete becomes the delete; a delete followed by an update becomes the update).
alter table outbox_task add column operation varchar(20) default 'UPSERT' not null;
