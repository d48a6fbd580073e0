package dev.chippy.till.order;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaTemplate;

/** The parts of order taking, wired together. */
@Configuration(proxyBeanMethods = false)
class TillConfiguration {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    TillNumbers tillNumbers(TillProperties properties) {
        return new TillNumbers(properties.maxTills());
    }

    @Bean
    Receipts receipts(TillProperties properties) {
        return new Receipts(properties.receiptRetention(), properties.maxIdempotencyKeys());
    }

    @Bean
    OrderPublisher orderPublisher(KafkaTemplate<Object, Object> kafka, ConsumerFactory<Object, Object> consumers,
                                  TillNumbers numbers, Receipts receipts, TillProperties properties, Clock clock,
                                  MeterRegistry meters) {
        return new OrderPublisher(kafka, new TillLedger(consumers), numbers, receipts, properties, clock, meters);
    }

    /**
     * Every producer of the till has the same transactional id ({@code chippy-till-0}): a pool
     * of one suffix instead of a new one per producer. So a producer that replaces a failed one,
     * in this process or the next, or in a second instance, fences its predecessor and settles
     * the transaction it left before the till reads its ledger. With a new id each time, that
     * transaction would stay in doubt, the ledger read up to the last stable offset could miss
     * it, and its numbers and keys would be handed out again (decision 14).
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer oneTransactionalIdForTheTill() {
        return factory -> {
            factory.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(1));
            // A failed producer is closed before the next one opens; it has nothing worth waiting for.
            factory.setPhysicalCloseTimeout((int) CLOSE_TIMEOUT.toSeconds());
        };
    }

    /** Part of readiness: the till takes orders only once it has read its ledger back from Kafka. */
    @Bean
    HealthIndicator tillHealthIndicator(OrderPublisher publisher, TillNumbers numbers, Receipts receipts) {
        return () -> {
            if (publisher.isTakenOver()) {
                return Health.outOfService().withDetail("reason", "another till service has taken over the tills").build();
            }
            return publisher.isOpen()
                    ? Health.up().withDetail("tills", numbers.count()).withDetail("idempotencyKeys", receipts.size()).build()
                    : Health.outOfService().withDetail("reason", "reading the till ledger from Kafka").build();
        };
    }
}
