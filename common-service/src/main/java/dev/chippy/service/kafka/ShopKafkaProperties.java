package dev.chippy.service.kafka;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the shop's topics are laid out on the cluster, and how hard a reader tries
 * before it gives a message up to the dead-letter topic.
 *
 * @param partitions        partitions of every shop topic; all topics have the same number,
 *                          so an order's events share one partition number everywhere
 * @param replicationFactor replicas of every topic: 1 on a laptop, 3 on a real cluster
 * @param maxAttempts       attempts at a message whose handling failed in a way that may
 *                          pass, before it goes to the dead-letter topic
 * @param topicsReadyWait   how long a service waits at start for every partition of the shop
 *                          topics to answer, before it starts anyway (Kafka may be away, and
 *                          the service says so on its readiness probe)
 */
@Validated
@ConfigurationProperties("chippy.kafka")
public record ShopKafkaProperties(
        @Min(1) @DefaultValue("3") int partitions,
        @Min(1) @DefaultValue("1") short replicationFactor,
        @Min(1) @DefaultValue("3") int maxAttempts,
        @DefaultValue("15s") Duration topicsReadyWait) {
}
