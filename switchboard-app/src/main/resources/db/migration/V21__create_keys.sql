-- Switchboard schema v21: the record each create key was sent for. A vendor that keeps our create key on the object
-- (HubSpot's unique switchboard_id) hands it back on every read of an object we made; this tells the spine whose
-- object it is even when the create's answer was lost or reported refused (a deal created, its lines refused), so
-- that such an object is linked to its record instead of becoming a second one (a deal has no key to match by).
-- Written before the create is sent; the key is a keyed hash of (connection, record), so it reveals nothing.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).

create table create_key (
  tenant_id     varchar(64) not null,
  connection_id varchar(64) not null,
  create_key    varchar(64) not null,
  canonical_id  varchar(36) not null,
  created_at    timestamp with time zone not null,
  primary key (tenant_id, connection_id, create_key)
);
