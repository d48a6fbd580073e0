-- Why an order was REJECTED (its message went to a dead-letter topic, or it asked for more
-- than the kitchen can cook in one go); null for every other status.
alter table status_changes add column reason text;
