package dev.chippy.runner.fault;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.chippy.runner.Shop;
import dev.chippy.runner.fault.Proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every fault test holds the shop to, in PostgreSQL: every accepted order is there and
 * READY, with exactly one READY in its history; nothing that was not accepted is there; no
 * till number is used twice; and no key was answered with two orders.
 */
public final class ShopInvariant {

    private ShopInvariant() {
    }

    /** What a fault test saw, for its report: orders placed, READY, doubled, lost. */
    public record Outcome(String fault, int placed, long ready, long doubled, long lost) {
        @Override
        public String toString() {
            return fault + ": " + placed + " orders placed, " + ready + " READY, " + doubled + " doubled, " + lost + " lost";
        }
    }

    /** Waits until every accepted order is READY in PostgreSQL, then checks everything; returns what it saw. */
    public static Outcome holds(String fault, String jdbcUrl, List<Customers.Accepted> accepted, Duration within) {
        return holds(fault, jdbcUrl, accepted, Set.of(), within);
    }

    /**
     * As above, in a shop that was also sent orders no till accepted, which the kitchen must
     * refuse: each of {@code rejected} is in PostgreSQL as REJECTED, never READY.
     */
    public static Outcome holds(String fault, String jdbcUrl, List<Customers.Accepted> accepted, Set<UUID> rejected,
                                Duration within) {
        Set<UUID> ids = accepted.stream().map(Customers.Accepted::orderId).collect(Collectors.toSet());
        assertThat(ids).as("each accepted key has its own order").hasSameSizeAs(accepted);
        assertThat(accepted.stream().map(order -> order.tillId() + "#" + order.number()).distinct().count())
                .as("no till number was handed out twice to the customers").isEqualTo(accepted.size());
        try (Connection db = DriverManager.getConnection(jdbcUrl, "chippy", "chippy")) {
            await("every accepted order is READY in PostgreSQL").atMost(within).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> count(db, "select count(*) from orders where status = 'READY'") >= ids.size());
            Set<UUID> stored = uuids(db, "select id from orders");
            Set<UUID> ready = uuids(db, "select id from orders where status = 'READY'");
            Set<UUID> lost = new HashSet<>(ids);
            lost.removeAll(ready);
            Set<UUID> strangers = new HashSet<>(stored);
            strangers.removeAll(ids);
            strangers.removeAll(rejected);
            Set<UUID> notRejected = new HashSet<>(rejected);
            notRejected.removeAll(uuids(db, "select id from orders where status = 'REJECTED'"));
            List<String> readyTwice = strings(db, "select order_id from status_changes where status = 'READY' "
                    + "group by order_id having count(*) > 1");
            List<String> numbersTwice = strings(db, "select till_id || '#' || number from orders "
                    + "group by till_id, number having count(*) > 1");
            Outcome outcome = new Outcome(fault, accepted.size(), ready.stream().filter(ids::contains).count(),
                    readyTwice.size() + numbersTwice.size() + strangers.size(), lost.size());
            System.out.println("[fault] " + outcome);
            assertThat(lost).as("accepted orders not READY in PostgreSQL").isEmpty();
            assertThat(strangers).as("orders in PostgreSQL that no customer was told were accepted").isEmpty();
            assertThat(notRejected).as("orders the kitchen had to refuse that are not REJECTED").isEmpty();
            assertThat(readyTwice).as("orders READY more than once").isEmpty();
            assertThat(numbersTwice).as("till numbers used twice").isEmpty();
            assertThat(count(db, "select count(*) from status_changes where status = 'READY'"))
                    .as("one READY per order").isEqualTo(ids.size());
            return outcome;
        } catch (SQLException e) {
            throw new AssertionError("could not read PostgreSQL", e);
        }
    }

    /**
     * The fault panel's proof, read beside the shop, says the same once everything has settled:
     * nothing in flight, lost or doubled, and no READY seen twice by a {@code read_committed}
     * reader (the transactional kitchen's promise). Returns the proof's account.
     */
    public static Proof.Account proofAgrees(Shop shop, Duration within) {
        Proof.Account account = await("the proof panel says every accepted order is settled").atMost(within)
                .pollInterval(Duration.ofMillis(500)).until(() -> shop.proof().account(), Proof.Account::holds);
        System.out.println("[proof] " + account);
        assertThat(account.readyTwiceCommitted()).as("orders a read_committed reader saw READY twice").isZero();
        return account;
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    private static Set<UUID> uuids(Connection db, String sql) throws SQLException {
        return strings(db, sql).stream().map(UUID::fromString).collect(Collectors.toSet());
    }
}
