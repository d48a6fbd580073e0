package dev.chippy.service.kafka;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaUtils;

import dev.chippy.event.ShopEvent;
import dev.chippy.service.kafka.ShopEventBatch.DeadLetterAnswer;
import dev.chippy.service.time.ShopClosingException;

/**
 * Consume, process, produce for a member of a share group (Kafka queues, KIP-932): one record
 * at a time, and the answer is how to acknowledge it.
 *
 * <p>A share group has no transactions that take in what was read, so this is at-least-once,
 * not exactly-once: what a record leads to is published in a Kafka transaction of its own
 * (so its outputs appear together or not at all), and only then is the record acknowledged.
 * A reader that dies in between leaves the record with Kafka, which hands it to another
 * reader when its lock runs out, and the outputs are published again. What makes the shop's
 * outcome exactly-once is downstream: a status is the same event each time it is written
 * ({@link dev.chippy.event.OrderStatusChanged#of}), and the record keeper keeps events by id.
 *
 * <ul>
 *   <li>{@link AcknowledgeType#ACCEPT}: handled, its outputs committed.
 *   <li>{@link AcknowledgeType#REJECT}: it went to the dead-letter topic (with the reader's
 *       answer, such as the order {@code REJECTED}); Kafka archives it and never hands it out again.
 *   <li>{@link AcknowledgeType#RELEASE}: handling failed in a way that may pass (Kafka away, the
 *       shop closing); Kafka hands it out again at once, to whichever reader asks first, and its
 *       delivery count rises. At {@code chippy.kafka.max-attempts} deliveries a failure sends it
 *       to the dead-letter topic instead, before Kafka's own delivery limit (5) would archive it
 *       unseen.
 *   <li>Nothing, when the shop is closing: the record is left unacknowledged, and closing the
 *       consumer gives it back to the group once. Released, it would be handed straight back to
 *       the same closing consumer, a delivery each time, until Kafka archived it: seen in a test,
 *       five deliveries in 100 ms, and the order lost.
 * </ul>
 */
public class ShareGroupEvents {

    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(ShareGroupEvents.class));

    private final KafkaTemplate<Object, Object> kafka;
    private final DeadLetters deadLetters;

    public ShareGroupEvents(KafkaTemplate<Object, Object> kafka, DeadLetters deadLetters) {
        this.kafka = kafka;
        this.deadLetters = deadLetters;
    }

    /** How many times Kafka has handed this record out, this time included. */
    public static int delivery(ConsumerRecord<?, ?> record) {
        return record.deliveryCount().map(Short::intValue).orElse(1);
    }

    /** How to acknowledge the record, or empty to leave it unacknowledged because the shop is closing. */
    public Optional<AcknowledgeType> process(ConsumerRecord<String, ShopEvent> record,
                                             Function<ShopEvent, List<Outgoing>> handler, DeadLetterAnswer onDeadLetter) {
        int delivery = delivery(record);
        try {
            return Optional.of(kafka.executeInTransaction(operations -> {
                Optional<ShopEvent> event = deadLetters.readable(record, null,
                        (deadLetter, reason) -> onDeadLetter.answer(deadLetter, reason).forEach(this::publish));
                if (event.isEmpty()) {
                    return AcknowledgeType.REJECT;
                }
                try {
                    handler.apply(event.get()).forEach(this::publish);
                    return AcknowledgeType.ACCEPT;
                } catch (ShopClosingException closing) {
                    throw closing;
                } catch (RuntimeException failure) {
                    if (!deadLetters.givesUp(failure, delivery)) {
                        throw failure;
                    }
                    deadLetters.deadLetter(record, null, failure);
                    onDeadLetter.answer(record, failure).forEach(this::publish);
                    return AcknowledgeType.REJECT;
                }
            }));
        } catch (ShopClosingException closing) {
            return Optional.empty();
        } catch (RuntimeException failure) {
            LOG.warn(failure, () -> "Delivery " + delivery + " of " + KafkaUtils.format(record)
                    + " failed; it goes back to the share group for another attempt");
            return Optional.of(AcknowledgeType.RELEASE);
        }
    }

    private void publish(Outgoing outgoing) {
        kafka.send(outgoing.topic().topicName(), outgoing.partition(), outgoing.event().key(), outgoing.event());
    }
}
