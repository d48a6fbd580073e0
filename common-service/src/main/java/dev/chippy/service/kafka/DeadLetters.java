package dev.chippy.service.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import dev.chippy.event.ShopEvent;
import dev.chippy.topic.ShopTopic;

/**
 * Sends what a reader cannot handle to the topic's dead-letter topic ({@code <topic>.DLT},
 * same partition), with the reason in the record headers, so the reader can move on.
 *
 * <p>Chippy's readers take records in batches, inside a Kafka transaction (the kitchen)
 * or a database transaction (the record keeper). Spring's after-rollback processor can
 * only retry or dead-letter a batch as a whole, so the decision is made here, record by
 * record: a record that cannot be read, or carries an event that does not belong on its
 * topic, goes to the dead-letter topic at once; a record whose handling failed in a way
 * that may pass is retried with the whole batch until it has failed {@code maxAttempts}
 * times, and then goes to the dead-letter topic. The dead letter is published with the
 * caller's transactional producer, so it commits or aborts with the rest of the batch.
 */
public class DeadLetters {

    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(DeadLetters.class));

    private final DeadLetterPublishingRecoverer recoverer;
    private final int maxAttempts;
    private final Map<Position, Integer> failures = new ConcurrentHashMap<>();

    public DeadLetters(DeadLetterPublishingRecoverer recoverer, int maxAttempts) {
        this.recoverer = recoverer;
        this.maxAttempts = maxAttempts;
    }

    /**
     * The event of a record, or empty when the record is a dead letter (it could not be
     * read, or its event does not belong on its topic) and has been sent on.
     */
    public Optional<ShopEvent> readable(ConsumerRecord<String, ShopEvent> record, Consumer<?, ?> consumer) {
        return readable(record, consumer, (deadLetter, reason) -> { });
    }

    /** As {@link #readable(ConsumerRecord, Consumer)}, telling {@code sent} of a record sent on, and why. */
    public Optional<ShopEvent> readable(ConsumerRecord<String, ShopEvent> record, Consumer<?, ?> consumer,
                                        BiConsumer<ConsumerRecord<String, ShopEvent>, Exception> sent) {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        Exception reason = null;
        ShopEvent event = record.value();
        if (unreadable != null) {
            reason = unreadable;
        } else if (event == null) {
            reason = new UnexpectedEventException("the record has no value");
        } else if (!ShopTopic.named(record.topic()).carries(event)) {
            reason = new UnexpectedEventException(event.getClass().getSimpleName() + " does not belong on " + record.topic());
        }
        if (reason != null) {
            send(record, consumer, reason);
            sent.accept(record, reason);
            return Optional.empty();
        }
        return Optional.of(event);
    }

    /**
     * Decides what becomes of a record whose handling failed: rethrows the failure when
     * the record deserves another attempt (the batch rolls back and is polled again
     * after a back-off), or sends the record to its dead-letter topic.
     */
    public void handleFailure(ConsumerRecord<String, ShopEvent> record, Consumer<?, ?> consumer, RuntimeException failure) {
        Position position = Position.of(record);
        int attempts = failures.merge(position, 1, Integer::sum);
        if (mayPass(failure) && attempts < maxAttempts) {
            LOG.warn(failure, () -> "Attempt " + attempts + " of " + maxAttempts + " at "
                    + KafkaUtils.format(record) + " failed; the batch will be tried again");
            throw failure;
        }
        failures.remove(position);
        send(record, consumer, failure);
    }

    /**
     * Whether a record whose handling failed on its {@code attempt}th delivery goes to the
     * dead-letter topic now, for a reader that learns the attempt from Kafka (a share group
     * counts deliveries) rather than counting failures itself.
     */
    public boolean givesUp(RuntimeException failure, int attempt) {
        return !mayPass(failure) || attempt >= maxAttempts;
    }

    /** Forgets past failures of a record once it has been handled. */
    public void handled(ConsumerRecord<?, ?> record) {
        if (!failures.isEmpty()) {
            failures.remove(Position.of(record));
        }
    }

    /**
     * Sends a record its reader can read but never handle (a value the database cannot
     * hold, say) to its dead-letter topic at once, with {@code reason} in its headers.
     */
    public void deadLetter(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception reason) {
        failures.remove(Position.of(record));
        send(record, consumer, reason);
    }

    private void send(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception reason) {
        LOG.warn(() -> "Dead letter: " + KafkaUtils.format(record) + " goes to " + record.topic()
                + ShopTopic.DEAD_LETTER_SUFFIX + " because " + reason);
        recoverer.accept(record, consumer, reason);
    }

    /**
     * Failures of the message itself never pass: a bad value, a broken rule of the shop.
     * Anything else (a timeout, an unavailable resource) may.
     */
    static boolean mayPass(Throwable failure) {
        return !(failure instanceof IllegalArgumentException
                || failure instanceof UnexpectedEventException
                || failure instanceof NullPointerException
                || failure instanceof ClassCastException
                || failure instanceof UnsupportedOperationException
                || failure instanceof DeserializationException);
    }

    private record Position(TopicPartition partition, long offset) {
        static Position of(ConsumerRecord<?, ?> record) {
            return new Position(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
    }

    /** A record that is readable JSON but not an event its topic carries. */
    public static class UnexpectedEventException extends RuntimeException {
        public UnexpectedEventException(String message) {
            super(message);
        }
    }
}
