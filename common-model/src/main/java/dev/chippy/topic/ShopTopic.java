package dev.chippy.topic;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.chippy.event.CabinetStocked;
import dev.chippy.event.CabinetToppedUp;
import dev.chippy.event.CookRequested;
import dev.chippy.event.FoodCooked;
import dev.chippy.event.FoodNotCooked;
import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderReceipt;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopEvent;
import dev.chippy.event.TillCheckpoint;
import dev.chippy.event.TillServiceOpened;
import dev.chippy.event.WindowTallied;

/**
 * Every Kafka topic of the shop: its name, its cleanup, and which events it carries. Each
 * topic has exactly one writing service, named in its comment. Names are in {@link Names} as constants so
 * that listener annotations can use them too; nobody types a topic name anywhere else.
 */
public enum ShopTopic {

    /** Orders as the tills take them: written by the till service, read by the preparers, the record keeper and the analyst. */
    ORDERS(Names.ORDERS, Cleanup.DELETE, List.of(OrderPlaced.class)),
    /** What the preparers ask the cook to cook: written by the preparer service, read by the cook. */
    COOK_REQUESTS(Names.COOK_REQUESTS, Cleanup.DELETE, List.of(CookRequested.class)),
    /**
     * What the cook has cooked, carrying the order back, or could not cook, and why, and what it
     * fried ahead for a hot cabinet (in the cabinet's partition): written by the cook service,
     * read by the preparers and the record keeper.
     */
    COOKED(Names.COOKED, Cleanup.DELETE, List.of(FoodCooked.class, FoodNotCooked.class, CabinetToppedUp.class)),
    /** Every status change of every order: written by the preparer service, read by the record keeper and the analyst. */
    ORDER_STATUS(Names.ORDER_STATUS, Cleanup.DELETE, List.of(OrderStatusChanged.class)),
    /**
     * The last number each till handed out, and which till service opened last (compacted):
     * written by the till service, read back by it when it opens.
     */
    TILL_CHECKPOINTS(Names.TILL_CHECKPOINTS, Cleanup.COMPACT,
            List.of(TillCheckpoint.class, TillServiceOpened.class)),
    /**
     * Answers given to requests with an Idempotency-Key, kept for a day (compacted, then deleted):
     * written by the till service, read back by it when it starts.
     */
    ORDER_RECEIPTS(Names.ORDER_RECEIPTS, Cleanup.COMPACT_AND_DELETE_AFTER_A_DAY, List.of(OrderReceipt.class)),
    /**
     * The analyst's tallies of windows of time (orders per till per minute, portions per five
     * minutes, placed-to-ready time per minute), each share of a window's latest kept (compacted,
     * then deleted after a day): written by the analyst service, stored by the record keeper, and
     * shown on the live board.
     */
    SHOP_WINDOWS(Names.SHOP_WINDOWS, Cleanup.COMPACT_AND_DELETE_AFTER_A_DAY, List.of(WindowTallied.class)),
    /**
     * Each hot cabinet's stock after every change, in the cabinet's partition (compacted: the
     * latest is the stock): written by the preparer service, whichever preparer owns the
     * cabinet, and read back by it when it takes a cabinet over; watched by the cook, who tops
     * the cabinets up, and by the live board.
     */
    CABINET(Names.CABINET, Cleanup.COMPACT, List.of(CabinetStocked.class));

    /** Suffix of the dead-letter topic that holds what no reader of a topic could handle. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private final String topicName;
    private final Cleanup cleanup;
    private final List<Class<? extends ShopEvent>> events;

    ShopTopic(String topicName, Cleanup cleanup, List<Class<? extends ShopEvent>> events) {
        this.topicName = topicName;
        this.cleanup = cleanup;
        this.events = events;
    }

    public String topicName() {
        return topicName;
    }

    public String deadLetterTopicName() {
        return topicName + DEAD_LETTER_SUFFIX;
    }

    /** The topic's {@code cleanup.policy}. */
    public String cleanupPolicy() {
        return cleanup.policy;
    }

    /** The topic's {@code retention.ms}, when it differs from the broker's default. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(cleanup.retention);
    }

    /** The event types this topic carries; anything else found on it is a dead letter. */
    public List<Class<? extends ShopEvent>> events() {
        return events;
    }

    public boolean carries(ShopEvent event) {
        return events.stream().anyMatch(type -> type.isInstance(event));
    }

    public static ShopTopic named(String topicName) {
        for (ShopTopic topic : values()) {
            if (topic.topicName.equals(topicName)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("no shop topic is called '" + topicName + "'");
    }

    private enum Cleanup {
        DELETE("delete", null),
        /** Keeps the latest record per key for ever: state to read back on start. */
        COMPACT("compact", null),
        /** Keeps the latest record per key, and nothing older than a day. */
        COMPACT_AND_DELETE_AFTER_A_DAY("compact,delete", Duration.ofDays(1));

        private final String policy;
        private final Duration retention;

        Cleanup(String policy, Duration retention) {
            this.policy = policy;
            this.retention = retention;
        }
    }

    /** The topic names as compile-time constants, for annotations. */
    public static final class Names {

        public static final String ORDERS = "chippy.orders";
        public static final String COOK_REQUESTS = "chippy.cook-requests";
        public static final String COOKED = "chippy.cooked";
        public static final String ORDER_STATUS = "chippy.order-status";
        public static final String TILL_CHECKPOINTS = "chippy.till-checkpoints";
        public static final String ORDER_RECEIPTS = "chippy.order-receipts";
        public static final String SHOP_WINDOWS = "chippy.shop-windows";
        public static final String CABINET = "chippy.cabinet";

        private Names() {
        }
    }
}
