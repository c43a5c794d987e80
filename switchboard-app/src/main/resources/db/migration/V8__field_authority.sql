-- Switchboard schema v8: per-tenant field authority. A row names the systems allowed to change one field of one
-- canonical type; without a row the type's declared default applies (contact fields: every system).
create table field_authority (
  tenant_id   varchar(64) not null,
  object_type varchar(60) not null,
  field       varchar(200) not null,
  systems     varchar(500) not null,        -- comma-separated system ids (hubspot, mailchimp, api, …)
  updated_at  timestamp with time zone not null,
  primary key (tenant_id, object_type, field)
);
