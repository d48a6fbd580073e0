package dev.chippy.sink.board;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;
import dev.chippy.order.OrderText;
import dev.chippy.sink.record.StoredBatch;
import dev.chippy.sink.record.StoredBatchListener;

/**
 * The shop as its screens show it, kept in memory: a pane per till with its latest orders,
 * a pane per preparer with what it is preparing and has finished, the cook's pane, and the
 * ready board. It hears every stored batch on the record keeper's listener thread, so it
 * only updates a few bounded structures under a lock there; screens are fed elsewhere
 * ({@link Screens}). An order only moves forward on the board, as in the records: a late
 * PREPARING leaves a READY order ready.
 */
@Component
public class OrderBoard implements StoredBatchListener {

    /** One order as the board knows it; panes hold these and draw them as they are now. */
    private static final class Card {
        final UUID id;
        String tillId;
        long number;
        Order order;
        OrderStatus status = OrderStatus.PLACED;
        String preparedBy;
        /** How many times Kafka handed the order to a preparer of a share group, when more than once. */
        int delivery;
        String readyBy;
        String cookedBy;

        Card(UUID id) {
            this.id = id;
        }
    }

    /** A bounded list of cards, newest first, each order at most once. */
    private static final class Pane {
        final Deque<Card> cards = new ArrayDeque<>();

        void add(Card card, int limit) {
            for (Iterator<Card> it = cards.iterator(); it.hasNext(); ) {
                if (it.next().id.equals(card.id)) {
                    it.remove();
                    break;
                }
            }
            cards.addFirst(card);
            while (cards.size() > limit) {
                cards.removeLast();
            }
        }

        boolean holds(Card card) {
            return cards.stream().anyMatch(held -> held.id.equals(card.id));
        }
    }

    private final int entriesPerPane;
    private final int panesShown;
    private final Map<UUID, Card> cards;
    private final Map<String, Pane> tills;
    private final Map<String, Pane> preparers;
    private final Pane cook = new Pane();
    private final Pane ready = new Pane();
    private Map<String, List<Integer>> preparersInGroup = Map.of();
    private Map<String, List<Integer>> cooksInGroup = Map.of();
    private long version;
    /** Pick-ups with a delivery count of 2 or more, and REJECTED orders, since the board opened. */
    private long handedOutAgain;
    private long rejected;

    @Autowired
    OrderBoard(BoardProperties properties) {
        this(properties.entriesPerPane(), properties.panesShown(), properties.rememberedOrders());
    }

    OrderBoard(int entriesPerPane, int panesShown, int rememberedOrders) {
        this.entriesPerPane = entriesPerPane;
        this.panesShown = panesShown;
        this.cards = boundedByAge(rememberedOrders);
        this.tills = boundedByAge(panesShown);
        this.preparers = boundedByAge(panesShown);
    }

    /** Most recently used last; the least recently used goes when there are more than {@code limit}. */
    private static <K, V> Map<K, V> boundedByAge(int limit) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > limit;
            }
        };
    }

    @Override
    public synchronized void stored(StoredBatch batch) {
        if (batch.placed().isEmpty() && batch.news().isEmpty()) {
            return;
        }
        batch.placed().forEach(this::placed);
        batch.news().forEach(this::heard);
        version++;
    }

    /** An order from the records, as the board starts: on its till's pane, and on the ready board if it is ready. */
    synchronized void recall(Order order, OrderStatus status) {
        Card card = placed(order);
        if (status == OrderStatus.READY && card.status != OrderStatus.READY) {
            ready.add(card, entriesPerPane);
        }
        card.status = card.status.advancedTo(status);
        version++;
    }

    /** Who owns which partitions now, by worker name, as the consumer groups say. */
    synchronized void owners(Map<String, List<Integer>> preparers, Map<String, List<Integer>> cooks) {
        if (preparers.equals(preparersInGroup) && cooks.equals(cooksInGroup)) {
            return;
        }
        preparersInGroup = Map.copyOf(preparers);
        cooksInGroup = Map.copyOf(cooks);
        version++;
    }

    synchronized long version() {
        return version;
    }

    private Card placed(Order order) {
        Card card = card(order.id(), order.tillId(), order.number());
        card.order = order;
        tills.computeIfAbsent(order.tillId(), till -> new Pane()).add(card, entriesPerPane);
        return card;
    }

    private void heard(StoredBatch.News news) {
        Card card = card(news.orderId(), news.tillId(), news.number());
        boolean wasReady = card.status == OrderStatus.READY;
        boolean wasRejected = card.status == OrderStatus.REJECTED;
        card.status = card.status.advancedTo(news.status());
        switch (news.status()) {
            case PREPARING:
            case WAITING_FOR_COOK:
                if (news.status() == OrderStatus.PREPARING && news.delivery() > 1) {
                    handedOutAgain++;
                }
                if (news.delivery() > card.delivery) {
                    card.delivery = news.delivery();
                }
                if (!wasReady) {
                    // A second preparer picking an order up (after a crash) takes it over.
                    card.preparedBy = news.by();
                    preparer(news.by()).add(card, entriesPerPane);
                }
                if (news.status() == OrderStatus.WAITING_FOR_COOK && !cook.holds(card)) {
                    cook.add(card, entriesPerPane);
                }
                break;
            case COOKED:
                card.cookedBy = news.by();
                if (!cook.holds(card)) {
                    cook.add(card, entriesPerPane);
                }
                break;
            case READY:
                if (!wasReady) {
                    card.readyBy = news.by();
                    card.preparedBy = news.by();
                    Pane pane = preparer(news.by());
                    if (!pane.holds(card)) {
                        pane.add(card, entriesPerPane);
                    }
                    ready.add(card, entriesPerPane);
                }
                break;
            case REJECTED:
                if (!wasRejected && card.status == OrderStatus.REJECTED) {
                    rejected++;
                }
                break;
            default:
                break; // PLACED: the order itself puts it on its till's pane
        }
    }

    private Card card(UUID id, String tillId, long number) {
        Card card = cards.computeIfAbsent(id, Card::new);
        if (card.tillId == null && tillId != null) {
            card.tillId = tillId;
        }
        if (card.number == 0) {
            card.number = number;
        }
        return card;
    }

    private Pane preparer(String name) {
        return preparers.computeIfAbsent(name, preparer -> new Pane());
    }

    /** The board as the screens draw it now. */
    public synchronized BoardView view() {
        List<BoardView.Pane> tillPanes = new ArrayList<>();
        new TreeMap<>(tills).forEach((till, pane) -> tillPanes.add(new BoardView.Pane(till, null, null,
                lines(pane, this::tillLine))));

        Map<String, Pane> shown = new TreeMap<>(preparers);
        preparersInGroup.keySet().stream().sorted().limit(panesShown)
                .forEach(member -> shown.putIfAbsent(member, new Pane()));
        List<BoardView.Pane> preparerPanes = new ArrayList<>();
        shown.forEach((name, pane) -> preparerPanes.add(new BoardView.Pane(name, preparersInGroup.containsKey(name),
                preparersInGroup.getOrDefault(name, List.of()), lines(pane, card -> preparerLine(name, card)))));
        if (preparerPanes.size() > panesShown) {
            preparerPanes.subList(panesShown, preparerPanes.size()).clear();
        }

        List<String> cooks = cooksInGroup.keySet().stream().sorted().toList();
        List<Integer> cookPartitions = cooksInGroup.values().stream().flatMap(List::stream).distinct().sorted().toList();
        BoardView.Pane cookPane = new BoardView.Pane(cooks.isEmpty() ? "cook" : String.join(", ", cooks),
                !cooks.isEmpty(), cookPartitions, lines(cook, this::cookLine));

        List<BoardView.ReadyOrder> readyOrders = ready.cards.stream()
                .map(card -> new BoardView.ReadyOrder(card.number, card.tillId)).toList();
        return new BoardView(version, tillPanes, preparerPanes, cookPane, readyOrders,
                new BoardView.Tallies(handedOutAgain, rejected));
    }

    private static List<BoardView.Line> lines(Pane pane, Function<Card, BoardView.Line> line) {
        return pane.cards.stream().map(line).toList();
    }

    private BoardView.Line tillLine(Card card) {
        String state;
        switch (card.status) {
            case PLACED:
                state = "placed";
                break;
            case WAITING_FOR_COOK:
                state = "waiting";
                break;
            case READY:
                state = "ready";
                break;
            default:
                state = "preparing";
                break;
        }
        return line(card, placedText(card), state, card.status == OrderStatus.PLACED ? null : noteForTill(card));
    }

    private static String noteForTill(Card card) {
        if (card.status == OrderStatus.READY) {
            return "ready";
        }
        return card.status == OrderStatus.WAITING_FOR_COOK ? "with the cook" : "preparing";
    }

    private BoardView.Line preparerLine(String preparer, Card card) {
        if (preparer.equals(card.readyBy)) {
            return line(card, card.order != null ? OrderText.ready(card.order) : "Order ready " + card.number + ": ✓",
                    "ready", handedOutAgain(card));
        }
        if (card.readyBy != null) {
            return line(card, placedText(card), "elsewhere", "ready by " + card.readyBy);
        }
        if (!preparer.equals(card.preparedBy)) {
            return line(card, placedText(card), "elsewhere", "taken over by " + card.preparedBy);
        }
        switch (card.status) {
            case WAITING_FOR_COOK:
                return line(card, placedText(card), "waiting", "asked the cook");
            case COOKED:
                return line(card, placedText(card), "preparing", "plaice is back");
            default:
                return line(card, placedText(card), "preparing", handedOutAgain(card));
        }
    }

    /** A share group handed the order out more than once: which delivery this preparer got. */
    private static String handedOutAgain(Card card) {
        return card.delivery > 1 ? "delivery " + card.delivery : null;
    }

    private BoardView.Line cookLine(Card card) {
        if (card.cookedBy != null) {
            return line(card, card.order != null ? OrderText.cooked(card.order) : "Cooked " + card.number + ": ✓",
                    "cooked", card.cookedBy);
        }
        return line(card, card.order != null ? OrderText.cooking(card.order) : "Cooking " + card.number,
                "cooking", card.preparedBy != null ? "asked by " + card.preparedBy : null);
    }

    /**
     * The till's words for the order; only its number when the board never saw the order
     * itself (placed before the record keeper started and not recalled, or forgotten in a
     * very long backlog).
     */
    private static String placedText(Card card) {
        return card.order != null ? OrderText.placed(card.order) : "Order " + card.number;
    }

    private static BoardView.Line line(Card card, String text, String state, String note) {
        return new BoardView.Line(card.number, Objects.requireNonNullElse(card.tillId, "?"), text, state, note);
    }
}
