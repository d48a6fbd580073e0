package dev.chippy.cook.kitchen;

import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.chippy.event.ShopEvent;
import dev.chippy.service.kafka.ShopEventBatch;
import dev.chippy.topic.ShopGroup;
import dev.chippy.topic.ShopTopic;

/**
 * The cook's station: batches of cook requests, each handled in one Kafka transaction. One
 * listener thread per fryer, each a consumer of the cook's group with partitions of its own.
 */
@Component
class CookListener {

    private final Cook cook;
    private final ShopEventBatch batch;
    private final CookProperties properties;

    CookListener(Cook cook, ShopEventBatch batch, CookProperties properties) {
        this.cook = cook;
        this.batch = batch;
        this.properties = properties;
    }

    /** The listener's threads, one per fryer: read from the bound settings, where its default is. */
    public int fryers() {
        return properties.fryers();
    }

    @KafkaListener(id = "cook", groupId = ShopGroup.COOKS, topics = ShopTopic.Names.COOK_REQUESTS, concurrency = "#{__listener.fryers()}")
    void cook(List<ConsumerRecord<String, ShopEvent>> records, Consumer<?, ?> consumer) {
        cook.startBatch();
        batch.process(records, consumer, cook::handle, cook::notCooked);
    }
}
