package dev.chippy.sink.sync;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import dev.chippy.sink.kafka.TopicEnds;
import dev.chippy.sink.record.RecordKeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** When Kafka fails, {@code /sync} says so without passing on the broker's own words. */
class SyncControllerTest {

    @Test
    void aKafkaFailureIsA503ThatNamesTheProblemWithoutTheBrokersText() throws Exception {
        TopicEnds topicEnds = mock(TopicEnds.class);
        when(topicEnds.of(any(), any())).thenThrow(new ExecutionException(
                new TopicAuthorizationException("Not authorized to access topics: [chippy.orders] at broker-7.internal:9093")));
        SyncController sync = new SyncController(topicEnds, mock(RecordKeeper.class));

        ResponseStatusException refused = catchThrowableOfType(ResponseStatusException.class, sync::sync);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.getReason()).isEqualTo("Kafka did not answer; try again shortly").doesNotContain("broker-7");
    }
}
