package dev.chippy.sink.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import dev.chippy.order.OrderStatus;

/**
 * Counts orders stored as {@code REJECTED} ({@code chippy.orders.rejected} in
 * {@code /actuator/prometheus}), so an alert can fire on them; {@code /stats} has the total.
 */
@Component
class RejectedOrders implements StoredBatchListener {

    static final String METRIC = "chippy.orders.rejected";

    private final Counter rejected;

    RejectedOrders(MeterRegistry registry) {
        rejected = Counter.builder(METRIC)
                .description("Orders the kitchen could not make, stored as REJECTED with the reason")
                .register(registry);
    }

    @Override
    public void stored(StoredBatch batch) {
        long count = batch.moved().stream().filter(moved -> moved.status() == OrderStatus.REJECTED).count();
        if (count > 0) {
            rejected.increment(count);
        }
    }
}
