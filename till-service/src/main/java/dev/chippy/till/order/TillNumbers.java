package dev.chippy.till.order;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last number each till handed out. Numbers start at 1 and are never reused: the
 * last number of each till is written to Kafka with every batch of orders, and read back
 * when the service starts.
 */
public class TillNumbers {

    private final Map<String, Long> last = new ConcurrentHashMap<>();

    /** The last number the till handed out; 0 for a till that has taken no order yet. */
    public long last(String tillId) {
        return last.getOrDefault(tillId, 0L);
    }

    /** Records numbers as handed out. A number only ever moves up. */
    public void advance(Map<String, Long> lastNumbers) {
        lastNumbers.forEach((tillId, number) -> last.merge(tillId, number, Math::max));
    }

    public Map<String, Long> snapshot() {
        return Map.copyOf(last);
    }
}
