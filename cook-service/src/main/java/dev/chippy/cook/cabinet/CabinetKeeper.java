package dev.chippy.cook.cabinet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.kafka.core.KafkaTemplate;

import dev.chippy.event.CabinetStocked;
import dev.chippy.event.CabinetToppedUp;
import dev.chippy.menu.Menu;
import dev.chippy.menu.Portion;
import dev.chippy.service.kafka.WorkerIdentity;
import dev.chippy.service.kitchen.CabinetLedger;
import dev.chippy.service.kitchen.CabinetProperties;
import dev.chippy.service.time.ShopClock;
import dev.chippy.topic.ShopTopic;

/**
 * The cook's other job (the talk's extra credit): it wakes up every so often, looks at the hot
 * cabinets' stock on the cabinet topic, and tops up each one that has fallen to half its level:
 * it fries a load and sends the portions, in a Kafka transaction of its own, to the cabinet's
 * partition of the cooked topic, where the preparer that owns the cabinet puts them in.
 *
 * <p>The stock it sees runs a little behind: a top-up it has sent shows in the stock only once
 * the cabinet's owner has put it in. So it sends a cabinet nothing more until its last top-up
 * shows (by its id), or a minute has gone by without (the top-up was lost with a crash before it
 * was sent, and nothing was put in).
 */
public class CabinetKeeper implements AutoCloseable {

    private static final Log LOG = LogFactory.getLog(CabinetKeeper.class);
    private static final Duration GIVE_UP_WAITING = Duration.ofMinutes(1);

    private record Pending(UUID topUpId, Instant sent) {
    }

    private final CabinetProperties properties;
    private final KafkaTemplate<Object, Object> kafka;
    private final ShopClock clock;
    private final Clock wallClock;
    private final WorkerIdentity identity;
    private final CabinetLedger ledger;
    private final int cabinets;
    private final List<Portion> kept = Menu.standard().portions().stream().filter(portion -> !portion.cookedToOrder()).toList();
    private final Map<Integer, CabinetStocked> stock = new HashMap<>();
    private final Map<Integer, Pending> pending = new HashMap<>();

    public CabinetKeeper(CabinetProperties properties, KafkaTemplate<Object, Object> kafka, ShopClock clock, Clock wallClock,
                         WorkerIdentity identity, Map<String, Object> consumerConfig, int cabinets) {
        this.properties = properties;
        this.kafka = kafka;
        this.clock = clock;
        this.wallClock = wallClock;
        this.identity = identity;
        this.cabinets = cabinets;
        this.ledger = new CabinetLedger(consumerConfig, IntStream.range(0, cabinets).boxed().toList());
    }

    /** One look at the cabinets, and a top-up for each that needs one. */
    public synchronized void wakeUp() {
        List<CabinetStocked> news = ledger.readOn();
        // A top-up that went in shows in the cabinet's history, though orders may have taken from it since.
        news.forEach(change -> pending.computeIfPresent(change.cabinet(),
                (cabinet, sent) -> sent.topUpId().equals(change.topUpId()) ? null : sent));
        stock.putAll(CabinetLedger.latest(news));
        Instant now = wallClock.instant();
        for (int cabinet = 0; cabinet < cabinets; cabinet++) {
            CabinetStocked latest = stock.get(cabinet);
            Pending sent = pending.get(cabinet);
            if (sent != null) {
                if (now.isBefore(sent.sent().plus(GIVE_UP_WAITING))) {
                    continue; // the last top-up is still on its way into the cabinet
                }
                pending.remove(cabinet);
            }
            Map<Portion, Integer> wanted = wanted(latest == null ? Map.of() : latest.stock());
            if (!wanted.isEmpty()) {
                topUp(cabinet, wanted);
            }
        }
    }

    /** Up to the level, when any portion has fallen to half of it or below; nothing otherwise. */
    private Map<Portion, Integer> wanted(Map<Portion, Integer> stock) {
        boolean low = kept.stream().anyMatch(portion -> stock.getOrDefault(portion, 0) <= properties.lowWater());
        Map<Portion, Integer> wanted = new LinkedHashMap<>();
        if (low) {
            kept.forEach(portion -> {
                int missing = properties.level() - stock.getOrDefault(portion, 0);
                if (missing > 0) {
                    wanted.put(portion, missing);
                }
            });
        }
        return wanted;
    }

    private void topUp(int cabinet, Map<Portion, Integer> portions) {
        clock.spend(clock.timings().cooking()); // one load of the big fryer
        CabinetToppedUp toppedUp = new CabinetToppedUp(UUID.randomUUID(), cabinet, portions, identity.name(), wallClock.instant());
        kafka.executeInTransaction(operations ->
                operations.send(ShopTopic.COOKED.topicName(), cabinet, toppedUp.key(), toppedUp));
        pending.put(cabinet, new Pending(toppedUp.eventId(), wallClock.instant()));
        LOG.info(identity.name() + " topped up cabinet " + cabinet + " with " + portions);
    }

    @Override
    public synchronized void close() {
        ledger.close();
    }
}
