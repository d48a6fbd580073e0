package dev.chippy.service.kafka;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import dev.chippy.event.ShopEvent;
import dev.chippy.service.time.ShopClosingException;

/**
 * Consume, process, produce: runs a handler over each event of a batch and publishes
 * what it returns, all inside the listener container's Kafka transaction together with
 * the batch's offsets. Either every output of the batch is published and its input
 * consumed, or none is: a crash at any point leaves nothing half done.
 */
public class ShopEventBatch {

    private final KafkaTemplate<Object, Object> kafka;
    private final DeadLetters deadLetters;

    public ShopEventBatch(KafkaTemplate<Object, Object> kafka, DeadLetters deadLetters) {
        this.kafka = kafka;
        this.deadLetters = deadLetters;
    }

    /**
     * What a reader publishes, in the batch's transaction, for a record it gave up to the
     * dead-letter topic: the answer that tells whoever waits for the order that it will not
     * come (a preparer marks the order {@code REJECTED}; a cook answers the preparer).
     */
    @FunctionalInterface
    public interface DeadLetterAnswer {
        /** Answers nothing. */
        DeadLetterAnswer NONE = (record, reason) -> List.of();

        List<Outgoing> answer(ConsumerRecord<String, ShopEvent> record, Exception reason);
    }

    public void process(List<ConsumerRecord<String, ShopEvent>> records, Consumer<?, ?> consumer,
                        Function<ShopEvent, List<Outgoing>> handler) {
        process(records, consumer, handler, DeadLetterAnswer.NONE);
    }

    public void process(List<ConsumerRecord<String, ShopEvent>> records, Consumer<?, ?> consumer,
                        Function<ShopEvent, List<Outgoing>> handler, DeadLetterAnswer onDeadLetter) {
        for (ConsumerRecord<String, ShopEvent> record : records) {
            Optional<ShopEvent> event = deadLetters.readable(record, consumer,
                    (deadLetter, reason) -> onDeadLetter.answer(deadLetter, reason).forEach(this::publish));
            if (event.isEmpty()) {
                continue;
            }
            List<Outgoing> outputs;
            try {
                outputs = handler.apply(event.get());
            } catch (ShopClosingException closing) {
                throw closing;
            } catch (RuntimeException failure) {
                deadLetters.handleFailure(record, consumer, failure); // throws when the record gets another attempt
                onDeadLetter.answer(record, failure).forEach(this::publish);
                continue;
            }
            outputs.forEach(this::publish);
            deadLetters.handled(record);
        }
    }

    private void publish(Outgoing outgoing) {
        kafka.send(outgoing.topic().topicName(), outgoing.partition(), outgoing.event().key(), outgoing.event());
    }
}
