package dev.chippy.preparer.kitchen;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopEvent;
import dev.chippy.preparer.cabinet.HotCabinets;
import dev.chippy.service.kafka.Outgoing;
import dev.chippy.service.kafka.ShopEventBatch;
import dev.chippy.service.time.ShopClock;
import dev.chippy.topic.ShopGroup;
import dev.chippy.topic.ShopTopic;

/**
 * One preparer of the group: takes batches of new orders and of cooked plaice, and hands
 * them to the {@link Preparer} inside the listener container's Kafka transaction. The
 * preparers of a share group have {@link SharingPreparerListener} instead.
 */
@Component
@ConditionalOnProperty(name = "chippy.preparer.share-group", havingValue = "false", matchIfMissing = true)
class PreparerListener implements ConsumerSeekAware {

    private final Preparer preparer;
    private final Announcer announcer;
    /**
     * Whether {@code PREPARING} is announced before the work starts. Only while time is
     * simulated: then preparing takes a while, and screens show what a preparer is doing as it
     * does it. With time off an order is ready the moment it is picked up, nobody could watch it
     * being prepared, and its {@code PREPARING} goes in the batch's transaction with the rest:
     * the same history, without a send and a wait for the broker of its own (decision 8).
     */
    private final boolean announcesEarly;
    private final ShopEventBatch batch;
    private final HotCabinets cabinets;

    PreparerListener(Preparer preparer, Announcer announcer, ShopClock clock, ShopEventBatch batch,
                     ObjectProvider<HotCabinets> cabinets) {
        this.preparer = preparer;
        this.announcer = announcer;
        this.announcesEarly = clock.timings().simulating();
        this.batch = batch;
        this.cabinets = cabinets.getIfAvailable();
    }

    /** Partitions moved, and their cabinets with them: whatever is known of any cabinet is read again. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (cabinets != null) {
            cabinets.forget();
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (cabinets != null) {
            cabinets.forget();
        }
    }

    @KafkaListener(id = "preparer", groupId = ShopGroup.PREPARERS, topics = {ShopTopic.Names.ORDERS, ShopTopic.Names.COOKED})
    void prepare(List<ConsumerRecord<String, ShopEvent>> records, Consumer<?, ?> consumer) {
        if (announcesEarly) {
            announcer.announce(newOrders(records));
            batch.process(records, consumer, preparer::handle, preparer::rejected);
        } else {
            batch.process(records, consumer, this::preparingInTheTransaction, preparer::rejected);
        }
    }

    private List<Outgoing> preparingInTheTransaction(ShopEvent event) {
        if (!(event instanceof OrderPlaced placed)) {
            return preparer.handle(event);
        }
        List<Outgoing> outputs = new ArrayList<>();
        outputs.add(new Outgoing(ShopTopic.ORDER_STATUS, preparer.preparing(placed.order())));
        outputs.addAll(preparer.handle(event));
        return outputs;
    }

    private List<OrderStatusChanged> newOrders(List<ConsumerRecord<String, ShopEvent>> records) {
        return records.stream()
                .filter(record -> record.topic().equals(ShopTopic.ORDERS.topicName()))
                .filter(record -> record.value() instanceof OrderPlaced)
                .map(record -> preparer.preparing(((OrderPlaced) record.value()).order()))
                .toList();
    }
}
