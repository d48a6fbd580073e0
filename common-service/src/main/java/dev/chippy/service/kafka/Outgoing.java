package dev.chippy.service.kafka;

import java.util.Objects;

import dev.chippy.event.ShopEvent;
import dev.chippy.topic.ShopTopic;

/** An event to publish, and where. Handlers return these instead of sending, so their logic needs no Kafka. */
public record Outgoing(ShopTopic topic, ShopEvent event) {

    public Outgoing {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
        if (!topic.carries(event)) {
            throw new IllegalArgumentException(topic + " does not carry " + event.getClass().getSimpleName());
        }
    }
}
