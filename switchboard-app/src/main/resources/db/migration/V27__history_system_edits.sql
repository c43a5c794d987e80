-- Switchboard schema v28: a field edited in the console is a change like any other, and its provenance names who made
-- it ("switchboard:" and the member's username, up to 100 characters), so a history line's system is widened from 40.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).
alter table record_history alter column system set data type varchar(120);
