-- Switchboard schema v24: one connection per vendor account and tenant. A second connection to an account would sync
-- every record twice; the connect paths check for one, but a check then an insert lets two connects at once both
-- pass, so the database holds the rule: account_claim is the account a connection claims, unique per (tenant, system).
-- A separate column and not a unique index on account_id itself, because connections made before v24 may already
-- hold one account twice, and no SQL can tell which of them to delete safely (each has its own links and work): the
-- earliest made of such a set claims the account, the later ones keep their account_id (webhooks still route to them)
-- with no claim, and stay until an owner deletes them. A connection without an account (its check failed) claims
-- nothing: a unique index allows any number of NULLs on both databases.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).
alter table connection add column account_claim varchar(200);

update connection c set account_claim = account_id
 where account_id is not null
   and not exists (select 1 from connection o
                    where o.tenant_id = c.tenant_id and o.system = c.system and o.account_id = c.account_id
                      and (o.created_at < c.created_at or (o.created_at = c.created_at and o.id < c.id)));

create unique index connection_account_claim on connection(tenant_id, system, account_claim);
