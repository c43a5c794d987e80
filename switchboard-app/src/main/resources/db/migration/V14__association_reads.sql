-- Switchboard schema v14: a job says whether the object's associations must be read with it. HubSpot reads
-- associations with a call of their own (v4 batch read): only an association change asks for it, so a property change
-- costs one read, not two. Portable between PostgreSQL and H2 (MODE=PostgreSQL).
alter table sync_job add column associations_requested boolean not null default false;
