-- Issue 14, the rest of console access. Portable between PostgreSQL and H2 (MODE=PostgreSQL); the database-level
-- guard that keeps the audit trail append-only is vendor-specific SQL and comes next, as Java migration 12.1
-- (dev.switchboard.app.events.V12_1__AuditTrailAppendOnly).

-- Where a user's password reset links go (optional; stored lower-case; only the user and owners see it).
alter table app_user add column email varchar(320);
create unique index app_user_email on app_user(email);

-- A password reset link belongs to one user (setup links to none); deleting the user voids their links.
alter table access_link add column username varchar(100) references app_user(username) on delete cascade;
create index access_link_user on access_link(username, purpose, created_at);

-- The audit trail's retention purge finds rows older than its window by name and age.
create index domain_event_name_created on domain_event(name, created_at);
