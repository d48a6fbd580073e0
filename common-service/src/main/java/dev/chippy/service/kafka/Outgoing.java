package dev.chippy.service.kafka;

import java.util.Objects;

import dev.chippy.event.ShopEvent;
import dev.chippy.topic.ShopTopic;

/**
 * An event to publish, and where. Handlers return these instead of sending, so their logic needs no Kafka.
 *
 * @param partition the partition to write to, or null for the one the event's key picks (an
 *                  order's events always go by their key; a hot cabinet's stock goes to the
 *                  cabinet's own partition)
 */
public record Outgoing(ShopTopic topic, ShopEvent event, Integer partition) {

    public Outgoing {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
        if (!topic.carries(event)) {
            throw new IllegalArgumentException(topic + " does not carry " + event.getClass().getSimpleName());
        }
    }

    public Outgoing(ShopTopic topic, ShopEvent event) {
        this(topic, event, null);
    }
}
