package dev.chippy.sink.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;
import dev.chippy.sink.ShopEvents;
import dev.chippy.sink.record.StoredBatch;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The board's state: what each pane shows as orders are placed and move on. */
class OrderBoardTest {

    private final OrderBoard board = new OrderBoard(5, 8, 1_000);

    @Test
    void anOrderPlacedShowsOnItsTillsPane() {
        Order order = ShopEvents.order("till-1", 17, "cod-and-chips", "large-chips");

        board.stored(placed(order));

        assertThat(board.view().tills()).singleElement().satisfies(till -> {
            assertThat(till.name()).isEqualTo("till-1");
            assertThat(till.partitions()).isNull();
            assertThat(till.lines()).extracting(BoardView.Line::text, BoardView.Line::state)
                    .containsExactly(tuple("Order 17: cod & chips, large chips", "placed"));
        });
        assertThat(board.view().ready()).isEmpty();
    }

    @Test
    void preparingThenReadyShowsOnThePreparersPaneAndTheReadyBoard() {
        Order order = ShopEvents.order("till-2", 5, "cod-and-chips");
        board.stored(placed(order));

        board.stored(news(order, OrderStatus.PREPARING, "preparer-2"));
        assertThat(pane("preparer-2").lines()).extracting(BoardView.Line::text, BoardView.Line::state)
                .containsExactly(tuple("Order 5: cod & chips", "preparing"));
        assertThat(board.view().tills().get(0).lines().get(0).state()).isEqualTo("preparing");

        board.stored(news(order, OrderStatus.READY, "preparer-2"));
        assertThat(pane("preparer-2").lines()).extracting(BoardView.Line::text, BoardView.Line::state)
                .containsExactly(tuple("Order ready 5: ✓ cod & chips", "ready"));
        assertThat(board.view().ready()).containsExactly(new BoardView.ReadyOrder(5, "till-2"));
        assertThat(board.view().tills().get(0).lines().get(0).state()).isEqualTo("ready");
    }

    @Test
    void aLatePreparingAfterReadyDoesNotMoveTheOrderBack() {
        Order order = ShopEvents.order("till-1", 8, "chips");
        board.stored(placed(order));
        board.stored(news(order, OrderStatus.READY, "preparer-1"));

        board.stored(news(order, OrderStatus.PREPARING, "preparer-1"));
        board.stored(news(order, OrderStatus.PREPARING, "preparer-3"));

        assertThat(pane("preparer-1").lines()).extracting(BoardView.Line::text, BoardView.Line::state)
                .containsExactly(tuple("Order ready 8: ✓ chips", "ready"));
        assertThat(board.view().preparers()).extracting(BoardView.Pane::name).containsExactly("preparer-1");
        assertThat(board.view().ready()).hasSize(1);
    }

    @Test
    void aStatusBeforeItsOrderShowsTheNumberAndThenTheWords() {
        Order order = ShopEvents.order("till-3", 4, "mushy-peas");

        board.stored(news(order, OrderStatus.PREPARING, "preparer-1"));
        assertThat(pane("preparer-1").lines().get(0).text()).isEqualTo("Order 4");

        board.stored(placed(order));
        assertThat(pane("preparer-1").lines().get(0).text()).isEqualTo("Order 4: mushy peas");
    }

    @Test
    void plaiceGoesRoundTheCooksPane() {
        Order order = ShopEvents.order("till-1", 7, "plaice-and-chips");
        board.stored(placed(order));
        board.stored(news(order, OrderStatus.PREPARING, "preparer-1"));
        board.stored(news(order, OrderStatus.WAITING_FOR_COOK, "preparer-1"));

        assertThat(board.view().cook().lines()).extracting(BoardView.Line::text, BoardView.Line::state)
                .containsExactly(tuple("Cooking 7: plaice & chips", "cooking"));
        assertThat(pane("preparer-1").lines().get(0).note()).isEqualTo("asked the cook");

        board.stored(news(order, OrderStatus.COOKED, "cook-1"));
        assertThat(board.view().cook().lines()).extracting(BoardView.Line::text, BoardView.Line::state, BoardView.Line::note)
                .containsExactly(tuple("Cooked 7: ✓ plaice & chips", "cooked", "cook-1"));
        board.stored(news(order, OrderStatus.READY, "preparer-1"));
        assertThat(pane("preparer-1").lines().get(0).text()).isEqualTo("Order ready 7: ✓ plaice & chips");
    }

    @Test
    void anOrderTakenOverByAnotherPreparerShowsWhereItWent() {
        Order order = ShopEvents.order("till-1", 9, "chips");
        board.stored(placed(order));
        board.stored(news(order, OrderStatus.PREPARING, "preparer-1"));

        board.stored(news(order, OrderStatus.PREPARING, "preparer-2"));
        board.stored(news(order, OrderStatus.READY, "preparer-2"));

        assertThat(pane("preparer-1").lines()).extracting(BoardView.Line::state, BoardView.Line::note)
                .containsExactly(tuple("elsewhere", "ready by preparer-2"));
        assertThat(pane("preparer-2").lines()).extracting(BoardView.Line::state).containsExactly("ready");
    }

    @Test
    void anOrderAShareGroupHandedOutAgainSaysWhichDeliveryItsPreparerGot() {
        Order order = ShopEvents.order("till-1", 9, "chips");
        board.stored(placed(order));
        board.stored(new StoredBatch(List.of(), List.of(new StoredBatch.News(order.id(), order.tillId(), order.number(),
                OrderStatus.PREPARING, Instant.now(), "preparer-1", 1)), List.of()));
        assertThat(pane("preparer-1").lines()).extracting(BoardView.Line::state, BoardView.Line::note)
                .as("the first delivery is nothing to remark on").containsExactly(tuple("preparing", null));

        // preparer-1 dies holding it; Kafka hands it to preparer-2.
        board.stored(new StoredBatch(List.of(), List.of(new StoredBatch.News(order.id(), order.tillId(), order.number(),
                OrderStatus.PREPARING, Instant.now(), "preparer-2", 2)), List.of()));
        assertThat(pane("preparer-2").lines()).extracting(BoardView.Line::state, BoardView.Line::note)
                .containsExactly(tuple("preparing", "delivery 2"));
        board.stored(news(order, OrderStatus.READY, "preparer-2"));

        assertThat(pane("preparer-2").lines()).extracting(BoardView.Line::state, BoardView.Line::note)
                .containsExactly(tuple("ready", "delivery 2"));
        assertThat(pane("preparer-1").lines()).extracting(BoardView.Line::state, BoardView.Line::note)
                .containsExactly(tuple("elsewhere", "ready by preparer-2"));
    }

    @Test
    void theKitchenCountsOrdersHandedOutAgainAndOrdersRejectedOnce() {
        Order again = ShopEvents.order("till-1", 1, "chips");
        Order refused = ShopEvents.order("till-1", 2, "plaice-and-chips");
        for (Order order : List.of(again, refused)) {
            board.stored(placed(order));
            board.stored(new StoredBatch(List.of(), List.of(new StoredBatch.News(order.id(), order.tillId(), order.number(),
                    OrderStatus.PREPARING, Instant.now(), "preparer-1", 1)), List.of()));
        }
        assertThat(board.view().kitchen()).isEqualTo(new BoardView.Tallies(0, 0));

        board.stored(new StoredBatch(List.of(), List.of(new StoredBatch.News(again.id(), again.tillId(), again.number(),
                OrderStatus.PREPARING, Instant.now(), "preparer-2", 2)), List.of()));
        board.stored(news(again, OrderStatus.READY, "preparer-2"));
        board.stored(news(refused, OrderStatus.REJECTED, "preparer-1"));
        board.stored(news(refused, OrderStatus.REJECTED, "preparer-1"));
        board.stored(news(again, OrderStatus.REJECTED, "preparer-3"));

        assertThat(board.view().kitchen()).as("a REJECTED heard twice, or after READY, is no second refusal")
                .isEqualTo(new BoardView.Tallies(1, 1));
    }

    @Test
    void thePanesShowWhoOwnsWhichPartitions() {
        long before = board.version();
        board.owners(Map.of("preparer-1", List.of(0, 1), "preparer-2", List.of(2)), Map.of("cook-1", List.of(0, 1, 2)));

        assertThat(board.version()).isGreaterThan(before);
        assertThat(board.view().preparers()).extracting(BoardView.Pane::name, BoardView.Pane::member, BoardView.Pane::partitions)
                .containsExactly(tuple("preparer-1", true, List.of(0, 1)), tuple("preparer-2", true, List.of(2)));
        assertThat(board.view().cook().name()).isEqualTo("cook-1");
        assertThat(board.view().cook().partitions()).containsExactly(0, 1, 2);

        long after = board.version();
        board.owners(Map.of("preparer-1", List.of(0, 1), "preparer-2", List.of(2)), Map.of("cook-1", List.of(0, 1, 2)));
        assertThat(board.version()).as("nothing changed, nothing to push").isEqualTo(after);

        Order order = ShopEvents.order("till-1", 1, "chips");
        board.stored(news(order, OrderStatus.READY, "preparer-1"));
        board.owners(Map.of("preparer-2", List.of(0, 1, 2)), Map.of());
        assertThat(pane("preparer-1").member()).as("a preparer gone from the group keeps its pane").isFalse();
        assertThat(pane("preparer-1").partitions()).isEmpty();
    }

    @Test
    void eachPaneKeepsOnlyTheLatestEntries() {
        List<Order> orders = new ArrayList<>();
        for (int number = 1; number <= 12; number++) {
            orders.add(ShopEvents.order("till-1", number, "chips"));
        }
        board.stored(new StoredBatch(orders, List.of(), List.of()));
        orders.forEach(order -> board.stored(news(order, OrderStatus.READY, "preparer-1")));

        BoardView view = board.view();
        assertThat(view.tills().get(0).lines()).extracting(BoardView.Line::number).containsExactly(12L, 11L, 10L, 9L, 8L);
        assertThat(pane("preparer-1").lines()).hasSize(5);
        assertThat(view.ready()).extracting(BoardView.ReadyOrder::number).containsExactly(12L, 11L, 10L, 9L, 8L);
    }

    @Test
    void aThousandOrdersLeaveTheUpdateBounded() {
        OrderBoard busy = new OrderBoard(12, 8, 10_000);
        JsonMapper json = JsonMapper.builder().build();
        for (int batch = 0; batch < 10; batch++) {
            List<Order> orders = new ArrayList<>();
            List<StoredBatch.News> news = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                long number = batch * 100L + i + 1;
                Order order = ShopEvents.order("till-" + (number % 20), number, "cod-and-chips", "plaice-and-chips", "chips");
                orders.add(order);
                news.add(heard(order, OrderStatus.PREPARING, "preparer-" + (number % 12)));
                news.add(heard(order, OrderStatus.WAITING_FOR_COOK, "preparer-" + (number % 12)));
                news.add(heard(order, OrderStatus.COOKED, "cook-1"));
                news.add(heard(order, OrderStatus.READY, "preparer-" + (number % 12)));
            }
            busy.stored(new StoredBatch(orders, news, List.of()));
        }

        BoardView view = busy.view();
        assertThat(view.tills()).hasSize(8);
        assertThat(view.preparers()).hasSize(8);
        assertThat(view.tills()).allSatisfy(pane -> assertThat(pane.lines()).hasSizeLessThanOrEqualTo(12));
        assertThat(view.preparers()).allSatisfy(pane -> assertThat(pane.lines()).hasSizeLessThanOrEqualTo(12));
        assertThat(view.cook().lines()).hasSize(12);
        assertThat(view.ready()).hasSize(12).first().isEqualTo(new BoardView.ReadyOrder(1000, "till-0"));
        assertThat(json.writeValueAsString(view).length()).as("one push, whatever the rate").isLessThan(40_000);
    }

    @Test
    void ordersRecalledFromTheRecordsFillTheTillsAndTheReadyBoard() {
        Order ready = ShopEvents.order("till-1", 1, "chips");
        Order waiting = ShopEvents.order("till-1", 2, "cod-and-chips");

        board.recall(ready, OrderStatus.READY);
        board.recall(waiting, OrderStatus.PLACED);
        board.stored(news(waiting, OrderStatus.PREPARING, "preparer-1"));

        assertThat(board.view().tills().get(0).lines()).extracting(BoardView.Line::number, BoardView.Line::state)
                .containsExactly(tuple(2L, "preparing"), tuple(1L, "ready"));
        assertThat(board.view().ready()).containsExactly(new BoardView.ReadyOrder(1, "till-1"));
        assertThat(pane("preparer-1").lines().get(0).text()).isEqualTo("Order 2: cod & chips");
    }

    private BoardView.Pane pane(String preparer) {
        return board.view().preparers().stream().filter(pane -> pane.name().equals(preparer)).findFirst().orElseThrow();
    }

    private static StoredBatch placed(Order order) {
        return new StoredBatch(List.of(order), List.of(heard(order, OrderStatus.PLACED, order.tillId())), List.of());
    }

    private static StoredBatch news(Order order, OrderStatus status, String by) {
        return new StoredBatch(List.of(), List.of(heard(order, status, by)), List.of());
    }

    private static StoredBatch.News heard(Order order, OrderStatus status, String by) {
        return new StoredBatch.News(order.id(), order.tillId(), order.number(), status, Instant.now(), by);
    }
}
