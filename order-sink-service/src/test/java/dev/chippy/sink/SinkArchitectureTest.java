package dev.chippy.sink;

import org.junit.jupiter.api.Test;

import dev.chippy.testsupport.ServiceBoundaries;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The record keeper's features depend one way. {@code record} stores what Kafka brings and
 * knows nothing of who reads it; {@code query} answers from what is stored; the live
 * {@code board} shows both; {@code sync} compares the stored positions with Kafka's; and
 * {@code kafka} asks Kafka where its topics end, for sync and the board. So record ← query ←
 * board, record ← sync, and nothing depends on the board or on sync.
 */
class SinkArchitectureTest {

    @Test
    void theFeaturesDependOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("record").definedBy("dev.chippy.sink.record..")
                .layer("query").definedBy("dev.chippy.sink.query..")
                .layer("board").definedBy("dev.chippy.sink.board..")
                .layer("sync").definedBy("dev.chippy.sink.sync..")
                .layer("kafka").definedBy("dev.chippy.sink.kafka..")
                .whereLayer("record").mayOnlyBeAccessedByLayers("query", "board", "sync")
                .whereLayer("query").mayOnlyBeAccessedByLayers("board")
                .whereLayer("board").mayNotBeAccessedByAnyLayer()
                .whereLayer("sync").mayNotBeAccessedByAnyLayer()
                .whereLayer("kafka").mayOnlyBeAccessedByLayers("board", "sync")
                .check(ServiceBoundaries.shopClasses());
    }

    @Test
    void theRecordKeeperDependsOnNoOtherService() {
        ServiceBoundaries.check("dev.chippy.sink");
    }
}
