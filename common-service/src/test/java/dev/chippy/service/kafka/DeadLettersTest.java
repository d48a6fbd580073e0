package dev.chippy.service.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.ShopEvent;
import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** What becomes of a record its reader cannot handle: tried again, or sent to its dead-letter topic. */
class DeadLettersTest {

    private static final int MAX_ATTEMPTS = 3;

    private final DeadLetterPublishingRecoverer recoverer = mock(DeadLetterPublishingRecoverer.class);
    private final Consumer<?, ?> consumer = mock(Consumer.class);
    private final DeadLetters deadLetters = new DeadLetters(recoverer, MAX_ATTEMPTS);

    @ParameterizedTest(name = "{0} is the message''s own fault: it never passes")
    @ValueSource(classes = {IllegalArgumentException.class, NumberFormatException.class, NullPointerException.class,
            ClassCastException.class, UnsupportedOperationException.class, DeadLetters.UnexpectedEventException.class})
    void aFailureOfTheMessageItselfNeverPasses(Class<? extends RuntimeException> type) throws ReflectiveOperationException {
        assertThat(DeadLetters.mayPass(type.getConstructor(String.class).newInstance("bad"))).isFalse();
    }

    @Test
    void aValueThatCouldNotBeReadNeverPasses() {
        assertThat(DeadLetters.mayPass(new DeserializationException("unreadable", new byte[0], false, null))).isFalse();
    }

    @Test
    void aFailureOfTheWorldAroundMayPass() {
        assertThat(DeadLetters.mayPass(new TimeoutException("the broker did not answer"))).isTrue();
        assertThat(DeadLetters.mayPass(new IllegalStateException("the database is away"))).isTrue();
        assertThat(DeadLetters.mayPass(new RuntimeException("anything else"))).isTrue();
    }

    @Test
    void aFailureThatMayPassIsTriedAgainUntilItHasFailedMaxAttemptsTimesThenSentOn() {
        ConsumerRecord<String, ShopEvent> record = record(ShopTopic.ORDERS, 5, order());
        RuntimeException failure = new TimeoutException("the broker did not answer");

        assertTriedAgain(record, failure, MAX_ATTEMPTS - 1);
        verifyNoInteractions(recoverer);

        deadLetters.handleFailure(record, consumer, failure);

        verify(recoverer).accept(same(record), same(consumer), same(failure));
    }

    @Test
    void aFailureThatNeverPassesIsSentOnAtTheFirstAttempt() {
        ConsumerRecord<String, ShopEvent> record = record(ShopTopic.ORDERS, 5, order());
        RuntimeException failure = new IllegalArgumentException("an order of nothing");

        deadLetters.handleFailure(record, consumer, failure);

        verify(recoverer).accept(same(record), same(consumer), same(failure));
    }

    @Test
    void attemptsAreCountedForEachRecordOnItsOwn() {
        ConsumerRecord<String, ShopEvent> first = record(ShopTopic.ORDERS, 5, order());
        ConsumerRecord<String, ShopEvent> next = record(ShopTopic.ORDERS, 6, order());
        ConsumerRecord<String, ShopEvent> sameOffsetElsewhere = record(ShopTopic.ORDER_STATUS, 5, order());
        RuntimeException failure = new TimeoutException("the broker did not answer");

        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            assertTriedAgain(first, failure, 1);
            assertTriedAgain(next, failure, 1);
            assertTriedAgain(sameOffsetElsewhere, failure, 1);
        }

        verifyNoInteractions(recoverer);
    }

    @ParameterizedTest(name = "a record {0} is forgotten: read again, it has all its attempts again")
    @ValueSource(strings = {"handled at last", "sent on for another reason"})
    void aRecordHandledOrSentOnIsForgotten(String how) {
        ConsumerRecord<String, ShopEvent> record = record(ShopTopic.ORDERS, 5, order());
        RuntimeException failure = new TimeoutException("the broker did not answer");
        assertTriedAgain(record, failure, MAX_ATTEMPTS - 1);

        if (how.startsWith("handled")) {
            deadLetters.handled(record);
        } else {
            deadLetters.deadLetter(record, consumer, new IllegalArgumentException("too long for its column"));
        }

        assertTriedAgain(record, failure, MAX_ATTEMPTS - 1);
        verify(recoverer, never()).accept(any(), any(), same(failure));
    }

    @Test
    void anEventOnItsOwnTopicIsReadable() {
        OrderPlaced placed = order();

        assertThat(deadLetters.readable(record(ShopTopic.ORDERS, 5, placed), consumer)).contains(placed);
        verifyNoInteractions(recoverer);
    }

    @Test
    void anEventOnAnotherTopicIsSentOn() {
        ConsumerRecord<String, ShopEvent> record = record(ShopTopic.ORDER_STATUS, 5, order());

        assertThat(deadLetters.readable(record, consumer)).isEmpty();
        verify(recoverer).accept(same(record), same(consumer), any(DeadLetters.UnexpectedEventException.class));
    }

    @Test
    void aRecordWithoutAValueIsSentOn() {
        ConsumerRecord<String, ShopEvent> record = record(ShopTopic.ORDERS, 5, null);

        assertThat(deadLetters.readable(record, consumer)).isEmpty();
        verify(recoverer).accept(same(record), same(consumer), any(DeadLetters.UnexpectedEventException.class));
    }

    @Test
    void aValueThatCouldNotBeReadIsSentOnWithWhy() {
        // As the shop's consumers read it: the deserializer's failure travels in a header.
        RecordHeaders headers = new RecordHeaders();
        Deserializer<ShopEvent> failing = (topic, data) -> {
            throw new IllegalStateException("not JSON");
        };
        try (ErrorHandlingDeserializer<ShopEvent> reader = new ErrorHandlingDeserializer<>(failing)) {
            assertThat(reader.deserialize(ShopTopic.ORDERS.topicName(), headers, new byte[] {'x'})).isNull();
        }
        ConsumerRecord<String, ShopEvent> record = new ConsumerRecord<>(ShopTopic.ORDERS.topicName(), 0, 5, -1L,
                TimestampType.CREATE_TIME, 1, 1, "key", null, headers, Optional.empty());
        List<Exception> told = new ArrayList<>();

        assertThat(deadLetters.readable(record, consumer, (sent, why) -> told.add(why))).isEmpty();

        verify(recoverer).accept(same(record), same(consumer), any(DeserializationException.class));
        assertThat(told).singleElement().isInstanceOf(DeserializationException.class);
    }

    /** Fails the record {@code times} times, each time asking for another attempt (the failure rethrown). */
    private void assertTriedAgain(ConsumerRecord<String, ShopEvent> record, RuntimeException failure, int times) {
        for (int attempt = 1; attempt <= times; attempt++) {
            assertThatThrownBy(() -> deadLetters.handleFailure(record, consumer, failure)).isSameAs(failure);
        }
    }

    private static ConsumerRecord<String, ShopEvent> record(ShopTopic topic, long offset, ShopEvent event) {
        return new ConsumerRecord<>(topic.topicName(), 0, offset, "key", event);
    }

    private static OrderPlaced order() {
        return OrderPlaced.of(new Order(UUID.randomUUID(), "till-1", 1, Instant.parse("2026-03-14T12:00:00Z"),
                List.of(new OrderLine(Menu.standard().item("chips"), 1))));
    }
}
