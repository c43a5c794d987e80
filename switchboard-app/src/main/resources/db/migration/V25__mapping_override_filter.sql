-- Switchboard schema v25: a tenant's override of a mapping can carry the record filter of its vendor type (issue 12),
-- versioned with the override's fields. NULL: the override names no filter, and the mapping file's applies. Otherwise
-- {field, operator, values} as the API took it ({"operator": "all"} lifts the file's filter).
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).
alter table mapping_override add column filter_json varchar(4000);
