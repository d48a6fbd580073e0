package dev.chippy.runner.fault;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopEvent;
import dev.chippy.event.ShopJson;
import dev.chippy.order.OrderStatus;
import dev.chippy.topic.ShopTopic;

/**
 * The proof panel's witness: it reads what the shop wrote, beside the shop, and says whether
 * every accepted order ended READY once, live.
 *
 * <ul>
 * <li>Two readers of Kafka outside every group, from the beginning: one {@code read_committed}
 * as each of the shop's readers is, one {@code read_uncommitted}. Both count the orders the
 * till accepted and each order's READY. An aborted transaction (a service killed in the
 * middle of one, a broker gone) is seen only by the second: it may see an order's READY twice
 * where the first sees it once. That difference is what the transactions are for.</li>
 * <li>PostgreSQL, as the record keeper stored it: orders stored, READY, REJECTED, and any
 * order with two READY rows (doubled). An order accepted in Kafka that is neither READY nor
 * REJECTED in PostgreSQL is in flight; still so {@link #lostAfter} after it was accepted, it
 * counts as lost.</li>
 * </ul>
 *
 * Fault tests hold the shop to the same account ({@link Account#holds()}), so the panel and the
 * tests prove the same thing.
 */
public final class Proof implements AutoCloseable {

    /** What the proof panel shows. */
    public record Account(long accepted, long stored, long ready, long rejected, long inFlight, long oldestInFlightSeconds,
                          long lost, long doubled, long readyTwiceCommitted, long readyTwiceUncommitted,
                          long recordsCommitted, long recordsUncommitted, long abortedRecords, long unreadable,
                          String database) {

        /** Every accepted order is READY or REJECTED in PostgreSQL (nothing in flight), none twice, none lost. */
        public boolean holds() {
            return inFlight == 0 && lost == 0 && doubled == 0 && "answering".equals(database);
        }

        @Override
        public String toString() {
            return accepted + " accepted, " + stored + " stored, " + ready + " READY, " + rejected + " REJECTED, "
                    + inFlight + " in flight, " + lost + " lost, " + doubled + " doubled; READY twice read_committed "
                    + readyTwiceCommitted + ", read_uncommitted " + readyTwiceUncommitted + "; " + abortedRecords
                    + " records in aborted transactions";
        }
    }

    private static final String[] TOPICS = {ShopTopic.ORDERS.topicName(), ShopTopic.ORDER_STATUS.topicName()};
    private static final int IDS_PER_QUERY = 1_000;

    private final Clock clock;
    private final Duration lostAfter;
    private final Supplier<String> jdbcUrl;
    private final String user;
    private final String password;
    private final Reader committed;
    private final Reader uncommitted;
    /** Orders accepted and not yet READY or REJECTED in PostgreSQL, and when each was accepted. */
    private final Map<UUID, Instant> open = new ConcurrentHashMap<>();
    private final Thread checker;
    private volatile boolean running = true;
    private volatile Account account;
    private Connection db;

    /**
     * @param jdbcUrl where PostgreSQL is now (it may be restarted on the same URL)
     */
    public Proof(String bootstrapServers, Map<String, String> kafkaProperties, Supplier<String> jdbcUrl, String user,
                 String password, Duration lostAfter, Clock clock) {
        this.clock = clock;
        this.lostAfter = lostAfter;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.committed = new Reader("read_committed", bootstrapServers, kafkaProperties, true);
        this.uncommitted = new Reader("read_uncommitted", bootstrapServers, kafkaProperties, false);
        this.account = empty("not read yet");
        checker = new Thread(this::check, "proof");
        checker.setDaemon(true);
        checker.start();
    }

    /** The account as last worked out (about once a second). */
    public Account account() {
        return account;
    }

    private void check() {
        while (running) {
            Account now;
            try {
                now = workOut();
            } catch (SQLException | RuntimeException e) {
                // Whatever went wrong, the proof goes on reading; it says PostgreSQL did not answer.
                closeDatabase();
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                now = empty("not answering (" + why + ")");
            }
            account = now;
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Account workOut() throws SQLException {
        if (db == null || db.isClosed()) {
            db = DriverManager.getConnection(jdbcUrl.get(), user, password);
            db.setReadOnly(true);
        }
        committed.acceptedSince().forEach(open::putIfAbsent);
        settleOpenOrders();
        long stored;
        long ready;
        try (Statement statement = db.createStatement();
             ResultSet counts = statement.executeQuery("select count(*), count(*) filter (where status = 'READY') from orders")) {
            counts.next();
            stored = counts.getLong(1);
            ready = counts.getLong(2);
        }
        // From the history: an order nobody could read (a poison message) is REJECTED there, by
        // its id, though the record keeper has no order to store.
        long rejected;
        try (Statement statement = db.createStatement();
             ResultSet counts = statement.executeQuery(
                     "select count(distinct order_id) from status_changes where status = 'REJECTED'")) {
            counts.next();
            rejected = counts.getLong(1);
        }
        long doubled;
        try (Statement statement = db.createStatement();
             ResultSet twice = statement.executeQuery("select count(*) from (select order_id from status_changes"
                     + " where status = 'READY' group by order_id having count(*) > 1) as doubled")) {
            twice.next();
            doubled = twice.getLong(1);
        }
        Instant now = clock.instant();
        Instant oldest = open.values().stream().min(Instant::compareTo).orElse(now);
        long lost = open.values().stream().filter(accepted -> accepted.plus(lostAfter).isBefore(now)).count();
        long committedRecords = committed.records();
        long aborted = uncommitted.recordsBelow(committed.positions()) - committedRecords;
        return new Account(committed.accepted(), stored, ready, rejected, open.size(),
                Duration.between(oldest, now).toSeconds(), lost, doubled, committed.readyTwice(), uncommitted.readyTwice(),
                committedRecords, uncommitted.records(), Math.max(0, aborted), committed.unreadable(), "answering");
    }

    /** Drops from the open orders those PostgreSQL has READY or REJECTED. */
    private void settleOpenOrders() throws SQLException {
        List<UUID> ids = new ArrayList<>(open.keySet());
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<UUID> some = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            try (PreparedStatement query = db.prepareStatement(
                    "select id from orders where id = any(?) and status in ('READY', 'REJECTED')")) {
                Array array = db.createArrayOf("uuid", some.toArray());
                query.setArray(1, array);
                try (ResultSet done = query.executeQuery()) {
                    while (done.next()) {
                        open.remove(done.getObject(1, UUID.class));
                    }
                }
            }
        }
    }

    private Account empty(String database) {
        Account last = account;
        long accepted = committed.accepted();
        return new Account(accepted, last == null ? 0 : last.stored(), last == null ? 0 : last.ready(),
                last == null ? 0 : last.rejected(), open.size(), 0, last == null ? 0 : last.lost(),
                last == null ? 0 : last.doubled(), committed.readyTwice(), uncommitted.readyTwice(), committed.records(),
                uncommitted.records(), last == null ? 0 : last.abortedRecords(), committed.unreadable(), database);
    }

    private void closeDatabase() {
        try {
            if (db != null) {
                db.close();
            }
        } catch (SQLException ignored) {
            // it is gone either way
        }
        db = null;
    }

    @Override
    public void close() {
        running = false;
        checker.interrupt();
        committed.close();
        uncommitted.close();
        closeDatabase();
    }

    /** One reader of the orders and their statuses, at one isolation level. */
    private static final class Reader {

        private final boolean committedOnly;
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread poller;
        private final Map<UUID, Integer> readyCount = new ConcurrentHashMap<>();
        private final Set<UUID> readyTwice = ConcurrentHashMap.newKeySet();
        /** Orders read since {@link #acceptedSince()} last asked, with when the till accepted each. */
        private final Map<UUID, Instant> newlyAccepted = new LinkedHashMap<>();
        private final AtomicLong accepted = new AtomicLong();
        private final AtomicLong records = new AtomicLong();
        private final AtomicLong unreadable = new AtomicLong();
        /** Each partition's record offsets, in order, to count those below a position. */
        private final Map<TopicPartition, List<Long>> offsets = new ConcurrentHashMap<>();
        private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
        private volatile boolean open = true;

        Reader(String isolation, String bootstrapServers, Map<String, String> kafkaProperties, boolean committedOnly) {
            this.committedOnly = committedOnly;
            Map<String, Object> config = new HashMap<>(kafkaProperties);
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "chippy-proof-" + isolation.replace('_', '-'));
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            poller = new Thread(this::poll, "proof-" + isolation);
            poller.setDaemon(true);
            poller.start();
        }

        private void poll() {
            try {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : TOPICS) {
                    while (open && consumer.partitionsFor(topic).isEmpty()) {
                        Thread.sleep(500);
                    }
                    consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (open) {
                    try {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            read(record);
                        }
                        if (committedOnly) {
                            for (TopicPartition partition : consumer.assignment()) {
                                positions.put(partition, consumer.position(partition, Duration.ZERO));
                            }
                        }
                    } catch (RetriableException brokerAway) {
                        // A broker killed or restarted by a fault: the proof reads on once it is back.
                        Thread.sleep(500);
                    }
                }
            } catch (WakeupException | InterruptedException closing) {
                // closing
            } catch (RuntimeException e) {
                System.err.println("The proof's " + (committedOnly ? "read_committed" : "read_uncommitted")
                        + " reader stopped: " + e);
            } finally {
                consumer.close(Duration.ZERO);
            }
        }

        private void read(ConsumerRecord<String, byte[]> record) {
            records.incrementAndGet();
            List<Long> read = offsets.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                    partition -> new ArrayList<>());
            synchronized (read) {
                read.add(record.offset());
            }
            ShopEvent event;
            try {
                event = ShopJson.read(new String(record.value(), StandardCharsets.UTF_8));
            } catch (RuntimeException poison) {
                unreadable.incrementAndGet();
                return;
            }
            if (event instanceof OrderPlaced placed) {
                accepted.incrementAndGet();
                synchronized (newlyAccepted) {
                    newlyAccepted.put(placed.orderId(), Instant.ofEpochMilli(record.timestamp()));
                }
            } else if (event instanceof OrderStatusChanged changed && changed.status() == OrderStatus.READY) {
                if (readyCount.merge(changed.orderId(), 1, Integer::sum) > 1) {
                    readyTwice.add(changed.orderId());
                }
            }
        }

        Map<UUID, Instant> acceptedSince() {
            synchronized (newlyAccepted) {
                Map<UUID, Instant> since = new LinkedHashMap<>(newlyAccepted);
                newlyAccepted.clear();
                return since;
            }
        }

        long accepted() {
            return accepted.get();
        }

        long records() {
            return records.get();
        }

        long unreadable() {
            return unreadable.get();
        }

        long readyTwice() {
            return readyTwice.size();
        }

        Map<TopicPartition, Long> positions() {
            return Map.copyOf(positions);
        }

        /** Records read below each partition's given position: what a committed reader there could have seen. */
        long recordsBelow(Map<TopicPartition, Long> positions) {
            long below = 0;
            for (Map.Entry<TopicPartition, Long> position : positions.entrySet()) {
                List<Long> read = offsets.get(position.getKey());
                if (read == null) {
                    continue;
                }
                synchronized (read) {
                    int index = Collections.binarySearch(read, position.getValue());
                    below += index >= 0 ? index : -index - 1;
                }
            }
            return below;
        }

        void close() {
            open = false;
            consumer.wakeup();
            try {
                poller.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
