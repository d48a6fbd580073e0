package dev.chippy.sink.sync;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import dev.chippy.sink.record.RecordKeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** When Kafka fails, {@code /sync} says so without passing on the broker's own words. */
class SyncControllerTest {

    @Test
    void aKafkaFailureIsA503ThatNamesTheProblemWithoutTheBrokersText() {
        Admin admin = mock(Admin.class);
        KafkaFutureImpl<Map<String, org.apache.kafka.clients.admin.TopicDescription>> failed = new KafkaFutureImpl<>();
        failed.completeExceptionally(new TopicAuthorizationException("Not authorized to access topics: [chippy.orders] at broker-7.internal:9093"));
        DescribeTopicsResult described = mock(DescribeTopicsResult.class);
        when(described.allTopicNames()).thenReturn((KafkaFuture) failed);
        when(admin.describeTopics(anyCollection())).thenReturn(described);
        SyncController sync = new SyncController(admin, mock(RecordKeeper.class));

        ResponseStatusException refused = catchThrowableOfType(ResponseStatusException.class, sync::sync);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.getReason()).isEqualTo("Kafka did not answer; try again shortly").doesNotContain("broker-7");
    }
}
