package dev.chippy.service.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerIdentityTest {

    @Test
    void aConfiguredNameIsUsedAsItIs() {
        assertThat(WorkerIdentity.of("preparer-1", "preparer", true).name()).isEqualTo("preparer-1");
        assertThat(WorkerIdentity.of("preparer-1", "preparer").transactionIdPrefix()).isEqualTo("chippy-preparer-1-");
    }

    @Test
    void withoutANameEachWorkerGetsADifferentOne() {
        assertThat(WorkerIdentity.of(null, "cook").name()).matches("cook-[0-9a-f]{4}");
        assertThat(WorkerIdentity.of("", "cook").name()).startsWith("cook-");
    }

    @Test
    void aComposeReplicaIsNamedByItsNumber() {
        assertThat(WorkerIdentity.replicaNumber("chippy-preparer-service-3.chippy_default")).isEqualTo("3");
        assertThat(WorkerIdentity.replicaNumber("chippy-preparer-service-12")).isEqualTo("12");
        assertThat(WorkerIdentity.replicaNumber("a1b2c3d4e5f6")).isNull();
        assertThat(WorkerIdentity.replicaNumber("my-laptop.home.lan")).isNull();
        assertThat(WorkerIdentity.replicaNumber(null)).isNull();
    }
}
