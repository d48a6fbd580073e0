package dev.chippy.sink.query;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dev.chippy.menu.Menu;
import dev.chippy.order.OrderStatus;
import dev.chippy.topic.ShopTopic;

/** The sums behind {@code /stats} and the live board's counts, done by PostgreSQL where the rows are. */
@Component
public class StatsQueries {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final QueryProperties properties;

    StatsQueries(JdbcClient jdbc, Clock clock, QueryProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** One consistent snapshot: every figure comes from the same moment of the database. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Stats stats() {
        Homework homework = homework();

        Map<String, Long> perTill = new TreeMap<>();
        jdbc.sql("select till_id, count(*) as orders from orders group by till_id")
                .query((row, n) -> Map.entry(row.getString("till_id"), row.getLong("orders")))
                .list().forEach(entry -> perTill.put(entry.getKey(), entry.getValue()));

        Map<OrderStatus, Long> perStatus = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            perStatus.put(status, 0L);
        }
        jdbc.sql("select status, count(*) as orders from orders group by status")
                .query((row, n) -> Map.entry(OrderStatus.valueOf(row.getString("status")), row.getLong("orders")))
                .list().forEach(entry -> perStatus.put(entry.getKey(), entry.getValue()));

        return new Stats(homework.orders(), homework.items(), homework.portions(), homework.revenuePence(),
                perTill, perStatus, latency(), tillNumbers());
    }

    /** Items, portions and revenue only: the order lines summed and the orders counted, without latency and gaps. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Homework homework() {
        Map<String, Long> items = new LinkedHashMap<>();
        Menu.standard().items().forEach(item -> items.put(item.id(), 0L));
        jdbc.sql("select item, sum(quantity) as quantity from order_lines group by item")
                .query((row, n) -> Map.entry(row.getString("item"), row.getLong("quantity")))
                .list().forEach(entry -> items.put(entry.getKey(), entry.getValue()));

        Map<String, Long> portions = new LinkedHashMap<>();
        Menu.standard().portions().forEach(portion -> portions.put(portion.id(), 0L));
        items.forEach((item, quantity) -> Menu.standard().findItem(item).ifPresent(menuItem ->
                menuItem.portions().forEach((portion, count) -> portions.merge(portion.id(), (long) count * quantity, Long::sum))));

        long revenue = jdbc.sql("select coalesce(sum(quantity * unit_price_pence), 0) from order_lines")
                .query(Long.class).single();
        long orders = jdbc.sql("select count(*) from orders").query(Long.class).single();
        return new Homework(orders, items, portions, revenue);
    }

    private Stats.Latency latency() {
        Timestamp since = Timestamp.from(clock.instant().minus(properties.latencyWindow()));
        return jdbc.sql("""
                        select count(*) as orders,
                               percentile_cont(0.50) within group (order by extract(epoch from ready_at - placed_at) * 1000) as p50,
                               percentile_cont(0.95) within group (order by extract(epoch from ready_at - placed_at) * 1000) as p95,
                               percentile_cont(0.99) within group (order by extract(epoch from ready_at - placed_at) * 1000) as p99
                        from orders where ready_at >= :since""")
                .param("since", since)
                .query((row, n) -> new Stats.Latency(properties.latencyWindow(), row.getLong("orders"),
                        (Double) row.getObject("p50"), (Double) row.getObject("p95"), (Double) row.getObject("p99")))
                .single();
    }

    /**
     * Per till: the numbers not seen although later ones were, lost or pending (see
     * {@link Stats.TillNumbers}), and numbers seen twice.
     */
    private List<Stats.TillNumbers> tillNumbers() {
        Map<String, List<Stats.Range>> unseen = new TreeMap<>();
        jdbc.sql("""
                        select till_id, previous + 1 as first_missing, number - 1 as last_missing
                        from (select till_id, number,
                                     lag(number, 1, 0::bigint) over (partition by till_id order by number) as previous
                              from (select distinct till_id, number from orders) numbers) numbered
                        where number > previous + 1
                        order by till_id, first_missing""")
                .query((row, n) -> Map.entry(row.getString("till_id"),
                        new Stats.Range(row.getLong("first_missing"), row.getLong("last_missing"))))
                .list().forEach(entry -> unseen.computeIfAbsent(entry.getKey(), till -> new ArrayList<>()).add(entry.getValue()));
        Map<String, Long> settled = settledUpTo(unseen.keySet());
        Map<String, List<Long>> duplicated = new TreeMap<>();
        jdbc.sql("select till_id, number from orders group by till_id, number having count(*) > 1 order by till_id, number")
                .query((row, n) -> Map.entry(row.getString("till_id"), row.getLong("number")))
                .list().forEach(entry -> duplicated.computeIfAbsent(entry.getKey(), till -> new ArrayList<>()).add(entry.getValue()));

        List<Stats.TillNumbers> tills = new ArrayList<>();
        jdbc.sql("select till_id, max(number) as last_number from orders group by till_id order by till_id")
                .query((row, n) -> Map.entry(row.getString("till_id"), row.getLong("last_number")))
                .list().forEach(entry -> {
                    long upTo = settled.getOrDefault(entry.getKey(), 0L);
                    List<Stats.Range> missing = new ArrayList<>();
                    List<Stats.Range> pending = new ArrayList<>();
                    for (Stats.Range range : unseen.getOrDefault(entry.getKey(), List.of())) {
                        if (range.from() <= upTo) {
                            missing.add(new Stats.Range(range.from(), Math.min(range.to(), upTo)));
                        }
                        if (range.to() > upTo) {
                            pending.add(new Stats.Range(Math.max(range.from(), upTo + 1), range.to()));
                        }
                    }
                    List<Long> twice = duplicated.getOrDefault(entry.getKey(), List.of());
                    if (!missing.isEmpty() || !pending.isEmpty() || !twice.isEmpty()) {
                        tills.add(new Stats.TillNumbers(entry.getKey(), entry.getValue(),
                                missing, missing.stream().mapToLong(Stats.Range::size).sum(),
                                pending, pending.stream().mapToLong(Stats.Range::size).sum(), twice));
                    }
                });
        return tills;
    }

    /**
     * Per till, the number up to which nothing more can come: the lowest, over every partition of
     * the orders topic, of the highest number that partition has brought from the till (0 while a
     * partition has brought none). A till's numbers only go up on each partition.
     */
    private Map<String, Long> settledUpTo(Collection<String> tills) {
        Map<String, Long> settled = new HashMap<>();
        if (tills.isEmpty()) {
            return settled;
        }
        jdbc.sql("""
                        select tills.till_id, min(coalesce(highest.number, 0)) as settled
                        from (select distinct till_id from orders where till_id in (:tills)) tills
                        cross join (select kafka_partition from kafka_positions where topic = :orders) partitions
                        left join (select till_id, kafka_partition, max(number) as number
                                   from orders where till_id in (:tills) group by till_id, kafka_partition) highest
                               on highest.till_id = tills.till_id and highest.kafka_partition = partitions.kafka_partition
                        group by tills.till_id""")
                .param("tills", tills)
                .param("orders", ShopTopic.ORDERS.topicName())
                .query((row, n) -> Map.entry(row.getString("till_id"), row.getLong("settled")))
                .list().forEach(entry -> settled.put(entry.getKey(), entry.getValue()));
        return settled;
    }
}
