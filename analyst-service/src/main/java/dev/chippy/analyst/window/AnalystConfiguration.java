package dev.chippy.analyst.window;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;

import dev.chippy.topic.ShopGroup;

/**
 * The analyst's Kafka Streams application. Boot builds its configuration from
 * {@code spring.kafka.*}; what makes it the shop's analyst is set here, once.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class AnalystConfiguration {

    @Autowired
    void countTheShop(StreamsBuilder builder, AnalystProperties properties, Clock clock) {
        ShopWindows.addTo(builder, properties.grace(), properties.readyWithin(), properties.retention(), clock);
    }

    /** Static: the streams builder this configures is what {@link #countTheShop} is given. */
    @Bean
    static StreamsBuilderFactoryBeanConfigurer theShopsAnalyst(AnalystProperties properties) {
        return factory -> {
            Properties streams = factory.getStreamsConfiguration();
            streams.putAll(settings(properties));
            factory.setStreamsConfiguration(streams);
            // A failure the handlers below did not catch ends one stream thread; another takes its place.
            factory.setStreamsUncaughtExceptionHandler(exception ->
                    StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        };
    }

    /** The settings that make the analyst what it is, over whatever {@code spring.kafka.streams} says. */
    static Properties settings(AnalystProperties properties) {
        Properties streams = new Properties();
        // The application id is the analyst's consumer group: named once, with the others.
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, ShopGroup.ANALYST);
        // Its threads' consumers are analyst-StreamThread-1-consumer and so on: the board names them analyst-1.
        streams.put(StreamsConfig.CLIENT_ID_CONFIG, "analyst");
        // Each record is counted once, whatever crashes: the counts, the offsets read and the
        // tallies written commit in one Kafka transaction.
        streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // The stores live in memory and are rebuilt from their changelog topics at every start:
        // a restart shows the changelog at work, and nothing native is loaded.
        streams.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(properties).toString());
        // A record that cannot be read, or that a step cannot handle, is logged and skipped, so
        // it never holds up a partition. The orders' and statuses' other readers (the preparers,
        // the record keeper) already send such a record to the topic's dead letters; the
        // analyst sending it again would only double it there (decision 18).
        streams.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        streams.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        return streams;
    }

    private static Path stateDir(AnalystProperties properties) {
        if (properties.stateDir() != null) {
            return properties.stateDir();
        }
        try {
            // One directory per process: two analysts on one machine must never share one.
            Path dir = Files.createTempDirectory("chippy-analyst-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("no directory for the analyst's state", e);
        }
    }

    @Bean
    KafkaStreamsInteractiveQueryService interactiveQueries(StreamsBuilderFactoryBean streams) {
        return new KafkaStreamsInteractiveQueryService(streams);
    }
}
