package dev.chippy.service.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/**
 * Which partition Kafka's producer puts a keyed record in: the murmur2 hash of the key, as its
 * built-in partitioner computes it. Every event of an order is keyed by the order's id, so an
 * order's partition is known without asking Kafka: the same number on every shop topic.
 */
public final class ShopPartitions {

    private ShopPartitions() {
    }

    public static int of(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
