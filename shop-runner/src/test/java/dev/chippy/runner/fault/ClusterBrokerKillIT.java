package dev.chippy.runner.fault;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chippy.runner.KafkaBroker;
import dev.chippy.runner.Shop;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shop on a three-broker cluster ({@code ./chippy run --brokers=3}: KRaft, three replicas,
 * {@code min.insync.replicas=2}). The broker leading the orders' partitions is killed with
 * {@code kill -9} in the middle of a stream of orders: nothing accepted is lost or doubled.
 * Kafka's own replication tests, brought to the shop.
 */
class ClusterBrokerKillIT {

    @RegisterExtension
    final FaultHarness harness = new FaultHarness();

    @Test
    void killingTheLeaderOfTheOrdersLosesAndDoublesNothing() throws Exception {
        Shop shop = harness.open("quiet", "--preparers=1", "--speed=0", "--brokers=3");
        try (Admin admin = shop.kafka().admin()) {
            TopicPartitionInfo partition = admin.describeTopics(java.util.List.of(ShopTopic.ORDERS.topicName()))
                    .allTopicNames().get(10, TimeUnit.SECONDS).get(ShopTopic.ORDERS.topicName()).partitions().get(0);
            assertThat(partition.replicas()).as("the orders are kept on three brokers").hasSize(3);
        }
        String till = FaultHarness.url(shop, "till-service");
        try (Customers customers = Customers.arrive(2, 4, till)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> customers.acceptedCount() >= 100);

            KafkaBroker leader = shop.kafka().leaderOfMost(ShopTopic.ORDERS.topicName());
            leader.kill();
            System.out.println("[fault] killed broker " + leader.nodeId() + " (kill -9), the leader of the orders");

            int before = customers.acceptedCount();
            await("orders are accepted with a broker gone").atMost(Duration.ofMinutes(2))
                    .until(() -> customers.acceptedCount() >= before + 100);
            customers.awaitServed(Duration.ofMinutes(1));
            System.out.println("[fault] cluster leader killed, customers: " + customers);
            assertThat(shop.kafka().leaderOfMost(ShopTopic.ORDERS.topicName()).nodeId()).isNotEqualTo(leader.nodeId());
            ShopInvariant.holds("leader of the orders killed (3 brokers)", shop.postgresUrl(), customers.accepted(),
                    Duration.ofMinutes(3));
        }
    }
}
