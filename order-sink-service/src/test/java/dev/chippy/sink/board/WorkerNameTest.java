package dev.chippy.sink.board;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The lag chart names each partition's owner as the shop does, from its consumer's client id. */
class WorkerNameTest {

    @Test
    void aListenerContainersConsumerIsNamedAfterItsWorker() {
        assertThat(ConsumerLag.workerName("preparer-1-0")).isEqualTo("preparer-1");
        assertThat(ConsumerLag.workerName("cook-1-2")).isEqualTo("cook-1");
    }

    @Test
    void aKafkaStreamsThreadsConsumerIsNamedAfterItsApplicationAndThread() {
        assertThat(ConsumerLag.workerName("analyst-StreamThread-1-consumer")).isEqualTo("analyst-1");
        assertThat(ConsumerLag.workerName("analyst-StreamThread-12-consumer")).isEqualTo("analyst-12");
    }

    @Test
    void aPreparerOfAShareGroupIsOneWorkerThoughItIsAMemberPerTopic() {
        assertThat(ConsumerLag.shareWorkerName("preparer-4-orders")).isEqualTo("preparer-4");
        assertThat(ConsumerLag.shareWorkerName("preparer-4-cooked")).isEqualTo("preparer-4");
    }
}
