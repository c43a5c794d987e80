-- Every API token has a public id, so that it can be listed and revoked: tokens registered after V3 by code that
-- did not set one yet get the id V3 gave the older ones. Portable between PostgreSQL and H2 (MODE=PostgreSQL).
update api_token set id = 'tok_' || substring(token_hash, 1, 16) where id is null;
alter table api_token alter column id set not null;
