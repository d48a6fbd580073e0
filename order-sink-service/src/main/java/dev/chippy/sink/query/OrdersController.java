package dev.chippy.sink.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.criteria.Predicate;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;
import dev.chippy.sink.record.StoredOrder;

/**
 * {@code GET /orders/{id}}: one order and its history, optionally waiting until it
 * reaches a status ({@code ?waitFor=READY&timeout=5s}); {@code GET /orders}: a page of
 * orders, newest first, filtered by status and till.
 */
@RestController
class OrdersController {

    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    /** Pages further back are refused: each costs PostgreSQL a scan of every order before it. */
    static final int LAST_PAGE = 1000;

    private final StoredOrders orders;
    private final OrderWatch watch;
    private final TransactionTemplate readOnly;
    private final AsyncTaskExecutor executor;

    private final Duration defaultWait;

    OrdersController(StoredOrders orders, OrderWatch watch, TransactionTemplate transactions, AsyncTaskExecutor executor,
                     QueryProperties properties) {
        this.defaultWait = properties.defaultWait();
        this.orders = orders;
        this.watch = watch;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.executor = executor;
    }

    @GetMapping(path = "/orders/{id}", params = "!waitFor")
    OrderView order(@PathVariable UUID id) {
        return load(id);
    }

    @GetMapping(path = "/orders/{id}", params = "waitFor")
    DeferredResult<OrderView> awaitOrder(@PathVariable UUID id, @RequestParam OrderStatus waitFor,
                                         @RequestParam(required = false) Duration timeout, HttpServletRequest request) {
        if (timeout == null) {
            timeout = defaultWait;
        }
        if (timeout.isNegative() || timeout.compareTo(LONGEST_WAIT) > 0) {
            throw new InvalidQueryException("timeout must be between 0 and " + LONGEST_WAIT.toSeconds() + "s, was " + timeout);
        }
        // The wait ends on time by itself: the web server looks at its own async timeouts only
        // about once a second, which made a 20 ms wait take up to a second. Its timeout stays as
        // a backstop.
        DeferredResult<OrderView> result = new DeferredResult<>(timeout.toMillis() + 5_000);
        // Watch first, then look: a batch stored in between wakes the watch.
        CompletableFuture<Void> reached = watch.await(id, waitFor, request.getRemoteAddr());
        OrderView now = find(id);
        if (now != null && !waitFor.isAfter(now.status())) {
            reached.complete(null);
        }
        reached.thenRunAsync(() -> result.setResult(load(id)), executor);
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS, executor)
                .execute(() -> answerAsItIs(id, reached, result));
        result.onTimeout(() -> answerAsItIs(id, reached, result));
        return result;
    }

    /** The status was not reached in time: the order as it is, or not found. */
    private void answerAsItIs(UUID id, CompletableFuture<Void> reached, DeferredResult<OrderView> result) {
        if (!reached.cancel(false)) {
            return; // reached after all, and answered so
        }
        OrderView atTimeout = find(id);
        if (atTimeout != null) {
            result.setResult(atTimeout);
        } else {
            result.setErrorResult(new OrderNotFoundException(id));
        }
    }

    @GetMapping("/orders")
    PagedModel<OrderSummary> orders(@RequestParam(required = false) OrderStatus status,
                                    @RequestParam(required = false) @Pattern(regexp = Order.TILL_ID_PATTERN) String tillId,
                                    @RequestParam(defaultValue = "0") @Min(0) @Max(LAST_PAGE) int page,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        Specification<StoredOrder> filter = (root, query, where) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (status != null) {
                predicates.add(where.equal(root.get("status"), status));
            }
            if (tillId != null) {
                predicates.add(where.equal(root.get("tillId"), tillId));
            }
            return where.and(predicates.toArray(Predicate[]::new));
        };
        Page<OrderSummary> found = readOnly.execute(tx -> orders.findAll(filter,
                PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "placedAt", "number"))).map(OrderSummary::of));
        return new PagedModel<>(found);
    }

    private OrderView load(UUID id) {
        OrderView view = find(id);
        if (view == null) {
            throw new OrderNotFoundException(id);
        }
        return view;
    }

    private OrderView find(UUID id) {
        return readOnly.execute(tx -> orders.findById(id).map(order -> OrderView.of(order, orders.history(id)))
                .orElseGet(() -> OrderView.neverRead(id, orders.history(id))));
    }
}
