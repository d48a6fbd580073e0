package dev.chippy.preparer.kitchen;

import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopEvent;
import dev.chippy.service.kafka.ShopEventBatch;
import dev.chippy.topic.ShopGroup;
import dev.chippy.topic.ShopTopic;

/**
 * One preparer of the group: takes batches of new orders and of cooked plaice, and hands
 * them to the {@link Preparer} inside the listener container's Kafka transaction.
 */
@Component
class PreparerListener {

    private final Preparer preparer;
    private final Announcer announcer;
    private final ShopEventBatch batch;

    PreparerListener(Preparer preparer, Announcer announcer, ShopEventBatch batch) {
        this.preparer = preparer;
        this.announcer = announcer;
        this.batch = batch;
    }

    @KafkaListener(id = "preparer", groupId = ShopGroup.PREPARERS, topics = {ShopTopic.Names.ORDERS, ShopTopic.Names.COOKED})
    void prepare(List<ConsumerRecord<String, ShopEvent>> records, Consumer<?, ?> consumer) {
        announcer.announce(newOrders(records));
        batch.process(records, consumer, preparer::handle, preparer::rejected);
    }

    private List<OrderStatusChanged> newOrders(List<ConsumerRecord<String, ShopEvent>> records) {
        return records.stream()
                .filter(record -> record.topic().equals(ShopTopic.ORDERS.topicName()))
                .filter(record -> record.value() instanceof OrderPlaced)
                .map(record -> preparer.preparing(((OrderPlaced) record.value()).order()))
                .toList();
    }
}
