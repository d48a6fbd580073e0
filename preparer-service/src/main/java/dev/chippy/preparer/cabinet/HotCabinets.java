package dev.chippy.preparer.cabinet;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.chippy.menu.Portion;

/**
 * The hot cabinets of the partitions this preparer owns: one cabinet per partition of the
 * orders. Owning the partition is owning the cabinet: the consumer group gives each partition
 * to one preparer at a time, and only its owner takes from or adds to a cabinet, one record at
 * a time, so no two preparers ever take the last portion twice and the stock never goes below
 * nothing.
 *
 * <p>Each change is written to the cabinet topic in the Kafka transaction of the order or top-up
 * that made it, and held here only once that transaction has committed: a batch that is rolled
 * back (and read again) leaves the stock as it was. A cabinet this preparer has just been given
 * is read back from the cabinet topic when it is first used.
 */
public class HotCabinets {

    private final IntFunction<Map<Portion, Integer>> stored;
    /** Each cabinet's stock as of the last committed transaction. */
    private final Map<Integer, Map<Portion, Integer>> committed = new HashMap<>();
    /** The changes of the transaction under way, by cabinet; null when none is under way. */
    private Map<Integer, Map<Portion, Integer>> changing;

    /** @param stored reads a cabinet's latest committed stock back from Kafka */
    public HotCabinets(IntFunction<Map<Portion, Integer>> stored) {
        this.stored = stored;
    }

    /** The partitions moved: every cabinet is read back from Kafka when next used. */
    public synchronized void forget() {
        committed.clear();
        changing = null;
    }

    /** The cabinet's stock, as the transaction under way sees it. */
    public synchronized Map<Portion, Integer> stock(int cabinet) {
        if (changing != null && changing.containsKey(cabinet)) {
            return Map.copyOf(changing.get(cabinet));
        }
        return Map.copyOf(committed.computeIfAbsent(cabinet, stored::apply));
    }

    /**
     * Takes {@code needs} out of the cabinet when every portion of it is there, and returns the
     * stock left; takes nothing and returns empty when any portion is short.
     */
    public synchronized Optional<Map<Portion, Integer>> take(int cabinet, Map<Portion, Integer> needs) {
        Map<Portion, Integer> stock = new LinkedHashMap<>(stock(cabinet));
        for (Map.Entry<Portion, Integer> need : needs.entrySet()) {
            if (stock.getOrDefault(need.getKey(), 0) < need.getValue()) {
                return Optional.empty();
            }
        }
        needs.forEach((portion, count) -> stock.merge(portion, -count, Integer::sum));
        return Optional.of(change(cabinet, stock));
    }

    /** Puts the portions into the cabinet, and returns the stock now. */
    public synchronized Map<Portion, Integer> put(int cabinet, Map<Portion, Integer> portions) {
        Map<Portion, Integer> stock = new LinkedHashMap<>(stock(cabinet));
        portions.forEach((portion, count) -> stock.merge(portion, count, Integer::sum));
        return change(cabinet, stock);
    }

    private Map<Portion, Integer> change(int cabinet, Map<Portion, Integer> stock) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            committed.put(cabinet, stock); // no transaction: the change stands at once
            return Map.copyOf(stock);
        }
        if (changing == null) {
            changing = new HashMap<>();
            Map<Integer, Map<Portion, Integer>> ours = changing;
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    settle(ours, status == STATUS_COMMITTED);
                }
            });
        }
        changing.put(cabinet, stock);
        return Map.copyOf(stock);
    }

    private synchronized void settle(Map<Integer, Map<Portion, Integer>> changes, boolean committedNow) {
        if (changes != changing) {
            return; // forgotten meanwhile: the partitions moved
        }
        if (committedNow) {
            committed.putAll(changes);
        }
        changing = null;
    }
}
