-- Failed-login throttling (LoginThrottle). Admin accounts belong to the instance, not to a tenant (admin_user has
-- no tenant_id), and so do their counters: a row is scoped by what it counts, an account or a client address.
-- Neither is stored: key_hash is an HMAC blind index of the username / the address (its /64 for IPv6).
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).
create table login_throttle (
  scope            varchar(16) not null,               -- account | address
  key_hash         varchar(64) not null,               -- Vault.blindIndex("login-" + scope, value)
  failures         int not null,                       -- attempts not proven right since the last success or quiet spell
  locked_until     timestamp with time zone,           -- no attempt is checked before this time
  last_attempt_at  timestamp with time zone not null,  -- quiet for switchboard.login.forget-after: counting starts over
  constraint login_throttle_pk primary key (scope, key_hash)
);
create index login_throttle_last_attempt on login_throttle(last_attempt_at);
