package dev.chippy.till.order;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** The parts of order taking, wired together. */
@Configuration(proxyBeanMethods = false)
class TillConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

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

    /** Part of readiness: the till takes orders only once it has read its ledger back from Kafka. */
    @Bean
    HealthIndicator tillHealthIndicator(OrderPublisher publisher, TillNumbers numbers, Receipts receipts) {
        return () -> publisher.isOpen()
                ? Health.up().withDetail("tills", numbers.count()).withDetail("idempotencyKeys", receipts.size()).build()
                : Health.outOfService().withDetail("reason", "reading the till ledger from Kafka").build();
    }
}
