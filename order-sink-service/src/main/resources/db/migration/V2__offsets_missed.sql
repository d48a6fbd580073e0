-- Offsets of a partition that retention deleted before the record keeper stored them:
-- a discrepancy /sync reports for ever after, instead of saying "in sync".
alter table kafka_positions add column missed_offsets bigint not null default 0;
