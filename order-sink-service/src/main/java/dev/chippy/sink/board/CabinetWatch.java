package dev.chippy.sink.board;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import dev.chippy.event.CabinetStocked;
import dev.chippy.service.kafka.ShopKafkaProperties;
import dev.chippy.service.kitchen.CabinetLedger;

/**
 * The hot cabinets as the board shows them: each cabinet's stock now and over the last minutes,
 * who owns it (the preparer that wrote its latest stock), how often the cook topped it up, and
 * how many orders it could serve or made wait for the fryer. Read from the cabinet topic, where
 * each cabinet's owner writes its stock after every change; a shop without cabinets shows none.
 */
@Component
public class CabinetWatch implements DisposableBean {

    /** How far back the stock is drawn. */
    static final Duration HISTORY = Duration.ofMinutes(10);

    private final ConsumerFactory<?, ?> consumers;
    private final int cabinets;
    private CabinetLedger ledger;
    private final Map<Integer, CabinetStocked> latest = new TreeMap<>();
    private final Map<Integer, Deque<CabinetView.Sample>> history = new TreeMap<>();
    private long toppedUp;
    private long taken;
    private long waited;
    private long version;

    CabinetWatch(ConsumerFactory<?, ?> consumers, ShopKafkaProperties kafka) {
        this.consumers = consumers;
        this.cabinets = kafka.partitions();
    }

    /** Reads what the cabinets' owners have written since the last reading. */
    synchronized void read() {
        if (ledger == null) {
            ledger = new CabinetLedger(consumers.getConfigurationProperties(), IntStream.range(0, cabinets).boxed().toList());
        }
        hear(ledger.readOn());
    }

    /** Takes note of what the cabinets' owners wrote, in the order they wrote it. */
    synchronized void hear(List<CabinetStocked> news) {
        for (CabinetStocked stocked : news) {
            latest.put(stocked.cabinet(), stocked);
            Deque<CabinetView.Sample> samples = history.computeIfAbsent(stocked.cabinet(), cabinet -> new ArrayDeque<>());
            samples.addLast(new CabinetView.Sample(stocked.at(), byId(stocked)));
            while (samples.peekFirst().at().isBefore(stocked.at().minus(HISTORY))) {
                samples.removeFirst();
            }
            switch (stocked.change()) {
                case TOPPED_UP -> toppedUp++;
                case TAKEN -> taken++;
                case SHORT -> waited++;
            }
        }
        if (!news.isEmpty()) {
            version++;
        }
    }

    synchronized long version() {
        return version;
    }

    synchronized CabinetView view() {
        List<CabinetView.Cabinet> shown = new ArrayList<>();
        latest.forEach((cabinet, stocked) -> shown.add(new CabinetView.Cabinet(cabinet, stocked.by(), byId(stocked),
                List.copyOf(history.getOrDefault(cabinet, new ArrayDeque<>())))));
        return new CabinetView(version, shown, toppedUp, taken, waited);
    }

    private static Map<String, Integer> byId(CabinetStocked stocked) {
        Map<String, Integer> stock = new TreeMap<>();
        stocked.stock().forEach((portion, count) -> stock.put(portion.id(), count));
        return stock;
    }

    @Override
    public synchronized void destroy() {
        if (ledger != null) {
            ledger.close();
        }
    }
}
