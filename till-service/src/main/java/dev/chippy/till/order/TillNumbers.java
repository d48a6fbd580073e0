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
    private final int capacity;

    /** @param capacity tills the shop knows at most; an order from one more is refused */
    public TillNumbers(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Lets a till take orders: true when it is known already or there is room for one more.
     * Every till the shop knows is remembered, and read back when the till service starts,
     * so their number is what bounds that memory.
     */
    public boolean admit(String tillId) {
        if (last.containsKey(tillId)) {
            return true;
        }
        if (last.size() >= capacity) {
            return false;
        }
        last.putIfAbsent(tillId, 0L);
        return true;
    }

    public int capacity() {
        return capacity;
    }

    /** How many tills the shop knows. */
    public int count() {
        return last.size();
    }

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
