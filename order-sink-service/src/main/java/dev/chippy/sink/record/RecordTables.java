package dev.chippy.sink.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import dev.chippy.event.WindowTallied;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderStatus;

/**
 * The record keeper's writes, one statement per table per batch, whatever the batch holds.
 * Each statement takes its rows as one array per column and spreads them with {@code unnest},
 * so a batch of 500 orders is a handful of round trips and no per-row work in Java beyond
 * filling the arrays. Idempotence is PostgreSQL's: {@code on conflict do nothing} on the keys
 * the events carry, with {@code returning} to say what was new. Reads for the board and the
 * REST API stay with JPA; this class only writes, inside {@link RecordKeeper}'s transaction.
 */
@Repository
class RecordTables {

    /** An order already stored: who took it, and how far it has got. */
    record StoredStanding(UUID id, String tillId, long number, Standing standing) {
    }

    /** An order to store for the first time, with the partition it came on and how far it has got already. */
    record NewOrder(Order order, int kafkaPartition, Standing standing) {
    }

    /** A status event heard earlier: what it said, and when. */
    record Heard(UUID orderId, OrderStatus status, Instant at) {
    }

    private final JdbcClient jdbc;

    RecordTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks each partition's position row for the rest of the transaction, creating it at 0
     * when new, and returns where each stands. The no-op update on conflict is what takes the
     * lock of a row that exists; the rows are taken in one order, so two record keepers that
     * both think they own partitions for a moment during a rebalance take turns, never wait
     * for each other in a circle, and the second skips what the first stored.
     */
    Map<TopicPartition, Long> lockPositions(Collection<TopicPartition> partitions, Instant now) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> rows = List.copyOf(partitions);
        Map<TopicPartition, Long> positions = new HashMap<>();
        jdbc.sql("""
                        insert into kafka_positions (topic, kafka_partition, next_offset, updated_at)
                        select topic, kafka_partition, 0, :now
                        from unnest(:topics::text[], :partitions::int[]) as p(topic, kafka_partition)
                        order by topic, kafka_partition
                        on conflict (topic, kafka_partition) do update set next_offset = kafka_positions.next_offset
                        returning topic, kafka_partition, next_offset""")
                .param("now", at(now))
                .param("topics", array("text", rows, TopicPartition::topic))
                .param("partitions", array("int4", rows, TopicPartition::partition))
                .query((row, n) -> positions.put(new TopicPartition(row.getString(1), row.getInt(2)), row.getLong(3)))
                .list();
        return positions;
    }

    /**
     * Moves each position forward to where reading goes on (never back), counting the offsets
     * that retention deleted before they were stored: those between the stored position and
     * the partition's log start, where one is given.
     */
    void movePositions(Map<TopicPartition, Long> nextOffsets, Map<TopicPartition, Long> logStarts, Instant now) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        List<TopicPartition> rows = List.copyOf(nextOffsets.keySet());
        jdbc.sql("""
                        update kafka_positions p
                        set missed_offsets = p.missed_offsets + greatest(m.log_start - p.next_offset, 0),
                            next_offset = greatest(p.next_offset, m.next_offset),
                            updated_at = case when m.next_offset > p.next_offset then :now else p.updated_at end
                        from unnest(:topics::text[], :partitions::int[], :nextOffsets::bigint[], :logStarts::bigint[])
                             as m(topic, kafka_partition, next_offset, log_start)
                        where p.topic = m.topic and p.kafka_partition = m.kafka_partition
                          and (m.next_offset > p.next_offset or m.log_start > p.next_offset)""")
                .param("now", at(now))
                .param("topics", array("text", rows, TopicPartition::topic))
                .param("partitions", array("int4", rows, TopicPartition::partition))
                .param("nextOffsets", array("int8", rows, nextOffsets::get))
                .param("logStarts", array("int8", rows, partition -> logStarts.getOrDefault(partition, 0L)))
                .update();
    }

    /** Stores the status changes not stored before (by event id); returns the event ids stored now. */
    Set<UUID> storeChanges(Collection<StatusChange> changes) {
        if (changes.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        insert into status_changes
                            (event_id, order_id, status, at, done_by, reason, kafka_topic, kafka_partition, kafka_offset)
                        select * from unnest(:eventIds::uuid[], :orderIds::uuid[], :statuses::text[], :ats::timestamptz[],
                                             :bys::text[], :reasons::text[], :topics::text[], :partitions::int[], :offsets::bigint[])
                        on conflict (event_id) do nothing
                        returning event_id""")
                .param("eventIds", array("uuid", changes, StatusChange::eventId))
                .param("orderIds", array("uuid", changes, StatusChange::orderId))
                .param("statuses", array("text", changes, change -> change.status().name()))
                .param("ats", array("timestamptz", changes, change -> text(change.at())))
                .param("bys", array("text", changes, StatusChange::by))
                .param("reasons", array("text", changes, StatusChange::reason))
                .param("topics", array("text", changes, StatusChange::kafkaTopic))
                .param("partitions", array("int4", changes, StatusChange::kafkaPartition))
                .param("offsets", array("int8", changes, StatusChange::kafkaOffset))
                .query(UUID.class)
                .list());
    }

    /** The orders among {@code ids} that are stored, by id. */
    Map<UUID, StoredStanding> standings(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, StoredStanding> found = new HashMap<>();
        jdbc.sql("select id, till_id, number, status, status_at, ready_at from orders where id = any(:ids::uuid[])")
                .param("ids", array("uuid", ids, Function.identity()))
                .query((row, n) -> {
                    UUID id = row.getObject(1, UUID.class);
                    found.put(id, new StoredStanding(id, row.getString(2), row.getLong(3), new Standing(
                            OrderStatus.valueOf(row.getString(4)), instant(row, 5), instant(row, 6))));
                    return id;
                })
                .list();
        return found;
    }

    /** Every status stored for {@code orderIds}, oldest first: what to apply to an order that arrives after its news. */
    List<Heard> history(Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select order_id, status, at from status_changes where order_id = any(:ids::uuid[]) order by at, kafka_offset")
                .param("ids", array("uuid", orderIds, Function.identity()))
                .query((row, n) -> new Heard(row.getObject(1, UUID.class), OrderStatus.valueOf(row.getString(2)), instant(row, 3)))
                .list();
    }

    /** Stores new orders and their lines: two statements for the whole batch. */
    void storeOrders(List<NewOrder> orders) {
        if (orders.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into orders
                            (id, till_id, number, placed_at, status, status_at, ready_at, total_pence, kafka_partition, version)
                        select o.*, 0 from unnest(:ids::uuid[], :tills::text[], :numbers::bigint[], :placedAt::timestamptz[],
                                                  :statuses::text[], :statusAt::timestamptz[], :readyAt::timestamptz[],
                                                  :totals::int[], :partitions::int[]) as o
                        on conflict (id) do nothing""")
                .param("ids", array("uuid", orders, o -> o.order().id()))
                .param("tills", array("text", orders, o -> o.order().tillId()))
                .param("numbers", array("int8", orders, o -> o.order().number()))
                .param("placedAt", array("timestamptz", orders, o -> text(o.order().placedAt())))
                .param("statuses", array("text", orders, o -> o.standing().status().name()))
                .param("statusAt", array("timestamptz", orders, o -> text(o.standing().statusAt())))
                .param("readyAt", array("timestamptz", orders, o -> text(o.standing().readyAt())))
                .param("totals", array("int4", orders, o -> o.order().totalPence()))
                .param("partitions", array("int4", orders, NewOrder::kafkaPartition))
                .update();

        // One row per line, numbered from 0 as JPA's @OrderColumn reads them.
        List<UUID> orderIds = new ArrayList<>();
        List<Integer> lineNos = new ArrayList<>();
        List<OrderLine> lines = new ArrayList<>();
        for (NewOrder order : orders) {
            List<OrderLine> ordered = order.order().lines();
            for (int lineNo = 0; lineNo < ordered.size(); lineNo++) {
                orderIds.add(order.order().id());
                lineNos.add(lineNo);
                lines.add(ordered.get(lineNo));
            }
        }
        jdbc.sql("""
                        insert into order_lines (order_id, line_no, item, quantity, unit_price_pence)
                        select * from unnest(:orderIds::uuid[], :lineNos::int[], :items::text[], :quantities::int[], :prices::int[])
                        on conflict (order_id, line_no) do nothing""")
                .param("orderIds", array("uuid", orderIds, Function.identity()))
                .param("lineNos", array("int4", lineNos, Function.identity()))
                .param("items", array("text", lines, line -> line.item().id()))
                .param("quantities", array("int4", lines, OrderLine::quantity))
                .param("prices", array("int4", lines, line -> line.item().pricePence()))
                .update();
    }

    /** Writes where stored orders have got to: one statement for every order the batch moved on. */
    void moveOrders(Collection<StoredStanding> moved) {
        if (moved.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update orders o
                        set status = m.status, status_at = m.status_at, ready_at = m.ready_at, version = o.version + 1
                        from unnest(:ids::uuid[], :statuses::text[], :statusAt::timestamptz[], :readyAt::timestamptz[])
                             as m(id, status, status_at, ready_at)
                        where o.id = m.id""")
                .param("ids", array("uuid", moved, StoredStanding::id))
                .param("statuses", array("text", moved, order -> order.standing().status().name()))
                .param("statusAt", array("timestamptz", moved, order -> text(order.standing().statusAt())))
                .param("readyAt", array("timestamptz", moved, order -> text(order.standing().readyAt())))
                .update();
    }

    /** Stores the analyst's latest tally of each share of a window, replacing the one before. */
    void storeTallies(Collection<WindowTallied> tallies) {
        if (tallies.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into shop_windows (measure, subject, window_start, share, window_end, count, total, largest, tallied_at)
                        select * from unnest(:measures::text[], :subjects::text[], :starts::timestamptz[], :shares::int[],
                                             :ends::timestamptz[], :counts::bigint[], :totals::bigint[], :largest::bigint[],
                                             :talliedAt::timestamptz[])
                        on conflict (measure, subject, window_start, share) do update
                        set window_end = excluded.window_end, count = excluded.count, total = excluded.total,
                            largest = excluded.largest, tallied_at = excluded.tallied_at""")
                .param("measures", array("text", tallies, tally -> tally.measure().name()))
                .param("subjects", array("text", tallies, WindowTallied::subject))
                .param("starts", array("timestamptz", tallies, tally -> text(tally.windowStart())))
                .param("shares", array("int4", tallies, WindowTallied::share))
                .param("ends", array("timestamptz", tallies, tally -> text(tally.windowEnd())))
                .param("counts", array("int8", tallies, WindowTallied::count))
                .param("totals", array("int8", tallies, WindowTallied::total))
                .param("largest", array("int8", tallies, WindowTallied::largest))
                .param("talliedAt", array("timestamptz", tallies, tally -> text(tally.at())))
                .update();
    }

    /**
     * One column of rows as a PostgreSQL array. Numbers go as {@code Integer[]} and
     * {@code Long[]}, which the driver sends in binary; everything else as text, which
     * PostgreSQL reads into {@code type} (times are already text: {@link #text(Instant)}).
     */
    private static <T> SqlArrayValue array(String type, Collection<T> rows, Function<? super T, ?> column) {
        Object[] values = switch (type) {
            case "int4" -> new Integer[rows.size()];
            case "int8" -> new Long[rows.size()];
            default -> new String[rows.size()];
        };
        boolean asText = values instanceof String[];
        int i = 0;
        for (T row : rows) {
            Object value = column.apply(row);
            values[i++] = asText && value != null ? value.toString() : value;
        }
        return new SqlArrayValue(type, values);
    }

    /**
     * A time as PostgreSQL reads it into {@code timestamptz}, rounding to the microsecond it
     * keeps. ISO-8601 serves years 1 to 9999; PostgreSQL reads neither ISO's signed years nor
     * its five-digit ones, so the rest of its range (4713 BC to 294276 AD, which
     * {@link StorableEvents} holds events to) goes in PostgreSQL's own form, with BC for year 0
     * and before.
     */
    static String text(Instant at) {
        if (at == null) {
            return null;
        }
        OffsetDateTime utc = at.atOffset(ZoneOffset.UTC);
        int year = utc.getYear();
        if (year >= 1 && year <= 9999) {
            return at.toString();
        }
        return String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d.%09d+00%s", year >= 1 ? year : 1 - year,
                utc.getMonthValue(), utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond(), utc.getNano(),
                year >= 1 ? "" : " BC");
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
