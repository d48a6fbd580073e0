package dev.chippy.preparer.kitchen;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Settings of a share group that live on the broker, as group configs, set before any member
 * reads. Two of Kafka's defaults would quietly break the shop:
 * <ul>
 *   <li>{@code share.auto.offset.reset} is {@code latest}: a share group that starts after orders
 *       were placed would never prepare them. The shop's is {@code earliest}, as its consumer
 *       groups have.
 *   <li>{@code share.isolation.level} is {@code read_uncommitted}: the preparers would prepare orders
 *       whose till transaction was aborted (orders the till refused), and plaice from a cook's
 *       aborted transaction. The shop's is {@code read_committed}.
 * </ul>
 * And {@code share.record.lock.duration.ms}: how long a preparer holds an order before Kafka
 * hands it to another, which is how long a preparer that stops answering delays its orders.
 *
 * <p>Runs when the service starts, before the listener does; a preparer that cannot set them
 * within {@code timeout} does not start, rather than read with the wrong ones.
 */
class ShareGroupSettings implements SmartInitializingSingleton {

    private static final Log LOG = LogFactory.getLog(ShareGroupSettings.class);

    private final KafkaAdmin kafkaAdmin;
    private final String group;
    private final Map<String, String> settings;
    private final Duration timeout;

    ShareGroupSettings(KafkaAdmin kafkaAdmin, String group, Duration lockDuration, Duration timeout) {
        this.kafkaAdmin = kafkaAdmin;
        this.group = group;
        this.settings = Map.of(
                "share.auto.offset.reset", "earliest",
                "share.isolation.level", "read_committed",
                "share.record.lock.duration.ms", Long.toString(lockDuration.toMillis()));
        this.timeout = timeout;
    }

    Map<String, String> settings() {
        return settings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        List<AlterConfigOp> changes = settings.entrySet().stream()
                .map(setting -> new AlterConfigOp(new ConfigEntry(setting.getKey(), setting.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    admin.incrementalAlterConfigs(Map.of(resource, changes)).all().get(5, TimeUnit.SECONDS);
                    LOG.info("Share group " + group + ": " + settings);
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Could not set share group " + group + "'s " + settings
                                + " within " + timeout + "; without them the preparers would miss or wrongly prepare orders",
                                notYet instanceof ExecutionException e ? e.getCause() : notYet);
                    }
                    LOG.info("Share group " + group + "'s settings not set yet (" + notYet + "); trying again");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting share group " + group + "'s settings", e);
        }
    }
}
