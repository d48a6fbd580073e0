package dev.chippy.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.stream.Collectors;

import dev.chippy.menu.Menu;
import dev.chippy.menu.MenuItem;

/** Questions for the record keeper's tables, over plain JDBC. */
final class Database {

    private final String url;

    Database(String url) {
        this.url = url;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "chippy", "chippy");
    }

    long count(String sql, Object... parameters) {
        try (Connection db = connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Orders of a till that became ready within [from, until). */
    long readyBetween(String tillId, Instant from, Instant until) {
        return count("select count(*) from orders where till_id = ? and ready_at >= ? and ready_at < ?",
                tillId, Timestamp.from(from), Timestamp.from(until));
    }

    /** Placed-to-ready latency percentiles (ms) of a till's orders: p50, p95, p99. */
    double[] latencies(String tillId) throws SQLException {
        return latencies(tillId, "true");
    }

    /** The same, of the till's orders that go round the cook, or of those that do not. */
    double[] latencies(String tillId, boolean cooked) throws SQLException {
        String cookedItems = Menu.standard().items().stream().filter(MenuItem::needsCook)
                .map(item -> "'" + item.id() + "'").collect(Collectors.joining(", "));
        return latencies(tillId, (cooked ? "" : "not ")
                + "exists (select 1 from order_lines l where l.order_id = o.id and l.item in (" + cookedItems + "))");
    }

    private double[] latencies(String tillId, String condition) throws SQLException {
        try (Connection db = connect(); PreparedStatement statement = db.prepareStatement("""
                select percentile_cont(0.50) within group (order by extract(epoch from ready_at - placed_at) * 1000),
                       percentile_cont(0.95) within group (order by extract(epoch from ready_at - placed_at) * 1000),
                       percentile_cont(0.99) within group (order by extract(epoch from ready_at - placed_at) * 1000)
                from orders o where till_id = ? and ready_at is not null and\s""" + condition)) {
            statement.setString(1, tillId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return new double[] {result.getDouble(1), result.getDouble(2), result.getDouble(3)};
            }
        }
    }
}
