package dev.chippy.benchmark;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;

import dev.chippy.service.ShopDefaults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The baseline chain is only a fair comparison while its clients are set up as the services'
 * are: a change to the shared defaults (a back-off, a linger, compression) must reach the
 * chain too, or the benchmark compares two different things.
 */
class KafkaChainSettingsTest {

    @Test
    void theChainsProducersHaveTheServicesSettings() {
        Map<String, Object> shop = ShopDefaults.kafka().buildProducerProperties();
        Properties chain = KafkaChain.producerSettings("broker:9092");

        withoutAddressOrFormat(shop);
        assertThat(shop).containsKey("retry.backoff.ms");
        shop.forEach((name, value) -> assertThat(String.valueOf(chain.get(name))).as(name).isEqualTo(String.valueOf(value)));
    }

    @Test
    void theChainsConsumersHaveTheServicesSettings() {
        Map<String, Object> shop = ShopDefaults.kafka().buildConsumerProperties();
        Properties chain = KafkaChain.consumerSettings("broker:9092", "bench");

        withoutAddressOrFormat(shop);
        assertThat(shop).containsKey("isolation.level");
        shop.forEach((name, value) -> assertThat(String.valueOf(chain.get(name))).as(name).isEqualTo(String.valueOf(value)));
    }

    /** The chain has its own broker address, and sends bytes where the shop sends JSON: that much differs on purpose. */
    private static void withoutAddressOrFormat(Map<String, Object> settings) {
        settings.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        settings.keySet().removeIf(name -> name.endsWith("serializer"));
    }
}
