-- The record keeper's tables. Every order, every status change, and how far into each
-- Kafka partition the stored data goes: rows and positions are written in one
-- transaction, so what is stored and where to resume never disagree.

create table orders (
    id               uuid         primary key,
    till_id          varchar(32)  not null,
    number           bigint       not null,
    placed_at        timestamptz  not null,
    -- The latest status reached; it only ever moves forward.
    status           varchar(20)  not null,
    status_at        timestamptz  not null,
    ready_at         timestamptz,
    total_pence      integer      not null,
    version          bigint       not null
);

create index orders_by_till_and_number on orders (till_id, number);
create index orders_by_status on orders (status);
create index orders_by_placed_at on orders (placed_at);
create index orders_by_ready_at on orders (ready_at) where ready_at is not null;

create table order_lines (
    order_id         uuid         not null references orders (id) on delete cascade,
    line_no          integer      not null,
    item             varchar(64)  not null,
    quantity         integer      not null,
    unit_price_pence integer      not null,
    primary key (order_id, line_no)
);

create index order_lines_by_item on order_lines (item);

-- One row per status event, keyed by the event's own id, so a delivered-again event
-- changes nothing. No foreign key to orders: a status may arrive before its order.
create table status_changes (
    event_id         uuid         primary key,
    order_id         uuid         not null,
    status           varchar(20)  not null,
    at               timestamptz  not null,
    done_by          varchar(64)  not null,
    kafka_topic      varchar(249) not null,
    kafka_partition  integer      not null,
    kafka_offset     bigint       not null
);

create index status_changes_by_order on status_changes (order_id, at);

-- The next offset to read in each partition: everything before it is stored above.
create table kafka_positions (
    topic            varchar(249) not null,
    kafka_partition  integer      not null,
    next_offset      bigint       not null,
    updated_at       timestamptz  not null,
    primary key (topic, kafka_partition)
);
