package dev.chippy.benchmark;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import dev.chippy.event.CookRequested;
import dev.chippy.event.FoodCooked;
import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopEvent;
import dev.chippy.event.ShopJson;
import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderMix;
import dev.chippy.order.OrderStatus;
import dev.chippy.topic.ShopTopic;

/**
 * The record keeper's work, made up in advance: the whole lives of {@code orders} orders
 * (the talk's mix, so a sixth go round the cook), written to the shop's topics before the
 * record keeper starts; and the same rows, for plain JDBC batch inserts and {@code COPY} to be compared with.
 */
final class SinkLoad {

    private final List<Order> orders = new ArrayList<>();
    private final List<ShopEvent> events = new ArrayList<>();
    private final long rows;

    SinkLoad(int count) {
        OrderMix mix = new OrderMix(Menu.standard());
        SplittableRandom random = new SplittableRandom(42);
        Instant now = Instant.now();
        long lines = 0;
        long changes = 0;
        for (int n = 1; n <= count; n++) {
            Order order = new Order(UUID.randomUUID(), "till-" + (1 + n % 3), n, now, mix.roll(random, true));
            orders.add(order);
            lines += order.lines().size();
            events.add(OrderPlaced.of(order));
            events.add(OrderStatusChanged.of(order, OrderStatus.PREPARING, now, "preparer-1"));
            changes += 2;
            if (order.needsCook()) {
                events.add(OrderStatusChanged.of(order, OrderStatus.WAITING_FOR_COOK, now, "preparer-1"));
                events.add(FoodCooked.of(CookRequested.of(order, "preparer-1", now), "cook-1", now));
                changes += 2;
            }
            events.add(OrderStatusChanged.of(order, OrderStatus.READY, now, "preparer-1"));
            changes++;
        }
        rows = orders.size() + lines + changes;
    }

    /** Rows the record keeper stores for these events: orders, their lines, their status changes. */
    long rows() {
        return rows;
    }

    void publish(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (ShopTopic topic : List.of(ShopTopic.ORDERS, ShopTopic.ORDER_STATUS, ShopTopic.COOKED)) {
                topics.add(new NewTopic(topic.topicName(), 3, (short) 1));
                topics.add(new NewTopic(topic.deadLetterTopicName(), 3, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            // Leaders first: a freshly made topic takes a moment to have them.
            for (ShopTopic topic : List.of(ShopTopic.ORDERS, ShopTopic.ORDER_STATUS, ShopTopic.COOKED)) {
                while (producer.partitionsFor(topic.topicName()).stream().anyMatch(p -> p.leader() == null)) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
            // Every send is checked, and what failed is sent again. A topic just made can refuse
            // its first writes for a while (KAFKA-15591: NOT_LEADER_OR_FOLLOWER, then
            // OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout); one order lost that way
            // once left a run waiting ten minutes for a row that never came. Sending an event
            // twice is harmless: the record keeper stores each event once.
            List<ShopEvent> unsent = events;
            for (int attempt = 1; !unsent.isEmpty(); attempt++) {
                if (attempt > 3) {
                    throw new IllegalStateException(unsent.size() + " events could not be written to Kafka in three attempts");
                }
                List<Future<RecordMetadata>> sent = new ArrayList<>(unsent.size());
                for (ShopEvent event : unsent) {
                    ShopTopic topic = Arrays.stream(ShopTopic.values()).filter(t -> t.carries(event)).findFirst().orElseThrow();
                    sent.add(producer.send(new ProducerRecord<>(topic.topicName(), event.key(), ShopJson.write(event).getBytes(StandardCharsets.UTF_8))));
                }
                producer.flush();
                List<ShopEvent> failed = new ArrayList<>();
                for (int i = 0; i < sent.size(); i++) {
                    try {
                        sent.get(i).get();
                    } catch (ExecutionException e) {
                        failed.add(unsent.get(i));
                    }
                }
                if (!failed.isEmpty()) {
                    System.out.println("  " + failed.size() + " events refused by Kafka (attempt " + attempt + "), sent again");
                }
                unsent = failed;
            }
        }
    }

    /** Inserts the same rows with plain JDBC batches into a schema of its own; returns rows per second. */
    double insertWithJdbc(Database database, Path migration, int ordersPerTransaction) throws Exception {
        return inSchemaOfItsOwn(database, migration, db -> {
            try (PreparedStatement orderRows = db.prepareStatement(
                    "insert into orders (id, till_id, number, placed_at, status, status_at, ready_at, total_pence, version) values (?, ?, ?, ?, ?, ?, ?, ?, 0)");
                 PreparedStatement lineRows = db.prepareStatement(
                         "insert into order_lines (order_id, line_no, item, quantity, unit_price_pence) values (?, ?, ?, ?, ?)");
                 PreparedStatement changeRows = db.prepareStatement(
                         "insert into status_changes (event_id, order_id, status, at, done_by, kafka_topic, kafka_partition, kafka_offset) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                walk(ordersPerTransaction, new Rows() {
                    @Override
                    public void order(Order order) throws SQLException {
                        Timestamp at = Timestamp.from(order.placedAt());
                        orderRows.setObject(1, order.id());
                        orderRows.setString(2, order.tillId());
                        orderRows.setLong(3, order.number());
                        orderRows.setTimestamp(4, at);
                        orderRows.setString(5, OrderStatus.READY.name());
                        orderRows.setTimestamp(6, at);
                        orderRows.setTimestamp(7, at);
                        orderRows.setInt(8, order.totalPence());
                        orderRows.addBatch();
                    }

                    @Override
                    public void line(UUID orderId, int lineNo, OrderLine line) throws SQLException {
                        lineRows.setObject(1, orderId);
                        lineRows.setInt(2, lineNo);
                        lineRows.setString(3, line.item().id());
                        lineRows.setInt(4, line.quantity());
                        lineRows.setInt(5, line.item().pricePence());
                        lineRows.addBatch();
                    }

                    @Override
                    public void change(UUID eventId, UUID orderId, OrderStatus status, Instant at, String by, long offset)
                            throws SQLException {
                        changeRows.setObject(1, eventId);
                        changeRows.setObject(2, orderId);
                        changeRows.setString(3, status.name());
                        changeRows.setTimestamp(4, Timestamp.from(at));
                        changeRows.setString(5, by);
                        changeRows.setString(6, "bench");
                        changeRows.setInt(7, 0);
                        changeRows.setLong(8, offset);
                        changeRows.addBatch();
                    }

                    @Override
                    public void commit() throws SQLException {
                        for (PreparedStatement batch : List.of(orderRows, lineRows, changeRows)) {
                            batch.executeBatch();
                        }
                        db.commit();
                    }
                });
            }
        });
    }

    /**
     * Loads the same rows with PostgreSQL's {@code COPY … FROM STDIN}, three per transaction
     * (one per table), into a schema of its own; returns rows per second. The fastest way into
     * PostgreSQL there is: a ceiling no store that must also skip duplicates can reach.
     */
    double insertWithCopy(Database database, Path migration, int ordersPerTransaction) throws Exception {
        return inSchemaOfItsOwn(database, migration, db -> {
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder orderRows = new StringBuilder();
            StringBuilder lineRows = new StringBuilder();
            StringBuilder changeRows = new StringBuilder();
            walk(ordersPerTransaction, new Rows() {
                @Override
                public void order(Order order) {
                    String at = order.placedAt().toString();
                    orderRows.append(order.id()).append(',').append(order.tillId()).append(',').append(order.number())
                            .append(',').append(at).append(',').append(OrderStatus.READY.name()).append(',').append(at)
                            .append(',').append(at).append(',').append(order.totalPence()).append(",0\n");
                }

                @Override
                public void line(UUID orderId, int lineNo, OrderLine line) {
                    lineRows.append(orderId).append(',').append(lineNo).append(',').append(line.item().id()).append(',')
                            .append(line.quantity()).append(',').append(line.item().pricePence()).append('\n');
                }

                @Override
                public void change(UUID eventId, UUID orderId, OrderStatus status, Instant at, String by, long offset) {
                    changeRows.append(eventId).append(',').append(orderId).append(',').append(status.name()).append(',')
                            .append(at).append(',').append(by).append(",bench,0,").append(offset).append('\n');
                }

                @Override
                public void commit() throws SQLException {
                    try {
                        copy.copyIn("copy orders (id, till_id, number, placed_at, status, status_at, ready_at, total_pence, version)"
                                + " from stdin (format csv)", new StringReader(orderRows.toString()));
                        copy.copyIn("copy order_lines (order_id, line_no, item, quantity, unit_price_pence) from stdin (format csv)",
                                new StringReader(lineRows.toString()));
                        copy.copyIn("copy status_changes (event_id, order_id, status, at, done_by, kafka_topic, kafka_partition,"
                                + " kafka_offset) from stdin (format csv)", new StringReader(changeRows.toString()));
                    } catch (IOException e) {
                        throw new SQLException(e);
                    }
                    orderRows.setLength(0);
                    lineRows.setLength(0);
                    changeRows.setLength(0);
                    db.commit();
                }
            });
        });
    }

    /** The rows the record keeper would store, told one by one, with a commit every {@code ordersPerTransaction} orders. */
    private void walk(int ordersPerTransaction, Rows rows) throws SQLException {
        int inTransaction = 0;
        long offset = 0;
        for (ShopEvent event : events) {
            if (event instanceof OrderPlaced placed) {
                Order order = placed.order();
                rows.order(order);
                int lineNo = 0;
                for (OrderLine line : order.lines()) {
                    rows.line(order.id(), lineNo++, line);
                }
                rows.change(placed.eventId(), order.id(), OrderStatus.PLACED, order.placedAt(), order.tillId(), offset++);
                if (++inTransaction == ordersPerTransaction) {
                    rows.commit();
                    inTransaction = 0;
                }
            } else if (event instanceof OrderStatusChanged status) {
                rows.change(status.eventId(), status.orderId(), status.status(), status.at(), status.by(), offset++);
            } else if (event instanceof FoodCooked cooked) {
                rows.change(cooked.eventId(), cooked.orderId(), OrderStatus.COOKED, cooked.at(), cooked.cookedBy(), offset++);
            }
        }
        rows.commit();
    }

    /** Where a baseline puts the rows it is told of. */
    private interface Rows {
        void order(Order order) throws SQLException;

        void line(UUID orderId, int lineNo, OrderLine line) throws SQLException;

        void change(UUID eventId, UUID orderId, OrderStatus status, Instant at, String by, long offset) throws SQLException;

        void commit() throws SQLException;
    }

    private interface Load {
        void into(Connection db) throws Exception;
    }

    /** Runs {@code load} into a fresh schema made by the record keeper's first migration; returns rows per second. */
    private double inSchemaOfItsOwn(Database database, Path migration, Load load) throws Exception {
        String schema = "baseline_" + Long.toHexString(System.nanoTime());
        try (Connection db = database.connect()) {
            try (Statement statement = db.createStatement()) {
                statement.execute("create schema " + schema);
                statement.execute("set search_path to " + schema);
                statement.execute(Files.readString(migration));
            }
            db.setAutoCommit(false);
            long start = System.nanoTime();
            load.into(db);
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement statement = db.createStatement()) {
                statement.execute("drop schema " + schema + " cascade");
            }
            db.commit();
            return rows / seconds;
        }
    }
}
