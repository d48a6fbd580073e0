-- The analyst's tallies of windows of time, as it writes them to chippy.shop-windows: one row
-- per partition's share of a window, the latest tally the record keeper has read. Stored with
-- the Kafka positions like everything else, so a replay changes nothing.
create table shop_windows (
    measure          varchar(20)  not null,
    subject          varchar(64)  not null,
    window_start     timestamptz  not null,
    share            integer      not null,
    window_end       timestamptz  not null,
    count            bigint       not null,
    total            bigint       not null,
    largest          bigint       not null,
    tallied_at       timestamptz  not null,
    primary key (measure, subject, window_start, share)
);

create index shop_windows_by_start on shop_windows (window_start);
