-- Console access (issue 14): the instance's admin accounts become users, who reach a tenant through a membership
-- with a role. A user belongs to the instance (no tenant_id); what they may see and do in a tenant is the
-- membership's role, checked against the permission table in code (dev.switchboard.app.access.Permissions).
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).
alter table admin_user rename to app_user;
-- When the password last changed: sessions started before it are ended (a stolen session outlives no reset).
alter table app_user add column password_changed_at timestamp with time zone;
update app_user set password_changed_at = created_at;
alter table app_user alter column password_changed_at set not null;

create table membership (
  username         varchar(100) not null references app_user(username) on delete cascade,
  tenant_id        varchar(64) not null references tenant(id) on delete cascade,
  role             varchar(16) not null,               -- owner | admin | viewer (access.Role)
  created_at       timestamp with time zone not null,
  -- a change of role ends the member's other sessions, like a change of password
  changed_at       timestamp with time zone not null,
  primary key (username, tenant_id)
);
create index membership_tenant on membership(tenant_id);

-- The tenant's time zone (IANA id), chosen in the first-run setup.
alter table tenant add column time_zone varchar(64) not null default 'UTC';

-- One-time links: the first-run setup link printed in the log. Only the SHA-256 of the secret is kept; a link
-- works once (used_at) and until expires_at.
create table access_link (
  token_hash       varchar(64) primary key,
  purpose          varchar(16) not null,               -- setup
  created_at       timestamp with time zone not null,
  expires_at       timestamp with time zone not null,
  used_at          timestamp with time zone
);
